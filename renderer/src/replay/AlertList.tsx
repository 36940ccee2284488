import type { ReplayAlert } from '../../../shared/replay';
import { localTime, score3 } from '../format';
import { TierBadge } from '../components/TierBadge';
import { upperBound } from './replay-index';

/** A long deployment lists only the alerts nearest the playhead; the timeline reaches the rest. */
export const LIST_LIMIT = 100;

interface AlertListProps {
  alerts: readonly ReplayAlert[];
  times: ArrayLike<number>;
  time: number;
  selectedId: string | null;
  withdrawnAt: ReadonlyMap<string, number>;
  onSelect: (alertId: string) => void;
}

function stateAt(alert: ReplayAlert, t: number, withdrawnAt: ReadonlyMap<string, number>): string {
  let last = null;
  for (const d of alert.decisions) if (Date.parse(d.decidedAt) <= t) last = d;
  if (last)
    return `${last.decision === 'engage' ? 'Engage' : 'No engage'}${last.revision > 1 ? ` (rev. ${last.revision})` : ''}`;
  const withdrawn = withdrawnAt.get(alert.alertId);
  return withdrawn !== undefined && withdrawn <= t ? 'Withdrawn' : 'Undecided';
}

/** Alerts received by the replay time, latest first, as keyboard-reachable buttons. */
export function AlertList({ alerts, times, time, selectedId, withdrawnAt, onSelect }: AlertListProps) {
  const received = upperBound(times, time);
  const start = Math.max(0, received - LIST_LIMIT);
  const items = alerts.slice(start, received).reverse();
  return (
    <section className="panel replay-alerts" aria-labelledby="replay-alerts-heading">
      <h2 id="replay-alerts-heading">Alerts received</h2>
      <p className="muted small">
        {received} of {alerts.length} by {localTime(new Date(time).toISOString())}
        {received > LIST_LIMIT ? `; the latest ${LIST_LIMIT} are listed` : ''}.
      </p>
      <ul aria-label="Alerts received by the replay time" className="queue-list">
        {items.map((alert) => {
          const selected = alert.alertId === selectedId;
          return (
            <li key={alert.alertId}>
              <button
                type="button"
                className={`queue-item compact tier-edge-${alert.subject.tier}${selected ? ' is-open' : ''}`}
                aria-current={selected ? 'true' : undefined}
                onClick={() => onSelect(alert.alertId)}
              >
                <span className="queue-line">
                  <TierBadge tier={alert.subject.tier} />
                  <span className="camera">{alert.camera.label}</span>
                  <span className="score">{score3(alert.score)}</span>
                </span>
                <span className="queue-line small">
                  <time dateTime={alert.receivedAt}>{localTime(alert.receivedAt)}</time>
                  <span>{stateAt(alert, time, withdrawnAt)}</span>
                  {alert.stations && (
                    <span className="event-station">station {alert.stations.join(', ')}</span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
