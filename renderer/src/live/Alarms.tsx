/**
 * Alarms over the image pane: feed lost (since when, with a log of drops), alerts
 * refused, storage failing, sound muted. Each stays until it is resolved (or, for
 * refusals, seen), so none of them scrolls away as small grey text.
 */
import type { ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { localTime } from '../format';
import { messageTable } from '../../../shared/message-table';
import { storageCauseText } from '../../../shared/storage-messages';
import { useStation, useStationNow } from '../state';
import { refusedTotal } from '../state/session-slice';
import { duration } from '../format';
import { feedText } from '../components/StatusBar';
import './alarms.css';

const m = messageTable(
  defineMessages({
    feedLost: {
      id: 'live.alarm.feed-lost',
      defaultMessage:
        '<b>Feed lost since {time} ({duration})</b> — no new alerts arrive until it is back. {state}',
      description:
        'Alarm: the feed from the cameras dropped; {time} a UK time, {duration} how long ago, {state} the feed’s state and detail',
    },
    dropLog: {
      id: 'live.alarm.drop-log',
      defaultMessage: 'Log of drops this session ({count})',
      description: 'Expandable list of the times the feed dropped',
    },
    dropEntry: {
      id: 'live.alarm.drop-entry',
      defaultMessage: '{from}–{until}: {state}{detail}',
      description: 'One feed drop: from and until (UK times), the feed state code, and " (detail)" if any',
    },
    dropNow: {
      id: 'live.alarm.drop-now',
      defaultMessage: 'now',
      description: 'End of a feed drop that has not ended: "10:02–now"',
    },
    refusedLatest: {
      id: 'live.alarm.refused-latest',
      defaultMessage:
        '<b>{count, plural, one {# alert} other {# alerts}} refused by this station</b> — latest at {time}: {reason}',
      description:
        'Alarm: alerts from the feed that the station refused, when the latest was and why (reason in the station’s words)',
    },
    refused: {
      id: 'live.alarm.refused',
      defaultMessage:
        '<b>{count, plural, one {# alert} other {# alerts}} refused by this station</b> — see Deployment details.',
      description: 'Alarm: alerts from the feed that the station refused, when no detail is at hand',
    },
    seen: {
      id: 'live.alarm.seen',
      defaultMessage: 'Seen',
      description: 'Button: acknowledge refused alerts',
    },
    storage: {
      id: 'live.alarm.storage',
      defaultMessage:
        '<b>Storage failing since {time}</b> — alerts are not acknowledged and decisions not saved until it clears: {cause}',
      description: 'Alarm: the journal cannot be written; {cause} is the system’s error',
    },
    clock: {
      id: 'live.alarm.clock',
      defaultMessage:
        '<b>Station clock in doubt</b> — retention deletes nothing until it is confirmed: {doubt}',
      description: 'Alarm: the clock jumped; {doubt} is the detail',
    },
    muted: {
      id: 'live.alarm.muted',
      defaultMessage: '<b>Sound muted</b> — new alerts make no sound. <kbd>m</kbd> unmutes.',
      description: 'Notice: sound is off; <kbd>m</kbd> is the key that turns it on again',
    },
    unmute: { id: 'live.alarm.unmute', defaultMessage: 'Unmute', description: 'Button: turn sound back on' },
  }),
);

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
const key = (chunks: ReactNode[]) => <kbd>{chunks}</kbd>;

export function Alarms() {
  return (
    <div className="alarms">
      <FeedLost />
      <Refused />
      <StorageFailing />
      <ClockDoubt />
      <Muted />
    </div>
  );
}

function FeedLost() {
  const feed = useStation((s) => s.station?.feed ?? null);
  const drops = useStation((s) => s.feedDrops);
  const now = useStationNow(1000);
  const open = drops[0]?.until === null ? drops[0] : null;
  if (!feed || !open) return null;
  const state = `${feedText(feed, now)}${feed.message ? `: ${feed.message}` : '.'}`;
  return (
    <section className="alarm alarm-serious" aria-labelledby="alarm-feed">
      <div role="alert">
        <p id="alarm-feed">
          <FormattedMessage
            {...m.feedLost}
            values={{
              b: bold,
              time: localTime(open.at),
              duration: duration(now - Date.parse(open.at)),
              state,
            }}
          />
        </p>
      </div>
      <DropLog />
    </section>
  );
}

function DropLog() {
  const drops = useStation((s) => s.feedDrops);
  const intl = useIntl();
  if (drops.length === 0) return null;
  return (
    <details className="drop-log">
      <summary>{intl.formatMessage(m.dropLog, { count: drops.length })}</summary>
      <ol>
        {drops.map((d) => (
          <li key={d.at}>
            {intl.formatMessage(m.dropEntry, {
              from: localTime(d.at),
              until: d.until ? localTime(d.until) : intl.formatMessage(m.dropNow),
              state: d.state,
              detail: d.message ? ` (${d.message})` : '',
            })}
          </li>
        ))}
      </ol>
    </details>
  );
}

function Refused() {
  const total = useStation((s) => refusedTotal(s.station));
  const seen = useStation((s) => s.refusalsSeen);
  const latest = useStation((s) => s.station?.reliability?.refusals[0] ?? null);
  const acknowledge = useStation((s) => s.acknowledgeRefusals);
  const intl = useIntl();
  const fresh = total - seen;
  if (fresh <= 0) return null;
  return (
    <section className="alarm alarm-warning" aria-labelledby="alarm-refused">
      <p id="alarm-refused" role="alert">
        {latest ? (
          <FormattedMessage
            {...m.refusedLatest}
            values={{ b: bold, count: fresh, time: localTime(latest.at), reason: latest.reason }}
          />
        ) : (
          <FormattedMessage {...m.refused} values={{ b: bold, count: fresh }} />
        )}
      </p>
      <button type="button" onClick={acknowledge}>
        {intl.formatMessage(m.seen)}
      </button>
    </section>
  );
}

function StorageFailing() {
  const storage = useStation((s) => s.station?.reliability?.storage ?? null);
  const intl = useIntl();
  if (!storage || storage.ok) return null;
  // The cause in the officer's language; the English words only from a core that sent no code.
  const cause = storage.why ? storageCauseText(intl, storage.why) : storage.cause;
  return (
    <section className="alarm alarm-serious" aria-labelledby="alarm-storage">
      <p id="alarm-storage" role="alert">
        <FormattedMessage {...m.storage} values={{ b: bold, time: localTime(storage.since), cause }} />
      </p>
    </section>
  );
}

function ClockDoubt() {
  const doubt = useStation((s) => s.station?.reliability?.clock.doubt ?? null);
  if (!doubt) return null;
  return (
    <section className="alarm alarm-warning" aria-labelledby="alarm-clock">
      <p id="alarm-clock" role="alert">
        <FormattedMessage {...m.clock} values={{ b: bold, doubt }} />
      </p>
    </section>
  );
}

function Muted() {
  const muted = useStation((s) => s.muted);
  const toggle = useStation((s) => s.toggleMute);
  const intl = useIntl();
  if (!muted) return null;
  return (
    <section className="alarm alarm-info" aria-labelledby="alarm-muted">
      <p id="alarm-muted">
        <FormattedMessage {...m.muted} values={{ b: bold, kbd: key }} />
      </p>
      <button type="button" onClick={toggle}>
        {intl.formatMessage(m.unmute)}
      </button>
    </section>
  );
}
