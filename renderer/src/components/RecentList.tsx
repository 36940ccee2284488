import { defineMessages, useIntl } from 'react-intl';
import { DECISION_MESSAGES } from '../../../shared/i18n/glossary';
import { messageTable } from '../../../shared/message-table';
import { selectRecent, useStation } from '../state';
import { localShortTime } from '../format';
import { TierBadge } from './TierBadge';
import { settledElsewhereText } from './ClaimStrip';

const M = messageTable(
  defineMessages({
    heading: {
      id: 'components.recent.heading',
      defaultMessage: 'Recently decided',
      description: 'Panel heading',
    },
    none: { id: 'components.recent.none', defaultMessage: 'None yet.', description: 'No decided alerts yet' },
    list: {
      id: 'components.recent.list',
      defaultMessage: 'Recently decided alerts',
      description: 'Accessible name',
    },
    withdrawn: {
      id: 'components.recent.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'The feed withdrew the alert',
    },
    decided: {
      id: 'components.recent.decided',
      defaultMessage: '{decision}{revision, select, none {} other { (rev. {revision})}} at {time}',
      description: 'Latest decision; {revision} is "none" for a first decision, else the revision number',
    },
    outcome: { id: 'components.recent.outcome', defaultMessage: 'Outcome recorded', description: 'Tag' },
    due: {
      id: 'components.recent.due',
      defaultMessage: 'Outcome due',
      description: 'Tag: an engage without an outcome yet',
    },
  }),
);

/** Decided and withdrawn alerts, to reopen one for an outcome or an amendment. */
export function RecentList() {
  const alerts = useStation(selectRecent);
  const openId = useStation((s) => s.openAlertId);
  const onOpen = useStation((s) => s.openAlert);
  const intl = useIntl();
  const say = intl.formatMessage;
  return (
    <section className="panel recent" aria-labelledby="recent-heading">
      <h2 id="recent-heading">{say(M.heading)}</h2>
      {alerts.length === 0 && <p className="muted">{say(M.none)}</p>}
      <ul aria-label={say(M.list)} className="queue-list">
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
                    <span>{say(M.withdrawn)}</span>
                  ) : last ? (
                    <span>
                      {say(M.decided, {
                        decision: say(DECISION_MESSAGES[last.decision]),
                        revision: last.revision > 1 ? String(last.revision) : 'none',
                        time: localShortTime(last.decidedAt),
                      })}
                    </span>
                  ) : alert.settledElsewhere ? (
                    // Decided at another seat (claims): say by whom, so it does not just vanish.
                    <span>{settledElsewhereText(intl, alert.settledElsewhere)}</span>
                  ) : null}
                  {alert.outcomes.length > 0 && <span>{say(M.outcome)}</span>}
                  {alert.status === 'decided' &&
                    last?.decision === 'engage' &&
                    alert.outcomes.length === 0 && <span className="outcome-due">{say(M.due)}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
