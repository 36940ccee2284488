/**
 * Whether the decision form may be submitted, and why not. The rules are the shared
 * composition main refuses a request with too (decisionProblems); what is added here is
 * about this screen (read-only, images not yet rendered, the second officer's fields).
 */
import {
  DEFAULT_DWELL_MS,
  decisionProblems,
  needsSecondOfficer as twoPersonRule,
  type DecisionDraft,
  type Problem,
} from '../../../shared/decision-rules';
import type { RequestPayload } from '../../../shared/contract';
import type { ProblemLike } from '../../../shared/problem-messages';
import type { AccessView, StationAlert, StationSettings } from '../../../shared/view';
export interface SecondOfficer {
  id: string;
  name: string;
  note: string;
  /** Real feed: the second officer's own password (sent once with the decision, never kept). */
  password: string;
}

/**
 * How the second officer proves who they are: typed on the training feed; on a real feed
 * their own password or their single sign-on (the core checks either).
 */
export type SecondProof =
  | { kind: 'typed' }
  | {
      kind: 'credential';
      sso: { provider: string } | null;
      provedBySso: { id: string; name: string } | null;
    };

export function secondProofOf(access: AccessView | null | undefined): SecondProof {
  if (!access || access.methods.training) return { kind: 'typed' };
  return { kind: 'credential', sso: access.methods.sso, provedBySso: access.secondOfficer };
}

/** The confirmation the decision request carries, in the form the core expects for this proof. */
export function confirmationOf(
  second: SecondOfficer,
  proof: SecondProof,
): RequestPayload<'recordDecision'>['confirmation'] {
  const note = second.note.trim();
  if (proof.kind === 'typed') return { id: second.id.trim(), name: second.name.trim(), note };
  if (proof.provedBySso && !second.password) return { method: 'oidc', note };
  return { method: 'local', id: second.id.trim(), password: second.password, note };
}

export interface DecisionFormDraft extends DecisionDraft {
  second: SecondOfficer;
  /** Why the recorded outcome no longer stands, when an amendment contradicts it. */
  outcomeNote: string;
}

/** A code (translated on screen, shared/problem-messages.ts) and the English words. */
export interface FormProblem extends ProblemLike {
  field: 'decision' | 'reasons' | 'rationale' | 'images' | 'dwell' | 'confirmation' | 'station' | 'amendment';
}

export const emptyDecisionDraft = (): DecisionFormDraft => ({
  decision: null,
  reasons: [],
  rationale: '',
  second: { id: '', name: '', note: '', password: '' },
  outcomeNote: '',
});

export function needsSecondOfficer(
  alert: StationAlert,
  settings: StationSettings,
  draft: DecisionFormDraft,
): boolean {
  return twoPersonRule(draft.decision, alert.subject.tier, settings.twoPersonTiers);
}

interface FormContext {
  alert: StationAlert;
  settings: StationSettings;
  draft: DecisionFormDraft;
  /** Both images have fired load with pixels in this view. */
  rendered: boolean;
  /** Main's record of first display (snapshot, or the alertShown answer). */
  shownAt: string | null;
  /** Station time in ms. */
  now: number;
  /** How long the images have been on screen, on the station's monotonic clock (monotonic.ts); else now - shownAt. */
  lookedMs?: number;
  operatorId: string | null;
  fatal: string | null;
  /** How the second officer proves who they are (default: typed, the training feed). */
  secondProof?: SecondProof;
}

/** The second officer's fields are filled in as this proof needs. */
function secondGiven(second: SecondOfficer, proof: SecondProof): boolean {
  const { id, name, note, password } = second;
  return proof.kind === 'typed'
    ? Boolean(id.trim() && name.trim() && note.trim())
    : Boolean(note.trim() && (proof.provedBySso || (id.trim() && password)));
}

/** The shared rule's reason as this screen says it (the images are rendered; main is yet to record it). */
function onScreen(p: Problem, proof: SecondProof): FormProblem {
  if (p.code === 'images-not-shown')
    return {
      field: 'images',
      code: 'images-waiting',
      message: 'Waiting for the station to record that the images are shown.',
    };
  if (p.field !== 'confirmation') return p;
  return proof.kind === 'typed'
    ? { ...p, message: 'Engaging on this tier needs a second officer: ID, name and confirmation note.' }
    : {
        ...p,
        message:
          'Engaging on this tier needs a second officer: their ID and own password (or their single sign-on), and a confirmation note.',
      };
}

/** What stops the decision from being submitted, in the language on screen now. */
export function formProblems(ctx: FormContext): FormProblem[] {
  const problems: FormProblem[] = [];
  if (ctx.fatal)
    problems.push({
      field: 'station',
      code: 'station-read-only',
      message: 'The station is read-only; nothing can be recorded.',
    });
  const notShown = ctx.alert.facesNotShown ?? [];
  const proof = ctx.secondProof ?? { kind: 'typed' };
  const shownAt = ctx.shownAt === null ? null : Date.parse(ctx.shownAt);
  const dwellMs = Number.isFinite(ctx.settings.dwellMs) ? ctx.settings.dwellMs : DEFAULT_DWELL_MS;
  // Measured as the core measures it: a duration, not the distance between two wall-clock readings.
  const looked =
    shownAt !== null && ctx.lookedMs !== undefined
      ? { shownAt: 0, now: ctx.lookedMs }
      : { shownAt, now: ctx.now };
  const shared = decisionProblems(
    ctx.draft,
    { ...looked, dwellMs },
    {
      tier: ctx.alert.subject.tier,
      twoPersonTiers: ctx.settings.twoPersonTiers,
      facesNotShown: notShown,
      outcomes: ctx.alert.outcomes,
      amendOutcome: { note: ctx.draft.outcomeNote },
      confirmed: secondGiven(ctx.draft.second, proof),
      secondProof: proof.kind,
    },
  );
  // A face the station recorded as not shown: decidable (No engage, saying so) after the dwell.
  const unrendered = !ctx.rendered && notShown.length === 0;
  if (unrendered)
    problems.push({
      field: 'images',
      code: 'images-not-shown',
      message: 'Both images must be on screen first.',
    });
  for (const p of shared)
    if (!(unrendered && (p.code === 'images-not-shown' || p.code === 'dwell')))
      problems.push(onScreen(p, proof));
  const { id } = ctx.draft.second;
  if (
    needsSecondOfficer(ctx.alert, ctx.settings, ctx.draft) &&
    secondGiven(ctx.draft.second, proof) &&
    ctx.operatorId &&
    id.trim().toLowerCase() === ctx.operatorId.trim().toLowerCase()
  )
    problems.push({
      field: 'confirmation',
      code: 'confirmation-same-officer',
      message: 'The second officer must be someone other than you.',
    });
  return problems;
}
