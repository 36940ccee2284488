import { messageTable } from '../../../shared/message-table';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import type { ReplayAlert } from '../../../shared/replay';
import { score3 } from '../format';
import { TierBadge } from '../components/TierBadge';
import { decisionWord } from './labels';
import { placedDecidedMs } from '../../../shared/replay-placed';
import { upperBound } from './replay-index';
import { useWhen } from './when';

/** A long deployment lists only the alerts nearest the playhead; the timeline reaches the rest. */
const LIST_LIMIT = 100;

const M = messageTable(
  defineMessages({
    heading: {
      id: 'reports.alerts.heading',
      defaultMessage: 'Alerts received',
      description: 'Replay: heading of the list of alerts received by the replay time',
    },
    count: {
      id: 'reports.alerts.count',
      defaultMessage:
        '{received} of {total} by {time}{limited, select, yes {; the latest {limit} are listed} other {}}.',
      description:
        'Replay: how many alerts had arrived by the replay time; limited says only the latest are listed',
    },
    list: {
      id: 'reports.alerts.list',
      defaultMessage: 'Alerts received by the replay time',
      description: 'Replay: the list of alerts (accessible name)',
    },
    revised: {
      id: 'reports.alerts.revised',
      defaultMessage: '{decision} (rev. {revision})',
      description: 'Replay list: a decision and its revision number (rev. = revision)',
    },
    withdrawn: {
      id: 'reports.alerts.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'Replay list: state of an alert withdrawn before a decision',
    },
    undecided: {
      id: 'reports.alerts.undecided',
      defaultMessage: 'Undecided',
      description: 'Replay list: state of an alert not yet decided',
    },
    stations: {
      id: 'reports.alerts.stations',
      defaultMessage: 'station {stations}',
      description:
        'Replay list: the station(s) that saw the alert; stations is a comma-separated list of ids',
    },
  }),
);

interface AlertListProps {
  alerts: readonly ReplayAlert[];
  times: ArrayLike<number>;
  time: number;
  selectedId: string | null;
  withdrawnAt: ReadonlyMap<string, number>;
  onSelect: (alertId: string) => void;
}

function stateAt(
  intl: IntlShape,
  alert: ReplayAlert,
  t: number,
  withdrawnAt: ReadonlyMap<string, number>,
): string {
  let last = null;
  for (const d of alert.decisions) if (placedDecidedMs(d) <= t) last = d;
  if (last) {
    const decision = decisionWord(intl, last.decision);
    return last.revision > 1
      ? intl.formatMessage(M.revised, { decision, revision: String(last.revision) })
      : decision;
  }
  const withdrawn = withdrawnAt.get(alert.alertId);
  return intl.formatMessage(withdrawn !== undefined && withdrawn <= t ? M.withdrawn : M.undecided);
}

/** Alerts received by the replay time, latest first, as keyboard-reachable buttons. */
export function AlertList({ alerts, times, time, selectedId, withdrawnAt, onSelect }: AlertListProps) {
  const intl = useIntl();
  const when = useWhen();
  const received = upperBound(times, time);
  const start = Math.max(0, received - LIST_LIMIT);
  const items = alerts.slice(start, received).reverse();
  return (
    <section className="panel replay-alerts" aria-labelledby="replay-alerts-heading">
      <h2 id="replay-alerts-heading">{intl.formatMessage(M.heading)}</h2>
      <p className="muted small">
        {intl.formatMessage(M.count, {
          received: String(received),
          total: String(alerts.length),
          time: when.time(time),
          limited: received > LIST_LIMIT ? 'yes' : 'no',
          limit: String(LIST_LIMIT),
        })}
      </p>
      <ul aria-label={intl.formatMessage(M.list)} className="queue-list">
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
                  <time dateTime={alert.receivedAt}>{when.time(alert.receivedAt)}</time>
                  <span>{stateAt(intl, alert, time, withdrawnAt)}</span>
                  {alert.stations && (
                    <span className="event-station">
                      {intl.formatMessage(M.stations, { stations: alert.stations.join(', ') })}
                    </span>
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
