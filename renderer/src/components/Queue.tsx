import { memo } from 'react';
import type { AlertView } from '../../../shared/view';
import { TIERS } from '../../../shared/vocabulary';
import { score3 } from '../format';
import { Ago } from '../live/Ago';
import { selectTierCounts, selectVisibleQueue, useStation, useStationNow } from '../state';
import type { TierFilter } from '../state/types';
import { TIER_ICON, TIER_WORD } from '../tiers';
import { RadioGroup } from './form/RadioGroup';
import { TierBadge } from './TierBadge';
import './queue.css';

/** How long an arrival keeps its highlight in the list. */
export const NEW_HIGHLIGHT_MS = 5_000;

/** Pending alerts in queue order, filtered by tier, repeat hits grouped; each entry re-renders on its own. */
export function Queue() {
  const alerts = useStation(selectVisibleQueue);
  const counts = useStation(selectTierCounts);
  const filter = useStation((s) => s.tierFilter);
  const setFilter = useStation((s) => s.setTierFilter);
  const openId = useStation((s) => s.openAlertId);
  const announcement = useStation((s) => s.alertAnnouncement);
  const onOpen = useStation((s) => s.openAlert);
  const total = counts.red + counts.amber + counts.green;
  const options = [
    { value: 'all' as TierFilter, label: `All ${total}` },
    ...TIERS.map((t) => ({
      value: t,
      label: (
        <>
          <span aria-hidden="true">{TIER_ICON[t]}</span> {TIER_WORD[t]} {counts[t]}
        </>
      ),
      className: `tier-filter-${t}`,
    })),
  ];
  return (
    <section className="queue" aria-labelledby="queue-heading">
      <div className="queue-head">
        <h2 id="queue-heading">
          Undecided alerts <span className="count">{total}</span>
        </h2>
        <RadioGroup
          name="tier-filter"
          legend="Show tier"
          options={options}
          value={filter}
          onChange={setFilter}
          className="tier-filter"
        />
      </div>
      <p className="announcement" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
      {alerts.length === 0 && (
        <p className="muted">{total === 0 ? 'No alerts waiting.' : 'None of this tier waiting.'}</p>
      )}
      <ul aria-label="Alert queue" className="queue-list">
        {groups(alerts).map((group) =>
          group.length === 1 ? (
            <QueueItem
              key={group[0]!.alertId}
              alert={group[0]!}
              open={group[0]!.alertId === openId}
              onOpen={onOpen}
            />
          ) : (
            <li key={`group:${group[0]!.subject.entryId}`} className="queue-group">
              <p className="queue-group-title small" id={`group-${group[0]!.alertId}`}>
                {group.length} hits on one watchlist entry:{' '}
                <bdi>{group[0]!.subject.name ?? group[0]!.subject.category}</bdi>
              </p>
              <ul aria-labelledby={`group-${group[0]!.alertId}`} className="queue-list">
                {group.map((alert) => (
                  <QueueItem
                    key={alert.alertId}
                    alert={alert}
                    open={alert.alertId === openId}
                    onOpen={onOpen}
                  />
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** Runs of the same watchlist entry (the selector already put them side by side). */
function groups(alerts: readonly AlertView[]): AlertView[][] {
  const out: AlertView[][] = [];
  for (const a of alerts) {
    const last = out[out.length - 1];
    if (last && last[0]!.subject.entryId === a.subject.entryId) last.push(a);
    else out.push([a]);
  }
  return out;
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
