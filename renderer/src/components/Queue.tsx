import type { AlertView } from '../../../shared/view';
import { ago, score3 } from '../format';
import { TierBadge } from './TierBadge';

/** How long an arrival keeps its highlight in the list. */
export const NEW_HIGHLIGHT_MS = 5_000;

interface QueueProps {
  /** Pending alerts, already in queue order. */
  alerts: AlertView[];
  openId: string | null;
  now: number;
  announcement: string;
  onOpen: (alertId: string) => void;
}

export function Queue({ alerts, openId, now, announcement, onOpen }: QueueProps) {
  return (
    <section className="panel queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading">
        Undecided alerts <span className="count">{alerts.length}</span>
      </h2>
      <p className="announcement" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {alerts.length === 0 && <p className="muted">No alerts waiting.</p>}
      <ul aria-label="Alert queue" className="queue-list">
        {alerts.map((alert) => {
          const fresh = now - Date.parse(alert.receivedAt) < NEW_HIGHLIGHT_MS;
          const open = alert.alertId === openId;
          return (
            <li key={alert.alertId} data-alert-id={alert.alertId}>
              <button
                type="button"
                className={`queue-item tier-edge-${alert.subject.tier}${open ? ' is-open' : ''}${fresh ? ' is-new' : ''}`}
                aria-current={open ? 'true' : undefined}
                onClick={() => onOpen(alert.alertId)}
              >
                <span className="queue-line">
                  <TierBadge tier={alert.subject.tier} />
                  {alert.escalated && <span className="escalated">Escalated</span>}
                  {fresh && <span className="new-tag">New</span>}
                </span>
                <span className="queue-line">
                  <bdi className="camera">{alert.camera.label}</bdi>
                  <span className="score">Score {score3(alert.score)}</span>
                </span>
                <span className="queue-line muted small">
                  <time dateTime={alert.capturedAt}>{ago(alert.capturedAt, now)}</time>
                  <bdi>{alert.subject.category}</bdi>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
