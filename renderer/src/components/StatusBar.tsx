import { useIntl } from 'react-intl';
import { SIGN } from './marks';
import type { FeedStatus } from '../../../shared/view';
import { ROLE_MESSAGES } from '../../../shared/i18n/glossary';
import { translatorFor } from '../../../shared/i18n/translator';
import type { Formatter } from '../../../shared/problem-messages';
import { localTime } from '../format';
import { useStation, useStationNow } from '../state';
import { ArchiveStatus } from './ArchiveStatus';
import { KeyFileNotice } from './KeyFileNotice';
import { STATUS_MESSAGES as M } from './status-bar-messages';
import { agoText, durationText } from './time-words';

/** The feed's state in one short sentence (the contract's wording; English unless a translator is given). */
export function feedText(feed: FeedStatus, now: number, intl: Formatter = translatorFor('en-GB')): string {
  switch (feed.state) {
    case 'connected':
      return intl.formatMessage(M.feedConnected);
    case 'connecting':
      return intl.formatMessage(M.feedConnecting);
    case 'refused':
      return intl.formatMessage(M.feedRefused);
    case 'reconnecting': {
      if (!feed.nextRetryAt) return intl.formatMessage(M.feedReconnecting);
      const seconds = Math.max(0, Math.ceil((Date.parse(feed.nextRetryAt) - now) / 1000));
      return intl.formatMessage(M.feedReconnectingIn, { seconds });
    }
    case 'offline':
      return intl.formatMessage(M.feedOffline);
  }
}

/** The station's state in one bar; it re-renders once a second for its clock and nothing else. */
/**
 * A status line that gives way when the bar is short of room (layout.css `.shrinks`): cut
 * to an ellipsis, its whole text is its tooltip. In Welsh at 1280 px the shift and outbox
 * lines were cut to their first letter with nothing to read them by.
 */
function GivesWay({ children, warn = false }: { children: string; warn?: boolean }) {
  return (
    <span className={`small shrinks${warn ? ' warn-text' : ''}`} title={children}>
      {children}
    </span>
  );
}

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
  const intl = useIntl();
  return (
    <header className="statusbar">
      <div className="statusbar-row">
        <h1 className="brand">{intl.formatMessage(M.brand)}</h1>
        {snapshot?.station.training && (
          <p className="training-banner" title={intl.formatMessage(M.trainingTitle)}>
            <strong>{intl.formatMessage(M.training)}</strong>
            <span className="visually-hidden"> {intl.formatMessage(M.trainingHidden)}</span>
          </p>
        )}
        <div className={`feed feed-${feed?.state ?? 'connecting'}`}>
          <span className="feed-dot" aria-hidden="true" />
          <span role="status">{feed ? feedText(feed, now, intl) : intl.formatMessage(M.connecting)}</span>
        </div>
        {snapshot?.archive && <ArchiveStatus archive={snapshot.archive} now={now} />}
        <KeyFileNotice protection={snapshot?.reliability?.keyProtection} />
        {snapshot && operator && (
          <>
            <span className="operator">
              {intl.formatMessage(M.operator, {
                role: intl.formatMessage(ROLE_MESSAGES[operator.role]),
                name: operator.name,
                id: operator.id,
                strong: (words) => <strong>{words}</strong>,
              })}
            </span>
            <GivesWay>
              {intl.formatMessage(M.onShift, {
                duration: durationText(intl, now - Date.parse(operator.signedInAt)),
              })}
            </GivesWay>
            <GivesWay warn={snapshot.outbox.pending > 0}>
              {snapshot.outbox.pending === 0
                ? intl.formatMessage(M.outboxEmpty)
                : snapshot.outbox.oldestAt
                  ? intl.formatMessage(M.outboxOldest, {
                      count: snapshot.outbox.pending,
                      ago: agoText(intl, snapshot.outbox.oldestAt, now),
                    })
                  : intl.formatMessage(M.outboxWaiting, { count: snapshot.outbox.pending })}
            </GivesWay>
          </>
        )}
        <div className="station-clock">
          <span className="visually-hidden">{intl.formatMessage(M.stationTime)} </span>
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
              title={intl.formatMessage(soundOn ? M.muteShortcut : M.soundOff)}
            >
              {intl.formatMessage(M.mute)}
              <span aria-hidden="true">{muted ? SIGN.tick : null}</span>
            </button>
            <button
              type="button"
              onClick={() => setOverlay('shortcuts')}
              title={intl.formatMessage(M.shortcutsShortcut)}
            >
              {intl.formatMessage(M.shortcuts)}
            </button>
            <button type="button" onClick={() => setOverlay('handover')} aria-haspopup="dialog">
              {intl.formatMessage(M.handOver)}
            </button>
            <button type="button" onClick={() => void signOut(false)}>
              {intl.formatMessage(M.signOut)}
            </button>
          </span>
        )}
      </div>
      {signOutError && (
        <p className="error" role="alert">
          {intl.formatMessage(M.signOutError, { error: signOutError })}
        </p>
      )}
    </header>
  );
}
