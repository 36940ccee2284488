import { selectRecent, useStation } from '../state';
import { localShortTime } from '../format';
import { TierBadge } from './TierBadge';

/** Decided and withdrawn alerts, to reopen one for an outcome or an amendment. */
export function RecentList() {
  const alerts = useStation(selectRecent);
  const openId = useStation((s) => s.openAlertId);
  const onOpen = useStation((s) => s.openAlert);
  return (
    <section className="panel recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recently decided</h2>
      {alerts.length === 0 && <p className="muted">None yet.</p>}
      <ul aria-label="Recently decided alerts" className="queue-list">
        {alerts.map((alert) => {
          const last = alert.decisions[alert.decisions.length - 1];
          const open = alert.alertId === openId;
          return (
            <li key={alert.alertId}>
              <button
                type="button"
                className={`queue-item compact tier-edge-${alert.subject.tier}${open ? ' is-open' : ''}`}
                aria-current={open ? 'true' : undefined}
                onClick={() => onOpen(alert.alertId)}
              >
                <span className="queue-line">
                  <TierBadge tier={alert.subject.tier} />
                  <span className="camera">{alert.camera.label}</span>
                </span>
                <span className="queue-line small">
                  {alert.status === 'withdrawn' ? (
                    <span>Withdrawn</span>
                  ) : last ? (
                    <span>
                      {last.decision === 'engage' ? 'Engage' : 'No engage'}
                      {last.revision > 1 ? ` (rev. ${last.revision})` : ''} at{' '}
                      {localShortTime(last.decidedAt)}
                    </span>
                  ) : null}
                  {alert.outcomes.length > 0 && <span>Outcome recorded</span>}
                  {alert.status === 'decided' &&
                    last?.decision === 'engage' &&
                    alert.outcomes.length === 0 && <span className="outcome-due">Outcome due</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
