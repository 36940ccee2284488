/**
 * Alarms over the image pane: feed lost (since when, with a log of drops), alerts
 * refused, storage failing, sound muted. Each stays until it is resolved (or, for
 * refusals, seen), so none of them scrolls away as small grey text.
 */
import { localTime } from '../format';
import { useStation, useStationNow } from '../state';
import { refusedTotal } from '../state/session-slice';
import { duration } from '../format';
import { feedText } from '../components/StatusBar';
import './alarms.css';

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
  return (
    <section className="alarm alarm-serious" aria-labelledby="alarm-feed">
      <div role="alert">
        <p id="alarm-feed">
          <strong>
            Feed lost since {localTime(open.at)} ({duration(now - Date.parse(open.at))})
          </strong>{' '}
          — no new alerts arrive until it is back. {feedText(feed, now)}
          {feed.message ? `: ${feed.message}` : '.'}
        </p>
      </div>
      <DropLog />
    </section>
  );
}

function DropLog() {
  const drops = useStation((s) => s.feedDrops);
  if (drops.length === 0) return null;
  return (
    <details className="drop-log">
      <summary>Log of drops this session ({drops.length})</summary>
      <ol>
        {drops.map((d) => (
          <li key={d.at}>
            {localTime(d.at)}–{d.until ? localTime(d.until) : 'now'}: {d.state}
            {d.message ? ` (${d.message})` : ''}
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
  const fresh = total - seen;
  if (fresh <= 0) return null;
  return (
    <section className="alarm alarm-warning" aria-labelledby="alarm-refused">
      <p id="alarm-refused" role="alert">
        <strong>
          {fresh} alert{fresh === 1 ? '' : 's'} refused by this station
        </strong>
        {latest ? ` — latest at ${localTime(latest.at)}: ${latest.reason}` : ' — see Deployment details.'}
      </p>
      <button type="button" onClick={acknowledge}>
        Seen
      </button>
    </section>
  );
}

function StorageFailing() {
  const storage = useStation((s) => s.station?.reliability?.storage ?? null);
  if (!storage || storage.ok) return null;
  return (
    <section className="alarm alarm-serious" aria-labelledby="alarm-storage">
      <p id="alarm-storage" role="alert">
        <strong>Storage failing since {localTime(storage.since)}</strong> — alerts are not acknowledged and
        decisions not saved until it clears: {storage.cause}
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
        <strong>Station clock in doubt</strong> — retention deletes nothing until it is confirmed: {doubt}
      </p>
    </section>
  );
}

function Muted() {
  const muted = useStation((s) => s.muted);
  const toggle = useStation((s) => s.toggleMute);
  if (!muted) return null;
  return (
    <section className="alarm alarm-info" aria-labelledby="alarm-muted">
      <p id="alarm-muted">
        <strong>Sound muted</strong> — new alerts make no sound. <kbd>m</kbd> unmutes.
      </p>
      <button type="button" onClick={toggle}>
        Unmute
      </button>
    </section>
  );
}
