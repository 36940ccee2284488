import { useState, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import type { StationBridge } from '../../../shared/contract';
import type { StationMeta } from '../state/types';
import type { AlarmKind } from '../../../shared/view';
import { NPL_THRESHOLD } from '../../../shared/safeguards';
import {
  noticeState,
  noticeTone,
  thresholdLow,
  watchlistState,
  watchlistTone,
  windowState,
  windowTone,
  type Tone,
} from '../deployment-state';
import { localDate, localShortTime } from '../format';
import { PANEL_MESSAGES as M, WINDOW_MESSAGES } from './deployment-messages';
import { durationText } from './time-words';
import { SIGN, SPACE } from './marks';
import type { Deployment } from '../../../shared/feed/schemas';
import { DeploymentDetails } from './DeploymentDetails';
import { SafeguardBanner } from './SafeguardBanner';
import { StationSettingsDialog } from './StationSettingsDialog';
import './deployment-panel.css';

type DeploymentBridge = Pick<StationBridge, 'setLegalHold' | 'updateSettings'> &
  Partial<Pick<StationBridge, 'resolveAlarm'>>;

interface DeploymentPanelProps {
  snapshot: StationMeta;
  /** Station time in ms. */
  now: number;
  bridge: DeploymentBridge;
  /**
   * Station accounts: the dialog the Accounts control opens, given by the caller (the
   * panel knows nothing of access control); the control shows for a supervisor when given.
   */
  accountsDialog?: (props: { selfId: string; onClose: () => void }) => ReactNode;
  /**
   * The last hand-over at this station, as the caller shows it: in the details dialog too,
   * so the officer who took over can read the note again once signed in (the sign-in screen
   * that showed it is gone by then).
   */
  lastHandover?: ReactNode;
}

/** "10:00–18:00" on one day, with the date where it helps. */
function windowText(startsAt: string, endsAt: string): string {
  const sameDay = localDate(startsAt) === localDate(endsAt);
  return `${localDate(startsAt)} ${localShortTime(startsAt)}–${sameDay ? '' : `${localDate(endsAt)} `}${localShortTime(endsAt)}`;
}

function Fact({ label, tone, children }: { label: string; tone: Tone; children: React.ReactNode }) {
  return (
    <div className={`glance tone-${tone}`}>
      <dt>{label}</dt>
      <dd>
        {tone !== 'ok' && (
          <span className="glance-icon" aria-hidden="true">
            {SIGN.warning}
            {SPACE}
          </span>
        )}
        {children}
      </dd>
    </div>
  );
}

/** The deployment at a glance: window, threshold, watchlist review, notice, refusals, hold. */
function GlanceFacts({ snapshot, d, now }: { snapshot: StationMeta; d: Deployment; now: number }) {
  const intl = useIntl();
  const say = intl.formatMessage;
  const { rejected, outsideWindow } = snapshot.counts;
  const win = windowState(d, now);
  const wl = watchlistState(d);
  const notice = noticeState(d);
  return (
    <dl className="glance-row">
      <Fact label={say(M.window)} tone={windowTone(win)}>
        <strong>{say(WINDOW_MESSAGES[win])}</strong> {windowText(d.startsAt, d.endsAt)}
        {win === 'not-started' &&
          say(M.opensIn, { duration: durationText(intl, Date.parse(d.startsAt) - now) })}
        {win === 'in-progress' && say(M.left, { duration: durationText(intl, Date.parse(d.endsAt) - now) })}
      </Fact>
      <Fact label={say(M.threshold)} tone={thresholdLow(d) ? 'serious' : 'ok'}>
        <strong>{d.threshold.toFixed(2)}</strong>
        {thresholdLow(d) && say(M.below, { npl: NPL_THRESHOLD.toFixed(2) })}
      </Fact>
      <Fact label={say(M.watchlist)} tone={watchlistTone(wl)}>
        {intl.formatMessage(M.watchlistState, {
          version: d.watchlist.version,
          state: say(wl === 'reviewed' ? M.reviewed : wl === 'unreviewed' ? M.notReviewed : M.reviewedLate),
          strong: (words) => <strong>{words}</strong>,
        })}
      </Fact>
      <Fact label={say(M.notice)} tone={noticeTone(notice)}>
        <strong>
          {say(
            notice === 'given'
              ? M.given
              : notice === 'not-given-with-reason'
                ? M.notGivenReason
                : M.noneNoReason,
          )}
        </strong>
      </Fact>
      {snapshot.facesCompared !== undefined && (
        <Fact label={say(M.faces)} tone="ok">
          <strong>{intl.formatNumber(snapshot.facesCompared)}</strong> {say(M.soFar)}
        </Fact>
      )}
      <Fact label={say(M.refused)} tone="ok">
        <strong>{rejected}</strong>
        {say(M.outside, { count: outsideWindow })}
      </Fact>
      {snapshot.retention?.legalHold && (
        <Fact label={say(M.legalHold)} tone="ok">
          <strong>{say(M.imagesKept)}</strong>
        </Fact>
      )}
    </dl>
  );
}

/**
 * The deployment at a glance (title, window, threshold, watchlist review, notice,
 * refused alerts), its safeguard warnings, and the way into every field in full.
 * Serious warnings stay on screen for as long as main says they stand: they go only
 * when a new deployment record resolves them.
 */
export function DeploymentPanel({
  snapshot,
  now,
  bridge,
  accountsDialog,
  lastHandover,
}: DeploymentPanelProps) {
  const [open, setOpen] = useState<'details' | 'settings' | 'accounts' | null>(null);
  const d = snapshot.deployment;
  const supervisor = snapshot.operator?.role === 'supervisor';
  const ask = bridge.resolveAlarm;
  const resolveAlarm = ask
    ? (alarm: { kind: AlarmKind; deploymentId: string | null }, note: string) => ask({ ...alarm, note })
    : undefined;
  const say = useIntl().formatMessage;

  return (
    <section className="deployment-panel" aria-labelledby="deployment-panel-heading">
      <div className="deployment-panel-head">
        <h2 id="deployment-panel-heading" className="deployment-panel-heading">
          {say(M.heading)}
        </h2>
        <span className="deployment-panel-title">
          {d ? d.title : <span className="muted">{say(M.noDeployment)}</span>}
        </span>
        {snapshot.station.training && <span className="training-tag">{say(M.training)}</span>}
        {/* One line: serious warnings first, then the facts; the rest is in the details dialog. */}
        <SafeguardBanner
          safeguards={snapshot.safeguards}
          onResolveAlarm={supervisor ? resolveAlarm : undefined}
        />
        {d && <GlanceFacts snapshot={snapshot} d={d} now={now} />}
        <span className="deployment-panel-actions">
          <button type="button" onClick={() => setOpen('details')} disabled={!d} aria-haspopup="dialog">
            {say(M.details)}
          </button>
          {supervisor && (
            <button type="button" onClick={() => setOpen('settings')} aria-haspopup="dialog">
              {say(M.settings)}
            </button>
          )}
          {supervisor && accountsDialog && (
            <button type="button" onClick={() => setOpen('accounts')} aria-haspopup="dialog">
              {say(M.accounts)}
            </button>
          )}
        </span>
      </div>
      {open === 'details' && d && (
        <DeploymentDetails
          snapshot={snapshot}
          deployment={d}
          now={now}
          canHold={supervisor}
          onLegalHold={(p) => bridge.setLegalHold(p)}
          onClose={() => setOpen(null)}
          lastHandover={lastHandover}
        />
      )}
      {open === 'settings' && supervisor && (
        <StationSettingsDialog
          settings={snapshot.settings}
          onSave={(p) => bridge.updateSettings(p)}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'accounts' &&
        supervisor &&
        accountsDialog &&
        snapshot.operator &&
        accountsDialog({ selfId: snapshot.operator.id, onClose: () => setOpen(null) })}
    </section>
  );
}
