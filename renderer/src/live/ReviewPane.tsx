import { memo, useDeferredValue } from 'react';
import { FormattedMessage } from 'react-intl';
/** The open alert: its faces and facts, the decision or amendment form, the outcome and the history. */
import { IMAGE_NOT_SHOWN, outcomeContradiction } from '../../../shared/decision-rules';
import type { StationAlert as Alert } from '../../../shared/view';
import { AlertView } from '../components/AlertView';
import { DecisionForm } from '../components/DecisionForm';
import { History } from '../components/History';
import { OutcomeForm } from '../components/OutcomeForm';
import {
  emptyOutcomeDraft,
  outcomeProblems,
  selectOpenAlert,
  selectOpenReview,
  useStation,
  useStationStore,
  usePlainStation,
} from '../state';
import { Ago } from '../components/Ago';
import { ViewerTools } from './ViewerTools';
import { AlertActions } from '../room/AlertActions';
import { RepeatStrip, useRepeatShortcut } from '../room/RepeatStrip';
import { secondProofOf } from '../state/form-rules';

export function ReviewPane() {
  const alert = useStation(selectOpenAlert);
  // The faces and facts of an alert that has just opened are drawn first, in a render of
  // their own; the side (the decision form and the rest) follows in a deferred render a few
  // milliseconds later. Drawn together, the form's render (~9 ms here, most of an alert's
  // opening) held back the frame that shows the faces, which are what an officer looks at
  // first; no one records a decision within a frame of the alert appearing. Bench, taking
  // turns with the code before (issue 25): single-alert p50 36/37/39 ms against 39/39/46.
  const sideFor = useDeferredValue(alert?.alertId ?? null, null);
  useRepeatShortcut();
  if (!alert) return null;
  return (
    <div className="review-grid">
      <AlertPane alert={alert} />
      <div className="side">
        {sideFor === alert.alertId && (
          <>
            <DecisionPanel />
            <DecidedActions alert={alert} />
            <RepeatStrip alert={alert} />
            <AlertActions alert={alert} />
            <OutcomePanel alert={alert} />
            {alert.status !== 'pending' && <History alert={alert} />}
          </>
        )}
      </div>
    </div>
  );
}

const AlertPane = memo(function AlertPane({ alert }: { alert: Alert }) {
  const view = useStation((s) => s.view);
  const imageLoaded = useStation((s) => s.imageLoaded);
  const zoomBy = useStation((s) => s.zoomBy);
  const setView = useStation((s) => s.setView);
  const resetView = useStation((s) => s.resetView);
  const toggleScene = useStation((s) => s.toggleScene);
  const id = alert.alertId;
  // The tier's instructions follow Engage: chosen in the open form, or on record (and not being amended).
  const engaged = useStation((s) => {
    const draft = s.drafts[id];
    if (alert.status === 'pending' || s.amending[id]) return draft?.decision === 'engage';
    return alert.decisions[alert.decisions.length - 1]?.decision === 'engage';
  });
  return (
    <AlertView
      key={id}
      alert={alert}
      capturedAgo={<Ago iso={alert.capturedAt} />}
      view={view}
      engaged={engaged}
      tools={<ViewerTools />}
      onImageLoad={(slot, ok) => imageLoaded(id, slot, ok)}
      onZoom={zoomBy}
      onPan={(dx, dy) => setView({ panX: view.panX + dx, panY: view.panY + dy })}
      onResetView={resetView}
      onToggleScene={toggleScene}
    />
  );
});

/** The decision form's inputs, compared by content so a clock tick re-renders it only when a problem changes. */
function DecisionPanel() {
  const review = usePlainStation((s) => {
    const r = selectOpenReview(s);
    if (!r?.form) return null;
    const id = r.alert.alertId;
    return {
      id,
      form: r.form,
      revision: r.alert.decisions.length + 1,
      draft: r.draft,
      problems: r.problems,
      needsSecond: r.needsSecond,
      contradiction: r.form === 'amend' ? outcomeContradiction(r.draft.decision, r.alert.outcomes) : null,
      offerImageNotShown:
        Boolean(r.alert.facesNotShown?.length) || r.draft.reasons.includes(IMAGE_NOT_SHOWN.code),
      secondProof: secondProofOf(s.station?.access),
      save: s.decisionSave[id],
      blocked: s.blocked?.alertId === id ? s.blocked : null,
    };
  });
  const store = useStationStore();
  if (!review) return null;
  const { id, form } = review;
  // Actions are read at the moment of use, so this panel subscribes to nothing but its inputs.
  const actions = store.getState();
  return (
    <DecisionForm
      key={`${id}:${form}`}
      mode={form}
      revision={review.revision}
      draft={review.draft}
      problems={review.problems}
      needsSecondOfficer={review.needsSecond}
      save={review.save}
      blocked={review.blocked}
      contradiction={review.contradiction}
      offerImageNotShown={review.offerImageNotShown}
      onOutcomeNote={(outcomeNote) => actions.setDraft(id, { outcomeNote })}
      onDecision={(decision) => actions.setDraft(id, { decision })}
      onToggleReason={(code) => actions.toggleReason(id, code)}
      onRationale={(rationale) => actions.setDraft(id, { rationale })}
      onSecond={(patch) => actions.setDraft(id, { second: { ...review.draft.second, ...patch } })}
      secondProof={review.secondProof}
      onSecondSso={() => void actions.proveSecondOfficerSso()}
      onSubmit={() => void actions.trySubmitDecision(id)}
      {...(form === 'amend' ? { onCancel: () => actions.cancelAmend(id) } : {})}
    />
  );
}

function DecidedActions({ alert }: { alert: Alert }) {
  const amending = useStation((s) => Boolean(s.amending[alert.alertId]));
  const startAmend = useStation((s) => s.startAmend);
  const openNextPending = useStation((s) => s.openNextPending);
  if (alert.status === 'pending') return null;
  return (
    <div className="panel actions-panel">
      {alert.status === 'decided' && !amending && (
        <button type="button" onClick={() => startAmend(alert.alertId)}>
          <FormattedMessage
            id="live.review.amend"
            defaultMessage="Amend decision"
            description="Button: change a recorded decision"
          />
        </button>
      )}
      <button type="button" onClick={openNextPending}>
        <FormattedMessage
          id="live.review.next"
          defaultMessage="Next alert"
          description="Button: open the next undecided alert"
        />
      </button>
    </div>
  );
}

function OutcomePanel({ alert }: { alert: Alert }) {
  const id = alert.alertId;
  const amending = useStation((s) => Boolean(s.amending[id]));
  const stored = useStation((s) => s.outcomeDrafts[id]);
  const save = useStation((s) => s.outcomeSave[id]);
  const setOutcomeDraft = useStation((s) => s.setOutcomeDraft);
  const submitOutcome = useStation((s) => s.submitOutcome);
  const latest = alert.decisions[alert.decisions.length - 1];
  if (alert.status !== 'decided' || latest?.decision !== 'engage' || amending) return null;
  const draft = stored ?? emptyOutcomeDraft();
  return (
    <OutcomeForm
      key={`outcome:${id}`}
      draft={draft}
      problems={outcomeProblems(draft)}
      save={save}
      hasEarlier={alert.outcomes.length > 0}
      onChange={(patch) => setOutcomeDraft(id, patch)}
      onSubmit={() => void submitOutcome(id)}
    />
  );
}
