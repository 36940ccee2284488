import type { ReactNode } from 'react';
import { ClaimStrip } from './ClaimStrip';
import type { AlertView as Alert } from '../../../shared/view';
import type { ImageSlot, ViewState } from '../state/types';
import { localDateTime, yearsBetween } from '../format';
import { EngageInstructions, FactsStrip } from './FactsStrip';
import { MAX_ZOOM, MIN_ZOOM } from '../state/viewer-slice';
import { TierBadge } from './TierBadge';
import { ImagePair } from './ImagePair';
import { imageSrc } from '../bridge';
import './alert-view.css';

/** A reference image this much older than the capture is flagged. */
const OLD_REFERENCE_YEARS = 3;

interface AlertViewProps {
  alert: Alert;
  /** How long ago it was captured ("2 min ago"), kept by whoever owns the clock. */
  capturedAgo: ReactNode;
  view: ViewState;
  /**
   * Engage chosen (or recorded): only then do the tier's instructions show, so they
   * never read as an order before the officer has compared the faces.
   */
  engaged?: boolean;
  /** More image tools (tone, comparison), owned by whoever owns the view. */
  tools?: ReactNode;
  onImageLoad: (slot: ImageSlot, ok: boolean) => void;
  onZoom: (factor: number) => void;
  onPan: (dx: number, dy: number) => void;
  onResetView: () => void;
  onToggleScene: () => void;
}

export function referenceAgeYears(alert: Alert): number | null {
  const takenAt = alert.subject.image.takenAt;
  if (!takenAt || !Number.isFinite(Date.parse(takenAt))) return null;
  const years = yearsBetween(takenAt, Date.parse(alert.capturedAt));
  const older =
    years > OLD_REFERENCE_YEARS ||
    (years === OLD_REFERENCE_YEARS && !sameDayOfYear(takenAt, alert.capturedAt));
  return older ? years : null;
}

function sameDayOfYear(a: string, b: string): boolean {
  const x = new Date(Date.parse(a));
  const y = new Date(Date.parse(b));
  return x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

export function AlertView({
  alert,
  capturedAgo,
  view,
  engaged = false,
  tools,
  onImageLoad,
  onZoom,
  onPan,
  onResetView,
  onToggleScene,
}: AlertViewProps) {
  const { subject, scene } = alert;
  const oldYears = referenceAgeYears(alert);
  const latest = alert.decisions[alert.decisions.length - 1];
  return (
    <article className={`alert-view tier-edge-${subject.tier}`} aria-labelledby="alert-heading">
      <div className="alert-header">
        <h2 id="alert-heading" tabIndex={-1}>
          <TierBadge tier={subject.tier} />{' '}
          <span className="alert-title">
            <bdi>{subject.category}</bdi>
          </span>
        </h2>
        <p className="reminder">Possible match only. The system can be wrong: compare the faces yourself.</p>
      </div>
      <FactsStrip alert={alert} capturedAgo={capturedAgo} oldYears={oldYears} />
      <AlertNotes alert={alert} />
      <ClaimStrip alert={alert} />

      {alert.status === 'withdrawn' && (
        <p className="status-strip withdrawn" role="note">
          <strong>Withdrawn: {alert.withdrawnReason ?? 'no reason given'}</strong>. No decision is needed.
        </p>
      )}
      {alert.status === 'decided' && latest && (
        <p className={`status-strip decided-${latest.decision}`} role="note">
          <strong>Decided: {latest.decision === 'engage' ? 'Engage' : 'No engage'}</strong>
          <span>
            at <time dateTime={latest.decidedAt}>{localDateTime(latest.decidedAt)}</time>
          </span>
          <span>
            by {latest.operator.name} ({latest.operator.id})
          </span>
          <span>revision {latest.revision}</span>
        </p>
      )}

      {engaged && alert.status !== 'withdrawn' && <EngageInstructions alert={alert} />}

      <ImagePair
        probe={alert.probe}
        subject={subject.image}
        view={view}
        onImageLoad={onImageLoad}
        onPan={onPan}
        onZoom={onZoom}
      />

      <div className="image-tools" role="group" aria-label="Image tools">
        <button type="button" onClick={() => onZoom(1 / 1.25)} disabled={view.zoom <= MIN_ZOOM}>
          <span aria-hidden="true">−</span>
          <span className="visually-hidden">Zoom out</span>
        </button>
        <span className="zoom-level" aria-live="off">
          {Math.round(view.zoom * 100)}%
        </span>
        <button type="button" onClick={() => onZoom(1.25)} disabled={view.zoom >= MAX_ZOOM}>
          <span aria-hidden="true">+</span>
          <span className="visually-hidden">Zoom in</span>
        </button>
        <button type="button" onClick={onResetView}>
          Reset zoom
        </button>
        <button type="button" aria-pressed={view.showScene} onClick={onToggleScene} disabled={!scene?.url}>
          Show scene
        </button>
        {tools && (
          <details className="more-tools">
            <summary>Tone and compare</summary>
            <div className="more-tools-body">{tools}</div>
          </details>
        )}
      </div>

      {/* The rest of the entry scrolls in its own pane; focusable so the keyboard can scroll it too. */}
      <div className="alert-details" role="region" aria-label="Watchlist entry details" tabIndex={0}>
        {view.showScene && scene?.url && (
          <figure className="scene">
            <div className="scene-frame">
              <img src={imageSrc(scene.url)} alt="Scene image" />
              {scene.box && (
                <div
                  className="face-box"
                  aria-hidden="true"
                  style={{
                    left: `${(scene.box.x / scene.width) * 100}%`,
                    top: `${(scene.box.y / scene.height) * 100}%`,
                    width: `${(scene.box.w / scene.width) * 100}%`,
                    height: `${(scene.box.h / scene.height) * 100}%`,
                  }}
                />
              )}
            </div>
            <figcaption>
              Scene frame from {alert.camera.label}
              {scene.box ? ', detected face outlined' : ''}
            </figcaption>
          </figure>
        )}
        <dl className="facts">
          {subject.name && (
            <>
              <dt>Name on watchlist</dt>
              <dd>
                {/* Isolated: a right-to-left name cannot reorder the text around it. */}
                <bdi>{subject.name}</bdi>
              </dd>
            </>
          )}
          <dt>Why on the watchlist</dt>
          <dd>
            <bdi>{subject.reason}</bdi>
          </dd>
          <dt>Category</dt>
          <dd>
            <bdi>{subject.category}</bdi>
          </dd>
          {subject.ownerContact && !engaged && (
            <>
              <dt>Entry owner</dt>
              <dd>{subject.ownerContact}</dd>
            </>
          )}
        </dl>
      </div>
    </article>
  );
}

/** What the station noticed about this alert: a clock disagreement, members dropped, conflicting re-sends. */
function AlertNotes({ alert }: { alert: Alert }) {
  const notes = alert.notes;
  if (!notes || (notes.clockAheadMs === null && notes.dropped.length === 0 && notes.conflicts === 0))
    return null;
  return (
    <ul className="alert-notes" aria-label="Station notes on this alert">
      {notes.clockAheadMs !== null && (
        <li>
          Clock disagreement: captured {Math.round(notes.clockAheadMs / 60_000)} min ahead of this
          station&apos;s clock. Check the times before relying on them.
        </li>
      )}
      {notes.dropped.map((d) => (
        <li key={d}>
          Not shown, malformed in the feed: <bdi>{d}</bdi>
        </li>
      ))}
      {notes.conflicts > 0 && (
        <li>
          This alert ID was sent again {notes.conflicts === 1 ? 'once' : `${notes.conflicts} times`} with
          different content; refused, the version shown is the one first stored.
        </li>
      )}
    </ul>
  );
}
