/**
 * Whether the decision form may be submitted, and why not. The draft rules are the
 * shared ones main applies too; the rest are about this screen (images, dwell, two-person).
 */
import {
  DEFAULT_DWELL_MS,
  contextProblems,
  draftProblems,
  type DecisionDraft,
} from '../../shared/decision-rules';
import type { AlertView, StationSettings } from '../../shared/view';

export interface SecondOfficer {
  id: string;
  name: string;
  note: string;
}

export interface DecisionFormDraft extends DecisionDraft {
  second: SecondOfficer;
}

export interface FormProblem {
  field: 'decision' | 'reasons' | 'rationale' | 'images' | 'dwell' | 'confirmation' | 'station' | 'amendment';
  message: string;
}

export const emptyDecisionDraft = (): DecisionFormDraft => ({
  decision: null,
  reasons: [],
  rationale: '',
  second: { id: '', name: '', note: '' },
});

export function needsSecondOfficer(
  alert: AlertView,
  settings: StationSettings,
  draft: DecisionFormDraft,
): boolean {
  return draft.decision === 'engage' && settings.twoPersonTiers.includes(alert.subject.tier);
}

export interface FormContext {
  alert: AlertView;
  settings: StationSettings;
  draft: DecisionFormDraft;
  /** Both images have fired load with pixels in this view. */
  rendered: boolean;
  /** Main's record of first display (snapshot, or the alertShown answer). */
  shownAt: string | null;
  /** Station time in ms. */
  now: number;
  operatorId: string | null;
  fatal: string | null;
}

export function formProblems(ctx: FormContext): FormProblem[] {
  const problems: FormProblem[] = [];
  if (ctx.fatal)
    problems.push({ field: 'station', message: 'The station is read-only; nothing can be recorded.' });
  if (!ctx.rendered) problems.push({ field: 'images', message: 'Both images must be on screen first.' });
  else {
    const shownAt = ctx.shownAt === null ? null : Date.parse(ctx.shownAt);
    const dwellMs = Number.isFinite(ctx.settings.dwellMs) ? ctx.settings.dwellMs : DEFAULT_DWELL_MS;
    for (const p of contextProblems({ shownAt, now: ctx.now, dwellMs })) {
      problems.push(
        p.field === 'images'
          ? { field: 'images', message: 'Waiting for the station to record that the images are shown.' }
          : p,
      );
    }
  }
  problems.push(...draftProblems(ctx.draft));
  if (needsSecondOfficer(ctx.alert, ctx.settings, ctx.draft)) {
    const { id, name, note } = ctx.draft.second;
    if (!id.trim() || !name.trim() || !note.trim())
      problems.push({
        field: 'confirmation',
        message: 'Engaging on this tier needs a second officer: ID, name and confirmation note.',
      });
    else if (ctx.operatorId && id.trim().toLowerCase() === ctx.operatorId.trim().toLowerCase())
      problems.push({ field: 'confirmation', message: 'The second officer must be someone other than you.' });
  }
  return problems;
}
