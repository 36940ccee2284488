import type { FeedStatus } from '../../../shared/view';
import { ago, duration, localTime } from '../format';
import { useStation, useStationNow } from '../state';
import { ArchiveStatus } from './ArchiveStatus';
import { KeyFileNotice } from './KeyFileNotice';

/** The feed's state in one short sentence (the contract's wording). */
export function feedText(feed: FeedStatus, now: number): string {
  switch (feed.state) {
    case 'connected':
      return 'Feed: connected';
    case 'connecting':
      return 'Feed: connecting…';
    case 'refused':
      return "Feed refused the station's credentials";
    case 'reconnecting': {
      if (!feed.nextRetryAt) return 'Feed lost. Reconnecting…';
      const seconds = Math.max(0, Math.ceil((Date.parse(feed.nextRetryAt) - now) / 1000));
      return `Feed lost. Reconnecting in ${seconds} s`;
    }
    case 'offline':
      return 'Feed: offline';
  }
}

/** The station's state in one bar; it re-renders once a second for its clock and nothing else. */
export function StatusBar() {
  const snapshot = useStation((s) => s.station);
  const now = useStationNow(1000);
  const muted = useStation((s) => s.muted);
  const signOutError = useStation((s) => s.signOutError);
  const onToggleMute = useStation((s) => s.toggleMute);
  const setOverlay = useStation((s) => s.setOverlay);
  const signOut = useStation((s) => s.signOut);
  const feed = snapshot?.feed;
  const operator = snapshot?.operator;
  const soundOn = snapshot?.settings.sound ?? false;
  const nowIso = new Date(now).toISOString();
  return (
    <header className="statusbar">
      <div className="statusbar-row">
        <h1 className="brand">Review Station</h1>
        {snapshot?.station.training && (
          <p
            className="training-banner"
            title="Simulated alerts from the built-in feed. Nothing here is a real person."
          >
            <strong>TRAINING</strong>
            <span className="visually-hidden"> simulated alerts from the built-in feed, no real people</span>
          </p>
        )}
        <div className={`feed feed-${feed?.state ?? 'connecting'}`}>
          <span className="feed-dot" aria-hidden="true" />
          <span role="status">{feed ? feedText(feed, now) : 'Connecting to the station…'}</span>
        </div>
        {snapshot?.archive && <ArchiveStatus archive={snapshot.archive} now={now} />}
        <KeyFileNotice protection={snapshot?.reliability?.keyProtection} />
        {snapshot && operator && (
          <>
            <span className="operator">
              {operator.role === 'supervisor' ? 'Supervisor' : 'Officer'} <strong>{operator.name}</strong> (
              {operator.id})
            </span>
            <span className="small shrinks">On shift {duration(now - Date.parse(operator.signedInAt))}</span>
            <span className={`small shrinks${snapshot.outbox.pending > 0 ? ' warn-text' : ''}`}>
              Outbox{' '}
              {snapshot.outbox.pending === 0
                ? 'empty'
                : `${snapshot.outbox.pending} waiting to send${snapshot.outbox.oldestAt ? ` (oldest ${ago(snapshot.outbox.oldestAt, now)})` : ''}`}
            </span>
          </>
        )}
        <div className="station-clock">
          <span className="visually-hidden">Station time </span>
          <time dateTime={nowIso}>{localTime(nowIso)}</time>
        </div>
        {snapshot && operator && (
          <span className="statusbar-actions">
            <button
              type="button"
              className={muted ? 'is-muted' : undefined}
              aria-pressed={muted}
              onClick={onToggleMute}
              disabled={!soundOn}
              title={soundOn ? 'Shortcut: m' : 'Alert sound is off in the station settings'}
            >
              Mute sound
              <span aria-hidden="true">{muted ? ' ✓' : ''}</span>
            </button>
            <button type="button" onClick={() => setOverlay('shortcuts')} title="Shortcut: ?">
              Shortcuts
            </button>
            <button type="button" onClick={() => setOverlay('handover')} aria-haspopup="dialog">
              Hand over
            </button>
            <button type="button" onClick={() => void signOut(false)}>
              Sign out
            </button>
          </span>
        )}
      </div>
      {signOutError && (
        <p className="error" role="alert">
          Could not sign out: {signOutError}
        </p>
      )}
    </header>
  );
}
