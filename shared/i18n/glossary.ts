/**
 * The fixed terms (issue 26): tiers, decisions, outcomes, reason codes, observed groups
 * and roles, as messages. Every screen, export and report names them through these, so a
 * term reads the same everywhere in each language; docs/glossary.md lists them for a
 * force's Welsh Language Officer. The journal keeps the codes, never these words.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { ReasonGroup } from '../decision-rules';
import type {
  DecisionKind,
  ObservedEthnicity,
  ObservedSex,
  OutcomeAction,
  OutcomeResult,
  Role,
  Tier,
} from '../vocabulary';

export const TIER_MESSAGES: Record<Tier, MessageDescriptor> = defineMessages({
  red: { id: 'glossary.tier.red', defaultMessage: 'Red', description: 'Watchlist tier: the most serious' },
  amber: { id: 'glossary.tier.amber', defaultMessage: 'Amber', description: 'Watchlist tier: middle' },
  green: {
    id: 'glossary.tier.green',
    defaultMessage: 'Green',
    description: 'Watchlist tier: the least serious',
  },
});

export const DECISION_MESSAGES: Record<DecisionKind, MessageDescriptor> = defineMessages({
  engage: {
    id: 'glossary.decision.engage',
    defaultMessage: 'Engage',
    description: 'Decision: officers go and speak to the person the alert is about',
  },
  'no-engage': {
    id: 'glossary.decision.no-engage',
    defaultMessage: 'No engage',
    description: 'Decision: officers do not approach the person',
  },
});

export const OUTCOME_RESULT_MESSAGES: Record<OutcomeResult, MessageDescriptor> = defineMessages({
  'confirmed-true': {
    id: 'glossary.outcome.confirmed-true',
    defaultMessage: 'Confirmed true',
    description: 'Outcome: the person engaged was the watchlist person',
  },
  'confirmed-false': {
    id: 'glossary.outcome.confirmed-false',
    defaultMessage: 'Confirmed false',
    description: 'Outcome: the person engaged was not the watchlist person (a false alert)',
  },
  'not-located': {
    id: 'glossary.outcome.not-located',
    defaultMessage: 'Not located',
    description: 'Outcome: officers could not find the person',
  },
});

export const OUTCOME_ACTION_MESSAGES: Record<OutcomeAction, MessageDescriptor> = defineMessages({
  arrest: {
    id: 'glossary.action.arrest',
    defaultMessage: 'Arrest',
    description: 'Action after an engagement',
  },
  'compliance-check': {
    id: 'glossary.action.compliance-check',
    defaultMessage: 'Compliance check',
    description: 'Action after an engagement: checking conditions (bail, order) are kept',
  },
  advice: {
    id: 'glossary.action.advice',
    defaultMessage: 'Advice given',
    description: 'Action after an engagement',
  },
  'no-further-action': {
    id: 'glossary.action.no-further-action',
    defaultMessage: 'No further action',
    description: 'Action after an engagement',
  },
  other: { id: 'glossary.action.other', defaultMessage: 'Other', description: 'Action after an engagement' },
});

export const REASON_GROUP_MESSAGES: Record<ReasonGroup, MessageDescriptor> = defineMessages({
  subject: {
    id: 'glossary.reason-group.subject',
    defaultMessage: 'Subject factors',
    description: 'Reason group',
  },
  system: {
    id: 'glossary.reason-group.system',
    defaultMessage: 'System factors',
    description: 'Reason group',
  },
  environment: {
    id: 'glossary.reason-group.environment',
    defaultMessage: 'Environment factors',
    description: 'Reason group',
  },
});

/** Reason codes (shared/decision-rules.ts REASON_CODES), by code. */
export const REASON_MESSAGES: Record<string, MessageDescriptor> = defineMessages({
  'subject-likeness-strong': {
    id: 'glossary.reason.subject-likeness-strong',
    defaultMessage: 'Strong facial likeness',
    description: 'Reason code',
  },
  'subject-distinctive-match': {
    id: 'glossary.reason.subject-distinctive-match',
    defaultMessage: 'Distinctive features match',
    description: 'Reason code: scars, marks or other distinctive features match',
  },
  'subject-features-differ': {
    id: 'glossary.reason.subject-features-differ',
    defaultMessage: 'Facial features differ',
    description: 'Reason code',
  },
  'subject-age-sex-differ': {
    id: 'glossary.reason.subject-age-sex-differ',
    defaultMessage: 'Apparent age or sex differs',
    description: 'Reason code',
  },
  'system-score-clear': {
    id: 'glossary.reason.system-score-clear',
    defaultMessage: 'Score clearly above threshold',
    description: 'Reason code: the matching score',
  },
  'system-score-marginal': {
    id: 'glossary.reason.system-score-marginal',
    defaultMessage: 'Score marginal to threshold',
    description: 'Reason code: the matching score is close to the threshold',
  },
  'system-reference-poor': {
    id: 'glossary.reason.system-reference-poor',
    defaultMessage: 'Reference image old or poor',
    description: 'Reason code: the watchlist image',
  },
  'system-probe-poor': {
    id: 'glossary.reason.system-probe-poor',
    defaultMessage: 'Probe image poor quality',
    description: 'Reason code: the live camera image (the probe)',
  },
  'env-location-consistent': {
    id: 'glossary.reason.env-location-consistent',
    defaultMessage: 'Location fits the intelligence',
    description: 'Reason code',
  },
  'env-unsafe-to-engage': {
    id: 'glossary.reason.env-unsafe-to-engage',
    defaultMessage: 'Crowd or safety prevents engagement',
    description: 'Reason code',
  },
  'env-subject-lost': {
    id: 'glossary.reason.env-subject-lost',
    defaultMessage: 'Subject out of view',
    description: 'Reason code',
  },
  'system-image-not-shown': {
    id: 'glossary.reason.system-image-not-shown',
    defaultMessage: 'An image could not be shown',
    description: 'Reason code: one of the two faces could not be displayed to the officer',
  },
  'env-lighting-occlusion': {
    id: 'glossary.reason.env-lighting-occlusion',
    defaultMessage: 'Lighting or face covered',
    description: 'Reason code',
  },
});

export const OBSERVED_SEX_MESSAGES: Record<ObservedSex, MessageDescriptor> = defineMessages({
  female: { id: 'glossary.observed-sex.female', defaultMessage: 'Female', description: 'Observed sex' },
  male: { id: 'glossary.observed-sex.male', defaultMessage: 'Male', description: 'Observed sex' },
  'not-recorded': {
    id: 'glossary.observed-sex.not-recorded',
    defaultMessage: 'Not recorded',
    description: 'Observed sex: the officer did not record it',
  },
});

/** The 2021 census broad ethnic groups, in the census's own Welsh and English names. */
export const OBSERVED_ETHNICITY_MESSAGES: Record<ObservedEthnicity, MessageDescriptor> = defineMessages({
  asian: {
    id: 'glossary.observed-ethnicity.asian',
    defaultMessage: 'Asian, Asian British or Asian Welsh',
    description: '2021 census broad ethnic group',
  },
  black: {
    id: 'glossary.observed-ethnicity.black',
    defaultMessage: 'Black, Black British, Black Welsh, Caribbean or African',
    description: '2021 census broad ethnic group',
  },
  mixed: {
    id: 'glossary.observed-ethnicity.mixed',
    defaultMessage: 'Mixed or multiple ethnic groups',
    description: '2021 census broad ethnic group',
  },
  white: {
    id: 'glossary.observed-ethnicity.white',
    defaultMessage: 'White',
    description: '2021 census broad ethnic group',
  },
  other: {
    id: 'glossary.observed-ethnicity.other',
    defaultMessage: 'Other ethnic group',
    description: '2021 census broad ethnic group',
  },
  'not-recorded': {
    id: 'glossary.observed-ethnicity.not-recorded',
    defaultMessage: 'Not recorded',
    description: 'Observed ethnic group: the officer did not record it',
  },
});

/** Short names of the groups for table columns and chart labels. */
export const OBSERVED_ETHNICITY_SHORT_MESSAGES: Record<ObservedEthnicity, MessageDescriptor> = defineMessages(
  {
    asian: {
      id: 'glossary.observed-ethnicity-short.asian',
      defaultMessage: 'Asian',
      description: 'Column heading',
    },
    black: {
      id: 'glossary.observed-ethnicity-short.black',
      defaultMessage: 'Black',
      description: 'Column heading',
    },
    mixed: {
      id: 'glossary.observed-ethnicity-short.mixed',
      defaultMessage: 'Mixed',
      description: 'Column heading',
    },
    white: {
      id: 'glossary.observed-ethnicity-short.white',
      defaultMessage: 'White',
      description: 'Column heading',
    },
    other: {
      id: 'glossary.observed-ethnicity-short.other',
      defaultMessage: 'Other',
      description: 'Column heading',
    },
    'not-recorded': {
      id: 'glossary.observed-ethnicity-short.not-recorded',
      defaultMessage: 'Not recorded',
      description: 'Column heading',
    },
  },
);

export const ROLE_MESSAGES: Record<Role, MessageDescriptor> = defineMessages({
  officer: {
    id: 'glossary.role.officer',
    defaultMessage: 'Officer',
    description: 'Role of a person at the station',
  },
  supervisor: {
    id: 'glossary.role.supervisor',
    defaultMessage: 'Supervisor',
    description: 'Role: reviews decisions and replays deployments',
  },
});

/** Nouns used across the interface and the reports. */
export const TERM_MESSAGES = defineMessages({
  alert: {
    id: 'glossary.term.alert',
    defaultMessage: 'Alert',
    description: 'A possible match raised by the system',
  },
  watchlist: {
    id: 'glossary.term.watchlist',
    defaultMessage: 'Watchlist',
    description: 'The list of people sought in a deployment',
  },
  probe: {
    id: 'glossary.term.probe',
    defaultMessage: 'Probe image',
    description: 'The live camera image of the passing face',
  },
  reference: {
    id: 'glossary.term.reference',
    defaultMessage: 'Watchlist image',
    description: 'The image of the watchlist person the probe was compared with',
  },
  threshold: {
    id: 'glossary.term.threshold',
    defaultMessage: 'Threshold',
    description: 'The score above which the system raises an alert',
  },
  deployment: {
    id: 'glossary.term.deployment',
    defaultMessage: 'Deployment',
    description: 'One authorised use of the cameras at a place and time',
  },
  police: { id: 'glossary.term.police', defaultMessage: 'Police', description: 'As in the name of a force' },
});
