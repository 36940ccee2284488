/** What the open alert's side panel shows, derived once for rendering and shortcuts alike. */
import type { AlertView } from '../../shared/view';
import {
  emptyDecisionDraft,
  formProblems,
  needsSecondOfficer,
  type DecisionFormDraft,
  type FormProblem,
} from './form-rules';
import type { StationUiState } from './store';

export interface OpenReview {
  alert: AlertView;
  /** Which decision form, if any, takes input now. */
  form: 'decide' | 'amend' | null;
  draft: DecisionFormDraft;
  problems: FormProblem[];
  needsSecond: boolean;
}

export function openReview(state: StationUiState): OpenReview | null {
  const { snapshot, openAlertId } = state;
  if (!snapshot || !openAlertId) return null;
  const alert = snapshot.alerts.find((a) => a.alertId === openAlertId);
  if (!alert) return null;
  const form =
    alert.status === 'pending'
      ? 'decide'
      : alert.status === 'decided' && state.amending[alert.alertId]
        ? 'amend'
        : null;
  const draft = state.drafts[alert.alertId] ?? emptyDecisionDraft();
  const slots = state.rendered[alert.alertId];
  const problems = form
    ? formProblems({
        alert,
        settings: snapshot.settings,
        draft,
        rendered: Boolean(slots?.probe && slots.subject),
        shownAt: alert.shownAt ?? state.shownAt[alert.alertId] ?? null,
        now: state.now,
        operatorId: snapshot.operator?.id ?? null,
        fatal: snapshot.fatal,
      })
    : [];
  return { alert, form, draft, problems, needsSecond: needsSecondOfficer(alert, snapshot.settings, draft) };
}
