import { memo } from 'react';
import type { AlertView } from '../../../shared/view';
import { score3 } from '../format';
import { Ago } from '../live/Ago';
import { selectVisibleQueue, useStation, useStationNow } from '../state';
import { TierBadge } from './TierBadge';
import './queue.css';

/** How long an arrival keeps its highlight in the list. */
export const NEW_HIGHLIGHT_MS = 5_000;

/** Pending alerts in queue order, filtered by tier; each entry re-renders on its own. */
export function Queue() {
  const alerts = useStation(selectVisibleQueue);
  const openId = useStation((s) => s.openAlertId);
  const announcement = useStation((s) => s.alertAnnouncement);
  const onOpen = useStation((s) => s.openAlert);
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
        {alerts.map((alert) => (
          <QueueItem key={alert.alertId} alert={alert} open={alert.alertId === openId} onOpen={onOpen} />
        ))}
      </ul>
    </section>
  );
}

const QueueItem = memo(function QueueItem({
  alert,
  open,
  onOpen,
}: {
  alert: AlertView;
  open: boolean;
  onOpen: (alertId: string) => void;
}) {
  const now = useStationNow(1000);
  const fresh = now - Date.parse(alert.receivedAt) < NEW_HIGHLIGHT_MS;
  return (
    <li data-alert-id={alert.alertId}>
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
          <time dateTime={alert.capturedAt}>
            <Ago iso={alert.capturedAt} />
          </time>
          <bdi>{alert.subject.category}</bdi>
        </span>
      </button>
    </li>
  );
});
