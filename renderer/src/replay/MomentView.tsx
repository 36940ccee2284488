import { useState } from 'react';
import { IMAGE_NOT_SHOWN } from '../../../shared/decision-rules';
import type { ReplayAlert, SupervisorReview } from '../../../shared/replay';
import { AlertView } from '../components/AlertView';
import { DecisionForm } from '../components/DecisionForm';
import { History } from '../components/History';
import { ago, localDateTime, localTime } from '../format';
import { MAX_ZOOM, MIN_ZOOM, initialView } from '../state/viewer-slice';
import type { ViewState } from '../state/types';
import { decisionWord, ttdText } from './labels';
import { SupervisorReviewPanel } from './SupervisorReviewPanel';
import { AlertNotes } from '../room/AlertActions';
import type { Pending } from './replay-store';
import type { ReviewVerdict } from '../../../shared/vocabulary';

interface MomentViewProps {
  /** The alert as it stood at the replay time (see alertAt). */
  alert: ReplayAlert;
  time: number;
  reviews: SupervisorReview[];
  review: (Pending & { alertId: string }) | null;
  onReview: (p: { revision: number; verdict: ReviewVerdict; comment: string }) => void;
}

const noop = () => undefined;

/** The live review screen as the officer had it at the replay time, every control read-only. */
export function MomentView({ alert, time, reviews, review, onReview }: MomentViewProps) {
  const [view, setView] = useState<ViewState>(() => initialView());
  const latest = alert.decisions[alert.decisions.length - 1];
  const zoomBy = (factor: number) => {
    const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
    setView(zoom === 1 ? { ...view, zoom, panX: 0, panY: 0 } : { ...view, zoom });
  };
  return (
    <div className="review-grid moment">
      <AlertView
        alert={alert}
        capturedAgo={ago(alert.capturedAt, time)}
        view={view}
        onImageLoad={noop}
        onZoom={zoomBy}
        onPan={(dx, dy) => setView({ ...view, panX: view.panX + dx, panY: view.panY + dy })}
        onResetView={() => setView({ ...view, zoom: 1, panX: 0, panY: 0 })}
        onToggleScene={() => setView({ ...view, showScene: !view.showScene })}
      />
      <div className="side">
        {latest ? (
          <DecisionForm
            readOnly
            offerImageNotShown={latest.reasons.includes(IMAGE_NOT_SHOWN.code)}
            heading={`Decision as recorded: ${decisionWord(latest.decision)}, revision ${latest.revision}`}
            mode={latest.revision > 1 ? 'amend' : 'decide'}
            revision={latest.revision}
            draft={{
              decision: latest.decision,
              reasons: latest.reasons,
              rationale: latest.rationale,
              second: latest.confirmedBy
                ? {
                    id: latest.confirmedBy.id,
                    name: latest.confirmedBy.name,
                    note: latest.confirmedBy.note,
                    password: '',
                  }
                : { id: '', name: '', note: '', password: '' },
              outcomeNote: '',
            }}
            problems={[]}
            needsSecondOfficer={latest.confirmedBy !== null}
            save={undefined}
            onDecision={noop}
            onToggleReason={noop}
            onRationale={noop}
            onSecond={noop}
            onSubmit={noop}
          />
        ) : (
          <section className="panel" aria-labelledby="moment-decision-heading">
            <h2 id="moment-decision-heading">Decision</h2>
            <p>
              {alert.status === 'withdrawn' ? 'Withdrawn before a decision.' : 'Not decided at this time.'}
            </p>
          </section>
        )}
        <Timing alert={alert} />
        <AlertNotes alert={alert} until={time} />
        {alert.decisions.length > 0 || alert.outcomes.length > 0 ? <History alert={alert} /> : null}
        <SupervisorReviewPanel
          key={alert.alertId}
          alert={alert}
          reviews={reviews}
          state={review?.alertId === alert.alertId ? review : null}
          onSubmit={onReview}
        />
      </div>
    </div>
  );
}

function Timing({ alert }: { alert: ReplayAlert }) {
  const first = alert.decisions[0];
  return (
    <section className="panel" aria-labelledby="timing-heading">
      <h2 id="timing-heading">On screen and timing</h2>
      <dl className="facts">
        <dt>Received</dt>
        <dd>
          <time dateTime={alert.receivedAt}>{localDateTime(alert.receivedAt)}</time>
        </dd>
        <dt>On screen</dt>
        <dd>
          {alert.shown.length === 0 ? (
            'Not yet shown to an officer'
          ) : (
            <ul aria-label="Shown to" className="plain-list">
              {alert.shown.map((s, i) => (
                <li key={`${s.at}:${s.operator.id}:${i}`}>
                  {s.operator.name} ({s.operator.id}) from <time dateTime={s.at}>{localTime(s.at)}</time>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>First decided</dt>
        <dd>
          {first ? (
            <>
              <time dateTime={first.decidedAt}>{localTime(first.decidedAt)}</time> by {first.operator.name}
            </>
          ) : (
            'Not yet'
          )}
        </dd>
        <dt>Time to decision</dt>
        <dd>{ttdText(alert.timeToDecisionMs)}</dd>
        <dt>Amendments</dt>
        <dd>{Math.max(0, alert.decisions.length - 1)}</dd>
        <dt>Outcome</dt>
        <dd>{alert.outcomes.length ? `${alert.outcomes.length} recorded` : 'None recorded'}</dd>
        {alert.escalated && (
          <>
            <dt>Escalated</dt>
            <dd>Yes: waited too long</dd>
          </>
        )}
      </dl>
    </section>
  );
}
