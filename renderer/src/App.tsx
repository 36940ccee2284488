import { useEffect, useRef, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { Tier } from '../../shared/feed/schemas';
import { getBridge } from './bridge';
import { createStationStore, outcomeProblems, emptyOutcomeDraft, type StationStore } from './store';
import { pendingQueue, recentClosed } from './selection';
import { openReview, type OpenReview } from './review-state';
import { shortcutFor } from './keyboard';
import { playChime } from './sound';
import { StatusBar } from './components/StatusBar';
import { DeploymentPanel } from './components/DeploymentPanel';
import { FatalBanner } from './components/FatalBanner';
import { SignIn } from './components/SignIn';
import { Queue } from './components/Queue';
import { RecentList } from './components/RecentList';
import { AlertView } from './components/AlertView';
import { DecisionForm } from './components/DecisionForm';
import { OutcomeForm } from './components/OutcomeForm';
import { History } from './components/History';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { WelfarePrompt } from './components/WelfarePrompt';
import { ReplayScreen } from './replay/Replay';
import { createReplayStore } from './replay/replay-store';
import { SectionNav, type AppSection } from './replay/SectionNav';
import { useLeaveGuard } from './leave-guard';

interface AppProps {
  /** Local clock ticker in ms (0 = only the station's `clock` events move time). */
  tickMs?: number;
  chime?: (tier: Tier) => void;
}

export function App({ tickMs, chime }: AppProps) {
  const [store] = useState(() =>
    createStationStore(getBridge(), {
      ...(tickMs !== undefined ? { tickMs } : {}),
      chime: chime ?? playChime,
    }),
  );
  useEffect(() => store.getState().start(), [store]);
  const [replayStore] = useState(() => createReplayStore(getBridge()));
  const [section, setSection] = useState<AppSection>('live');
  const state = useStore(store);
  const { snapshot } = state;
  // Replay and its review tools are for supervisors; an officer only ever sees live review.
  const supervisor = snapshot?.operator?.role === 'supervisor';
  const inReplay = supervisor && section === 'replay';
  const liveKeysOff = useRef(inReplay);
  liveKeysOff.current = inReplay;
  useShortcuts(store, liveKeysOff);
  useLeaveGuard(snapshot?.counts.undecided ?? 0);
  const review = openReview(state);

  // When the open alert changes under a lost focus (its form was just removed), land on the new alert.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null)
      document.getElementById('alert-heading')?.focus();
  }, [state.openAlertId]);

  let content;
  if (!snapshot) {
    content = (
      <main className="centre-message">
        <p>Connecting to the station…</p>
        {state.connectError && (
          <p className="error" role="alert">
            {state.connectError}
          </p>
        )}
      </main>
    );
  } else if (!snapshot.operator) {
    content = (
      <main className="centre-message">
        <SignIn
          busy={state.signIn.busy}
          error={state.signIn.error}
          onSignIn={(p) => void state.signInAs(p)}
        />
      </main>
    );
  } else if (inReplay) {
    content = <ReplayScreen store={replayStore} operatorId={snapshot.operator.id} />;
  } else {
    content = (
      <div className="workspace">
        <nav aria-label="Alerts" className="sidebar">
          <Queue
            alerts={pendingQueue(snapshot.alerts)}
            openId={state.openAlertId}
            now={state.now}
            announcement={state.alertAnnouncement}
            onOpen={state.openAlert}
          />
          <RecentList
            alerts={recentClosed(snapshot.alerts)}
            openId={state.openAlertId}
            onOpen={state.openAlert}
          />
        </nav>
        <main className="review">
          <p className="save-announcement" aria-live="polite">
            {state.saveAnnouncement}
          </p>
          {review ? (
            <ReviewPane store={store} review={review} />
          ) : (
            <div className="centre-message">
              <h2>No alert open</h2>
              <p className="muted">Waiting for alerts. A new alert opens here by itself.</p>
            </div>
          )}
        </main>
      </div>
    );
  }

  const operator = snapshot?.operator;
  return (
    <div className={`app${snapshot?.station.training ? ' training' : ''}`}>
      {snapshot?.fatal && <FatalBanner message={snapshot.fatal} />}
      <StatusBar
        snapshot={snapshot}
        now={state.now}
        muted={state.muted}
        signOutError={state.signOutError}
        onToggleMute={state.toggleMute}
        onHelp={() => state.setOverlay('shortcuts')}
        onSignOut={(handover) => void state.signOut(handover)}
      />
      {snapshot && <DeploymentPanel snapshot={snapshot} now={state.now} bridge={getBridge()} />}
      {supervisor && <SectionNav section={section} onChange={setSection} />}
      {content}
      {snapshot?.breakDue && operator && (
        <WelfarePrompt
          minutes={Math.max(1, Math.floor((state.now - Date.parse(operator.reviewSince)) / 60_000))}
          onAction={(a) => void state.welfare(a)}
        />
      )}
      {state.overlay === 'shortcuts' && <ShortcutsHelp onClose={() => state.setOverlay(null)} />}
    </div>
  );
}

function ReviewPane({ store, review }: { store: StationStore; review: OpenReview }) {
  const state = useStore(store);
  const { alert, form } = review;
  const id = alert.alertId;
  const latest = alert.decisions[alert.decisions.length - 1];
  const outcomeDraft = state.outcomeDrafts[id] ?? emptyOutcomeDraft();
  return (
    <div className="review-grid">
      <AlertView
        key={id}
        alert={alert}
        now={state.now}
        view={state.view}
        onImageLoad={(slot, ok) => state.imageLoaded(id, slot, ok)}
        onZoom={state.zoomBy}
        onPan={(dx, dy) => state.setView({ panX: state.view.panX + dx, panY: state.view.panY + dy })}
        onResetView={state.resetView}
        onToggleScene={state.toggleScene}
      />
      <div className="side">
        {form && (
          <DecisionForm
            key={`${id}:${form}`}
            mode={form}
            revision={alert.decisions.length + 1}
            draft={review.draft}
            problems={review.problems}
            needsSecondOfficer={review.needsSecond}
            save={state.decisionSave[id]}
            onDecision={(decision) => state.setDraft(id, { decision })}
            onToggleReason={(code) => state.toggleReason(id, code)}
            onRationale={(rationale) => state.setDraft(id, { rationale })}
            onSecond={(patch) => state.setDraft(id, { second: { ...review.draft.second, ...patch } })}
            onSubmit={() => void state.submitDecision(id)}
            {...(form === 'amend' ? { onCancel: () => state.cancelAmend(id) } : {})}
          />
        )}
        {alert.status !== 'pending' && (
          <div className="panel actions-panel">
            {alert.status === 'decided' && !form && (
              <button type="button" onClick={() => state.startAmend(id)}>
                Amend decision
              </button>
            )}
            <button type="button" onClick={state.openNextPending}>
              Next alert
            </button>
          </div>
        )}
        {alert.status === 'decided' && latest?.decision === 'engage' && !form && (
          <OutcomeForm
            key={`outcome:${id}`}
            draft={outcomeDraft}
            problems={outcomeProblems(outcomeDraft)}
            save={state.outcomeSave[id]}
            hasEarlier={alert.outcomes.length > 0}
            onChange={(patch) => state.setOutcomeDraft(id, patch)}
            onSubmit={() => void state.submitOutcome(id)}
          />
        )}
        {alert.status !== 'pending' && <History alert={alert} />}
      </div>
    </div>
  );
}

/** Global shortcuts, read against the store's current state at the moment of the key press. */
function useShortcuts(store: StationStore, off: RefObject<boolean>) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Live review's keys must never act on a hidden review while a supervisor replays.
      if (off.current) return;
      const action = shortcutFor(event);
      if (!action) return;
      const state = store.getState();
      // A modal dialog owns the keyboard while it is open.
      if (state.overlay || (state.snapshot?.breakDue && state.snapshot.operator)) return;
      if (!state.snapshot?.operator) return;
      const review = openReview(state);
      switch (action) {
        case 'engage':
        case 'no-engage':
          if (!review?.form) return;
          state.setDraft(review.alert.alertId, { decision: action });
          break;
        case 'next':
          state.step(1);
          break;
        case 'previous':
          state.step(-1);
          break;
        case 'focus-rationale': {
          const rationale = document.getElementById('rationale');
          if (!rationale) return;
          rationale.focus();
          break;
        }
        case 'submit':
          if (!review?.form || review.problems.length > 0) return;
          void state.submitDecision(review.alert.alertId);
          break;
        case 'toggle-scene':
          if (!review) return;
          state.toggleScene();
          break;
        case 'help':
          state.setOverlay('shortcuts');
          break;
        case 'mute':
          state.toggleMute();
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, off]);
}
