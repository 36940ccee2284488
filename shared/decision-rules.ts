/**
 * What makes a decision complete. The form in the renderer and the station in main
 * run this same rule, so the button and the journal can never disagree.
 */
import type { DecisionKind } from './feed/schemas';
import { OUTCOME_ACTION_LABELS, OUTCOME_RESULT_LABELS } from './vocabulary';

export const MIN_RATIONALE = 20;
export const MAX_RATIONALE = 2000;
export { DEFAULT_DWELL_MS } from './vocabulary';

export type ReasonGroup = 'subject' | 'system' | 'environment';

interface ReasonCode {
  code: string;
  group: ReasonGroup;
  label: string;
}

export const REASON_CODES: readonly ReasonCode[] = [
  { code: 'subject-likeness-strong', group: 'subject', label: 'Strong facial likeness' },
  { code: 'subject-distinctive-match', group: 'subject', label: 'Distinctive features match' },
  { code: 'subject-features-differ', group: 'subject', label: 'Facial features differ' },
  { code: 'subject-age-sex-differ', group: 'subject', label: 'Apparent age or sex differs' },
  { code: 'system-score-clear', group: 'system', label: 'Score clearly above threshold' },
  { code: 'system-score-marginal', group: 'system', label: 'Score marginal to threshold' },
  { code: 'system-reference-poor', group: 'system', label: 'Reference image old or poor' },
  { code: 'system-probe-poor', group: 'system', label: 'Probe image poor quality' },
  { code: 'env-location-consistent', group: 'environment', label: 'Location fits the intelligence' },
  { code: 'env-unsafe-to-engage', group: 'environment', label: 'Crowd or safety prevents engagement' },
  { code: 'env-subject-lost', group: 'environment', label: 'Subject out of view' },
  { code: 'env-lighting-occlusion', group: 'environment', label: 'Lighting or face covered' },
];

/**
 * The reason that says a face could not be shown (its file gone, or it would not decode
 * on screen). Not one of the checkboxes every alert offers: the form offers it only when
 * the station recorded that a face of the alert was not shown, and then it is required
 * (lfr-feed-v1 asks for "at least one code" and lists none, so the code is the station's).
 */
export const IMAGE_NOT_SHOWN: ReasonCode = {
  code: 'system-image-not-shown',
  group: 'system',
  label: 'An image could not be shown',
};

/** Every code a decision may carry, for labels (history, PDF) and checking. */
const ALL_REASON_CODES: readonly ReasonCode[] = [...REASON_CODES, IMAGE_NOT_SHOWN];

const KNOWN_CODES = new Set(ALL_REASON_CODES.map((r) => r.code));

/** The two faces an officer compares. */
type FaceRole = 'probe' | 'subject';

const FACE_WORDS: Record<FaceRole, string> = { probe: 'live camera face', subject: 'watchlist face' };

/**
 * A decision on an alert whose face the station recorded as not shown: nobody can say a
 * person matches a face they did not see, so only No engage may be recorded, and it must
 * say why (IMAGE_NOT_SHOWN). With both faces shown that reason does not apply.
 */
function unseenFaceProblems(
  decision: DecisionKind | null,
  reasons: readonly string[],
  notShown: readonly FaceRole[],
): Problem[] {
  const cited = reasons.includes(IMAGE_NOT_SHOWN.code);
  if (notShown.length === 0)
    return cited
      ? [
          {
            field: 'reasons',
            code: 'image-reason-inapplicable',
            message: `Both faces were shown: "${IMAGE_NOT_SHOWN.label}" does not apply.`,
          },
        ]
      : [];
  const which = notShown.map((r) => FACE_WORDS[r]).join(' and the ');
  // For the translated words: which face, or both.
  const faces = notShown.length > 1 ? 'both' : (notShown[0] ?? 'both');
  const problems: Problem[] = [];
  if (decision === 'engage')
    problems.push({
      field: 'images',
      code: 'engage-needs-both-faces',
      values: { faces },
      message: `The ${which} could not be shown: Engage needs both faces on screen. Record No engage, or wait for the image to be sent again.`,
    });
  if (!cited)
    problems.push({
      field: 'reasons',
      code: 'image-reason-needed',
      values: { faces },
      message: `The ${which} could not be shown: choose the reason "${IMAGE_NOT_SHOWN.label}".`,
    });
  return problems;
}

export interface DecisionDraft {
  decision: DecisionKind | null;
  reasons: string[];
  rationale: string;
}

interface DecisionContext {
  /** When the alert was first shown with both images rendered; null if never. */
  shownAt: number | null;
  now: number;
  dwellMs: number;
}

/**
 * Why a decision cannot be recorded yet. `code` and `values` are what a screen translates
 * (shared/problem-messages.ts); `message` is the same in English, for the journal, the logs
 * and main's refusal of a request.
 */
export interface Problem {
  field: 'decision' | 'reasons' | 'rationale' | 'images' | 'dwell' | 'amendment' | 'confirmation';
  code: ProblemCode;
  values?: Record<string, string | number>;
  message: string;
}

/** Every reason the shared rule gives (the screen adds its own: see FORM_PROBLEM_CODES). */
export type ProblemCode =
  | 'decision-missing'
  | 'reasons-none'
  | 'reasons-unknown'
  | 'reasons-twice'
  | 'rationale-short'
  | 'rationale-long'
  | 'images-not-shown'
  | 'image-reason-inapplicable'
  | 'engage-needs-both-faces'
  | 'image-reason-needed'
  | 'dwell'
  | 'amendment-contradicts-outcome'
  | 'confirmation-missing-typed'
  | 'confirmation-missing-credential';

/** Problems with the draft itself (what the officer typed and chose). */
export function draftProblems(draft: DecisionDraft): Problem[] {
  const problems: Problem[] = [];
  if (draft.decision !== 'engage' && draft.decision !== 'no-engage')
    problems.push({ field: 'decision', code: 'decision-missing', message: 'Choose Engage or No engage.' });
  if (draft.reasons.length === 0)
    problems.push({ field: 'reasons', code: 'reasons-none', message: 'Choose at least one reason.' });
  const unknown = draft.reasons.filter((r) => !KNOWN_CODES.has(r));
  if (unknown.length)
    problems.push({
      field: 'reasons',
      code: 'reasons-unknown',
      values: { codes: unknown.join(', ') },
      message: `Unknown reason code: ${unknown.join(', ')}.`,
    });
  if (new Set(draft.reasons).size !== draft.reasons.length)
    problems.push({ field: 'reasons', code: 'reasons-twice', message: 'A reason is listed twice.' });
  const length = draft.rationale.trim().length;
  if (length < MIN_RATIONALE)
    problems.push({
      field: 'rationale',
      code: 'rationale-short',
      values: { min: MIN_RATIONALE, length },
      message: `Write at least ${MIN_RATIONALE} characters of rationale (${length} so far).`,
    });
  if (draft.rationale.length > MAX_RATIONALE)
    problems.push({
      field: 'rationale',
      code: 'rationale-long',
      values: { max: MAX_RATIONALE },
      message: `Rationale is limited to ${MAX_RATIONALE} characters.`,
    });
  return problems;
}

/** Problems with the moment: were both images seen, and for long enough. */
export function contextProblems(ctx: DecisionContext): Problem[] {
  if (ctx.shownAt === null)
    return [{ field: 'images', code: 'images-not-shown', message: 'Both images must be on screen first.' }];
  const left = ctx.shownAt + ctx.dwellMs - ctx.now;
  if (left > 0) {
    const seconds = Math.ceil(left / 1000);
    return [
      {
        field: 'dwell',
        code: 'dwell',
        values: { seconds },
        message: `Look at the images for ${seconds} s more.`,
      },
    ];
  }
  return [];
}

/** The two-person rule: an engage on a tier the settings name needs a second officer. */
export function needsSecondOfficer(
  decision: DecisionKind | null,
  tier: string,
  twoPersonTiers: readonly string[],
): boolean {
  return decision === 'engage' && twoPersonTiers.includes(tier);
}

/** What the rules need of the alert decided and of the second officer's confirmation. */
interface DecisionSubject {
  tier: string;
  twoPersonTiers: readonly string[];
  /** Faces the station recorded as not shown. */
  facesNotShown: readonly FaceRole[];
  outcomes: readonly OutcomeOnRecord[];
  /** Why a contradicted outcome no longer stands (an amendment to No engage). */
  amendOutcome: { note: string } | undefined;
  /** A second officer's confirmation is given in full. */
  confirmed: boolean;
  /** How the second officer proves who they are: typed (training feed) or their own credential. */
  secondProof: 'typed' | 'credential';
}

/** An engage on a two-person tier without a second officer's confirmation. */
function twoPersonProblems(decision: DecisionKind | null, subject: DecisionSubject): Problem[] {
  if (!needsSecondOfficer(decision, subject.tier, subject.twoPersonTiers) || subject.confirmed) return [];
  return [
    {
      field: 'confirmation',
      code:
        subject.secondProof === 'typed' ? 'confirmation-missing-typed' : 'confirmation-missing-credential',
      values: { tier: subject.tier },
      message: `an engage decision on a ${subject.tier} alert needs a second officer to confirm`,
    },
  ];
}

/**
 * Every reason a decision cannot be recorded, in one order: the moment (images, dwell), the
 * draft, an unseen face, a contradicted outcome, the two-person rule. The core refuses a
 * request with these (officer.ts) and the form disables its button with them (form-rules.ts).
 */
export function decisionProblems(
  draft: DecisionDraft,
  ctx: DecisionContext,
  subject: DecisionSubject,
): Problem[] {
  return [
    ...contextProblems(ctx),
    ...draftProblems(draft),
    ...unseenFaceProblems(draft.decision, draft.reasons, subject.facesNotShown),
    ...amendmentProblems(draft.decision, subject.outcomes, subject.amendOutcome),
    ...twoPersonProblems(draft.decision, subject),
  ];
}

/** An outcome on record, as much of it as the amendment rule needs. */
interface OutcomeOnRecord {
  revision: number;
  result: string;
  action?: string | null;
}

const OUTCOME_WORDS: Record<string, string> = { ...OUTCOME_RESULT_LABELS, ...OUTCOME_ACTION_LABELS };

/** The recorded outcome an amendment to No engage contradicts, as codes a screen translates. */
export interface Contradiction {
  revision: number;
  result: string;
  action: string | null;
}

/**
 * An outcome says what came of an engagement. Amending the decision to No engage while
 * one is on record contradicts it: the amendment must say so, and the outcome is amended
 * with it (a new outcome revision carrying the officer's note), never left standing silently.
 * Returns the outcome contradicted, or null when there is none.
 */
function contradictionOf(
  decision: DecisionKind | null,
  outcomes: readonly OutcomeOnRecord[],
): Contradiction | null {
  const last = outcomes[outcomes.length - 1];
  if (decision !== 'no-engage' || !last) return null;
  return { revision: last.revision, result: last.result, action: last.action ?? null };
}

/** The contradiction in English words (the journal, main's refusal), or null when there is none. */
export function outcomeContradiction(
  decision: DecisionKind | null,
  outcomes: readonly OutcomeOnRecord[],
): string | null {
  const c = contradictionOf(decision, outcomes);
  if (!c) return null;
  const words = [c.result, c.action]
    .filter((w): w is string => Boolean(w))
    .map((w) => OUTCOME_WORDS[w] ?? w)
    .join(', ');
  return `No engage contradicts the recorded outcome (outcome ${c.revision}: ${words}).`;
}

/** Problems with an amendment that contradicts a recorded outcome: the outcome must be amended too. */
export function amendmentProblems(
  decision: DecisionKind | null,
  outcomes: readonly OutcomeOnRecord[],
  amendOutcome: { note: string } | undefined,
): Problem[] {
  const contradiction = contradictionOf(decision, outcomes);
  if (!contradiction || amendOutcome?.note.trim()) return [];
  return [
    {
      field: 'amendment',
      code: 'amendment-contradicts-outcome',
      values: {
        revision: contradiction.revision,
        result: contradiction.result,
        action: contradiction.action ?? '',
      },
      message: `${outcomeContradiction(decision, outcomes)} Amend the outcome too: write why it no longer stands.`,
    },
  ];
}
