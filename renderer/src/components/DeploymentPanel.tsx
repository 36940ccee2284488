import { useState, type ReactNode } from 'react';
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
  WINDOW_WORDS,
  type Tone,
} from '../deployment-state';
import { duration, localDate, localShortTime } from '../format';
import { DeploymentDetails } from './DeploymentDetails';
import { SafeguardBanner } from './SafeguardBanner';
import { StationSettingsDialog } from './StationSettingsDialog';
import './deployment-panel.css';

export type DeploymentBridge = Pick<StationBridge, 'setLegalHold' | 'updateSettings'> &
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
            ⚠{' '}
          </span>
        )}
        {children}
      </dd>
    </div>
  );
}

/**
 * The deployment at a glance (title, window, threshold, watchlist review, notice,
 * refused alerts), its safeguard warnings, and the way into every field in full.
 * Serious warnings stay on screen for as long as main says they stand: they go only
 * when a new deployment record resolves them.
 */
export function DeploymentPanel({ snapshot, now, bridge, accountsDialog }: DeploymentPanelProps) {
  const [open, setOpen] = useState<'details' | 'settings' | 'accounts' | null>(null);
  const d = snapshot.deployment;
  const supervisor = snapshot.operator?.role === 'supervisor';
  const ask = bridge.resolveAlarm;
  const resolveAlarm = ask
    ? (alarm: { kind: AlarmKind; deploymentId: string | null }, note: string) => ask({ ...alarm, note })
    : undefined;
  const { rejected, outsideWindow } = snapshot.counts;

  let facts = null;
  if (d) {
    const win = windowState(d, now);
    const wl = watchlistState(d);
    const notice = noticeState(d);
    facts = (
      <dl className="glance-row">
        <Fact label="Window" tone={windowTone(win)}>
          <strong>{WINDOW_WORDS[win]}</strong> {windowText(d.startsAt, d.endsAt)}
          {win === 'not-started' && ` (opens in ${duration(Date.parse(d.startsAt) - now)})`}
          {win === 'in-progress' && ` (${duration(Date.parse(d.endsAt) - now)} left)`}
        </Fact>
        <Fact label="Threshold" tone={thresholdLow(d) ? 'serious' : 'ok'}>
          <strong>{d.threshold.toFixed(2)}</strong>
          {thresholdLow(d) && ` below ${NPL_THRESHOLD.toFixed(2)}`}
        </Fact>
        <Fact label="Watchlist" tone={watchlistTone(wl)}>
          {d.watchlist.version}:{' '}
          <strong>
            {wl === 'reviewed' ? 'reviewed' : wl === 'unreviewed' ? 'not reviewed' : 'reviewed late'}
          </strong>
        </Fact>
        <Fact label="Public notice" tone={noticeTone(notice)}>
          <strong>
            {notice === 'given'
              ? 'given'
              : notice === 'not-given-with-reason'
                ? 'not given (reason recorded)'
                : 'none, and no reason recorded'}
          </strong>
        </Fact>
        {snapshot.facesCompared !== undefined && (
          <Fact label="Faces compared" tone="ok">
            <strong>{snapshot.facesCompared.toLocaleString('en-GB')}</strong> so far
          </Fact>
        )}
        <Fact label="Refused alerts" tone="ok">
          <strong>{rejected}</strong>
          {` (${outsideWindow} outside the window)`}
        </Fact>
        {snapshot.retention?.legalHold && (
          <Fact label="Legal hold" tone="ok">
            <strong>images kept</strong>
          </Fact>
        )}
      </dl>
    );
  }

  return (
    <section className="deployment-panel" aria-labelledby="deployment-panel-heading">
      <div className="deployment-panel-head">
        <h2 id="deployment-panel-heading" className="deployment-panel-heading">
          Deployment
        </h2>
        <span className="deployment-panel-title">
          {d ? d.title : <span className="muted">No deployment received yet</span>}
        </span>
        {snapshot.station.training && <span className="training-tag">Training deployment</span>}
        {/* One line: serious warnings first, then the facts; the rest is in the details dialog. */}
        <SafeguardBanner
          safeguards={snapshot.safeguards}
          onResolveAlarm={supervisor ? resolveAlarm : undefined}
        />
        {facts}
        <span className="deployment-panel-actions">
          <button type="button" onClick={() => setOpen('details')} disabled={!d} aria-haspopup="dialog">
            Deployment details
          </button>
          {supervisor && (
            <button type="button" onClick={() => setOpen('settings')} aria-haspopup="dialog">
              Station settings
            </button>
          )}
          {supervisor && accountsDialog && (
            <button type="button" onClick={() => setOpen('accounts')} aria-haspopup="dialog">
              Accounts
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
