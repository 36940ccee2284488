/**
 * Every closed list and limit the station speaks in, written once: tiers, decisions,
 * outcomes, roles, sign-in methods, welfare answers, the NPL threshold, and the station
 * settings with their ranges and defaults. The wire schemas, the bridge contract, the
 * journal's entry shapes, the settings file and the forms all take them from here.
 * (Reason codes, with their labels and groups, live with the decision rule in
 * decision-rules.ts.)
 */
import { z } from 'zod';

export const TIERS = ['red', 'amber', 'green'] as const;
export const tierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof tierSchema>;

export const decisionKindSchema = z.enum(['engage', 'no-engage']);
export type DecisionKind = z.infer<typeof decisionKindSchema>;

export const OUTCOME_RESULTS = ['confirmed-true', 'confirmed-false', 'not-located'] as const;
export const outcomeResultSchema = z.enum(OUTCOME_RESULTS);
export type OutcomeResult = z.infer<typeof outcomeResultSchema>;

export const OUTCOME_ACTIONS = [
  'arrest',
  'compliance-check',
  'advice',
  'no-further-action',
  'other',
] as const;
export const outcomeActionSchema = z.enum(OUTCOME_ACTIONS);
export type OutcomeAction = z.infer<typeof outcomeActionSchema>;

/** The words a person reads for each outcome result and action (forms, replay, reports). */
export const OUTCOME_RESULT_LABELS: Record<OutcomeResult, string> = {
  'confirmed-true': 'Confirmed true',
  'confirmed-false': 'Confirmed false',
  'not-located': 'Not located',
};
export const OUTCOME_ACTION_LABELS: Record<OutcomeAction, string> = {
  arrest: 'Arrest',
  'compliance-check': 'Compliance check',
  advice: 'Advice given',
  'no-further-action': 'No further action',
  other: 'Other',
};

/**
 * Equality monitoring (lfr-feed-v1 `outcome.observed`): the engagement officer's
 * perception of the person engaged, in the 2021 census's five broad ethnic groups as
 * in stop and search. Optional; "not-recorded" when absent. Never shown on the live screen.
 */
export const OBSERVED_SEXES = ['female', 'male', 'not-recorded'] as const;
export const observedSexSchema = z.enum(OBSERVED_SEXES);
export type ObservedSex = z.infer<typeof observedSexSchema>;

export const OBSERVED_ETHNICITIES = ['asian', 'black', 'mixed', 'white', 'other', 'not-recorded'] as const;
export const observedEthnicitySchema = z.enum(OBSERVED_ETHNICITIES);
export type ObservedEthnicity = z.infer<typeof observedEthnicitySchema>;

/** `{ sex?, ethnicity? }`: a member left out is "not-recorded". */
export const observedSchema = z.object({
  sex: observedSexSchema.optional(),
  ethnicity: observedEthnicitySchema.optional(),
});
export type Observed = z.infer<typeof observedSchema>;

/** The form's words (the census 2021 names of the broad groups). */
export const OBSERVED_SEX_LABELS: Record<ObservedSex, string> = {
  female: 'Female',
  male: 'Male',
  'not-recorded': 'Not recorded',
};
export const OBSERVED_ETHNICITY_LABELS: Record<ObservedEthnicity, string> = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
  'not-recorded': 'Not recorded',
};
/** Short names for the columns of tables and charts. */
export const OBSERVED_ETHNICITY_SHORT: Record<ObservedEthnicity, string> = {
  asian: 'Asian',
  black: 'Black',
  mixed: 'Mixed',
  white: 'White',
  other: 'Other',
  'not-recorded': 'Not recorded',
};

export const roleSchema = z.enum(['officer', 'supervisor']);
export type Role = z.infer<typeof roleSchema>;

/** How a person proved who they are at sign-in (journal-v1, `operator-signed-in`). */
export const signInMethodSchema = z.enum(['training', 'local', 'oidc']);
export type SignInMethod = z.infer<typeof signInMethodSchema>;

export const welfareActionSchema = z.enum(['break-taken', 'continue']);
export type WelfareAction = z.infer<typeof welfareActionSchema>;

/** A supervisor's verdict on a decision they review. */
export const reviewVerdictSchema = z.enum(['countersign', 'disagree']);
export type ReviewVerdict = z.infer<typeof reviewVerdictSchema>;

/** What a replay can be exported as. */
export const exportKindSchema = z.enum(['csv', 'pdf', 'bundle']);
export type ExportKind = z.infer<typeof exportKindSchema>;

/** NPL (2023): demographic differences in false matches appeared below this threshold. */
export const NPL_THRESHOLD = 0.6;

/** How long both images must be on screen before a decision can be made, unless set otherwise. */
export const DEFAULT_DWELL_MS = 2000;

/** The range each numeric station setting may take, in milliseconds. */
export const SETTING_RANGES = {
  dwellMs: { min: 0, max: 60_000 },
  escalateAfterMs: { min: 10_000, max: 3_600_000 },
  breakAfterMs: { min: 60_000, max: 8 * 3_600_000 },
  backlogTargetMs: { min: 10_000, max: 3_600_000 },
} as const;

const ranged = (key: keyof typeof SETTING_RANGES) =>
  z.number().int().min(SETTING_RANGES[key].min).max(SETTING_RANGES[key].max);

/** Each station setting's schema: the bridge request, the settings file and the journal use these. */
export const settingsShape = {
  dwellMs: ranged('dwellMs'),
  escalateAfterMs: ranged('escalateAfterMs'),
  breakAfterMs: ranged('breakAfterMs'),
  sound: z.boolean(),
  /** Tiers on which an engage needs a second officer's confirmation. */
  twoPersonTiers: z.array(tierSchema).max(TIERS.length),
  /**
   * On a shared deployment, how long the oldest waiting alert of each tier may wait before
   * the supervisor's seat raises the backlog alarm (issue 22).
   */
  backlogTargetsMs: z
    .object({
      red: ranged('backlogTargetMs'),
      amber: ranged('backlogTargetMs'),
      green: ranged('backlogTargetMs'),
    })
    .strict(),
};
export const stationSettingsSchema = z.object(settingsShape);
export type StationSettings = z.infer<typeof stationSettingsSchema>;

export const DEFAULT_SETTINGS: StationSettings = {
  dwellMs: DEFAULT_DWELL_MS,
  escalateAfterMs: 120_000,
  breakAfterMs: 45 * 60_000,
  sound: true,
  twoPersonTiers: [],
  backlogTargetsMs: { red: 60_000, amber: 3 * 60_000, green: 10 * 60_000 },
};
