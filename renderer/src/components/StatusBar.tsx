import type { FeedStatus } from '../../../shared/view';
import { ago, duration, localDate, localShortTime, localTime } from '../format';
import { useStation, useStationNow } from '../state';

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
  const onHelp = () => setOverlay('shortcuts');
  const onSignOut = (handover: boolean) => void signOut(handover);
  const feed = snapshot?.feed;
  const deployment = snapshot?.deployment;
  const operator = snapshot?.operator;
  const soundOn = snapshot?.settings.sound ?? false;
  const nowIso = new Date(now).toISOString();
  return (
    <header className="statusbar">
      {snapshot?.station.training && (
        <p className="training-banner">
          <strong>TRAINING</strong> — simulated alerts from the built-in feed. Nothing here is a real person.
        </p>
      )}
      <div className="statusbar-row">
        <h1 className="brand">Review Station</h1>
        <div className={`feed feed-${feed?.state ?? 'connecting'}`}>
          <span className="feed-dot" aria-hidden="true" />
          <span role="status">{feed ? feedText(feed, now) : 'Connecting to the station…'}</span>
          {feed && feed.state !== 'connected' && feed.message && (
            <span className="muted small"> {feed.message}</span>
          )}
        </div>
        <div className="deployment">
          {deployment ? (
            <>
              <span className="deployment-title">{deployment.title}</span>
              <span className="muted small">
                Authorised {localDate(deployment.startsAt)} {localShortTime(deployment.startsAt)}–
                {localDate(deployment.endsAt) !== localDate(deployment.startsAt)
                  ? `${localDate(deployment.endsAt)} `
                  : ''}
                {localShortTime(deployment.endsAt)}
              </span>
            </>
          ) : (
            <span className="muted">No deployment received</span>
          )}
        </div>
        <div className="station-clock">
          <span className="visually-hidden">Station time </span>
          <time dateTime={nowIso}>{localTime(nowIso)}</time>
        </div>
      </div>
      {snapshot && operator && (
        <div className="statusbar-row secondary">
          <span>
            {operator.role === 'supervisor' ? 'Supervisor' : 'Officer'} <strong>{operator.name}</strong> (
            {operator.id})
          </span>
          <span>On shift {duration(now - Date.parse(operator.signedInAt))}</span>
          <span>
            Undecided <strong>{snapshot.counts.undecided}</strong>
          </span>
          <span className={snapshot.outbox.pending > 0 ? 'warn-text' : undefined}>
            Outbox{' '}
            {snapshot.outbox.pending === 0
              ? 'empty'
              : `${snapshot.outbox.pending} waiting to send${snapshot.outbox.oldestAt ? ` (oldest ${ago(snapshot.outbox.oldestAt, now)})` : ''}`}
          </span>
          <span className="statusbar-actions">
            <button
              type="button"
              aria-pressed={muted}
              onClick={onToggleMute}
              disabled={!soundOn}
              title={soundOn ? 'Shortcut: m' : 'Alert sound is off in the station settings'}
            >
              Mute sound
              <span aria-hidden="true">{muted ? ' ✓' : ''}</span>
            </button>
            <button type="button" onClick={onHelp} title="Shortcut: ?">
              Shortcuts
            </button>
            <button type="button" onClick={() => onSignOut(true)}>
              Hand over
            </button>
            <button type="button" onClick={() => onSignOut(false)}>
              Sign out
            </button>
          </span>
        </div>
      )}
      {signOutError && (
        <p className="error" role="alert">
          Could not sign out: {signOutError}
        </p>
      )}
    </header>
  );
}
