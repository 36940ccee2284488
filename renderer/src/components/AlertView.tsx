import { SIGN, SPACE } from './marks';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { DECISION_MESSAGES } from '../../../shared/i18n/glossary';
import { ALERT_MESSAGES as M } from './alert-view-messages';
import { ClaimStrip } from './ClaimStrip';
import type { StationAlert as Alert } from '../../../shared/view';
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

function referenceAgeYears(alert: Alert): number | null {
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
  const { subject } = alert;
  const intl = useIntl();
  return (
    <article className={`alert-view tier-edge-${subject.tier}`} aria-labelledby="alert-heading">
      <div className="alert-header">
        <h2 id="alert-heading" tabIndex={-1}>
          <TierBadge tier={subject.tier} />
          {SPACE}
          <span className="alert-title">
            <bdi>{subject.category}</bdi>
          </span>
        </h2>
        <p className="reminder">{intl.formatMessage(M.reminder)}</p>
      </div>
      <FactsStrip alert={alert} capturedAgo={capturedAgo} oldYears={referenceAgeYears(alert)} />
      <AlertNotes alert={alert} />
      <ClaimStrip alert={alert} />
      <StatusStrip alert={alert} />
      {engaged && alert.status !== 'withdrawn' && <EngageInstructions alert={alert} />}

      <ImagePair
        probe={alert.probe}
        subject={subject.image}
        view={view}
        onImageLoad={onImageLoad}
        onPan={onPan}
        onZoom={onZoom}
      />
      <ImageTools
        view={view}
        hasScene={Boolean(alert.scene?.url)}
        tools={tools}
        onZoom={onZoom}
        onResetView={onResetView}
        onToggleScene={onToggleScene}
      />
      <AlertDetails alert={alert} showScene={view.showScene} engaged={engaged} />
    </article>
  );
}

/** Withdrawn by the feed, or decided (by whom, when, which revision): said once, above the faces. */
function StatusStrip({ alert }: { alert: Alert }) {
  const intl = useIntl();
  const latest = alert.decisions[alert.decisions.length - 1];
  if (alert.status === 'withdrawn')
    return (
      <p className="status-strip withdrawn" role="note">
        {intl.formatMessage(M.withdrawn, {
          reason: alert.withdrawnReason ?? intl.formatMessage(M.noReason),
          strong: (words) => <strong>{words}</strong>,
        })}
      </p>
    );
  if (alert.status !== 'decided' || !latest) return null;
  return (
    <p className={`status-strip decided-${latest.decision}`} role="note">
      <strong>
        {intl.formatMessage(M.decided, {
          decision: intl.formatMessage(DECISION_MESSAGES[latest.decision]),
        })}
      </strong>
      <span>
        {intl.formatMessage(M.decidedAt, {
          time: <time dateTime={latest.decidedAt}>{localDateTime(latest.decidedAt)}</time>,
        })}
      </span>
      <span>{intl.formatMessage(M.decidedBy, { name: latest.operator.name, id: latest.operator.id })}</span>
      <span>{intl.formatMessage(M.revision, { revision: latest.revision })}</span>
    </p>
  );
}

interface ImageToolsProps {
  view: ViewState;
  hasScene: boolean;
  tools: ReactNode;
  onZoom: (factor: number) => void;
  onResetView: () => void;
  onToggleScene: () => void;
}

/** Zoom, reset and the scene under the faces; more tools (tone, comparison) behind a disclosure. */
function ImageTools({ view, hasScene, tools, onZoom, onResetView, onToggleScene }: ImageToolsProps) {
  const intl = useIntl();
  return (
    <div className="image-tools" role="group" aria-label={intl.formatMessage(M.imageTools)}>
      <button type="button" onClick={() => onZoom(1 / 1.25)} disabled={view.zoom <= MIN_ZOOM}>
        <span aria-hidden="true">{SIGN.minus}</span>
        <span className="visually-hidden">{intl.formatMessage(M.zoomOut)}</span>
      </button>
      <span className="zoom-level" aria-live="off">
        {intl.formatNumber(view.zoom, { style: 'percent', maximumFractionDigits: 0 })}
      </span>
      <button type="button" onClick={() => onZoom(1.25)} disabled={view.zoom >= MAX_ZOOM}>
        <span aria-hidden="true">{SIGN.plus}</span>
        <span className="visually-hidden">{intl.formatMessage(M.zoomIn)}</span>
      </button>
      <button type="button" onClick={onResetView}>
        {intl.formatMessage(M.resetZoom)}
      </button>
      <button type="button" aria-pressed={view.showScene} onClick={onToggleScene} disabled={!hasScene}>
        {intl.formatMessage(M.showScene)}
      </button>
      {tools && (
        <details className="more-tools">
          <summary>{intl.formatMessage(M.moreTools)}</summary>
          <div className="more-tools-body">{tools}</div>
        </details>
      )}
    </div>
  );
}

/** The rest of the entry scrolls in its own pane; focusable so the keyboard can scroll it too. */
function AlertDetails({ alert, showScene, engaged }: { alert: Alert; showScene: boolean; engaged: boolean }) {
  const { subject } = alert;
  const intl = useIntl();
  return (
    <div className="alert-details" role="region" aria-label={intl.formatMessage(M.details)} tabIndex={0}>
      {showScene && <Scene alert={alert} />}
      <dl className="facts">
        {subject.name && (
          <>
            <dt>{intl.formatMessage(M.name)}</dt>
            <dd>
              {/* Isolated: a right-to-left name cannot reorder the text around it. */}
              <bdi>{subject.name}</bdi>
            </dd>
          </>
        )}
        <dt>{intl.formatMessage(M.why)}</dt>
        <dd>
          <bdi>{subject.reason}</bdi>
        </dd>
        <dt>{intl.formatMessage(M.category)}</dt>
        <dd>
          <bdi>{subject.category}</bdi>
        </dd>
        {subject.ownerContact && !engaged && (
          <>
            <dt>{intl.formatMessage(M.owner)}</dt>
            <dd>{subject.ownerContact}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

/** The whole camera frame, the face boxed where the feed says it is. */
function Scene({ alert }: { alert: Alert }) {
  const { scene } = alert;
  const intl = useIntl();
  if (!scene?.url) return null;
  return (
    <figure className="scene">
      <div className="scene-frame">
        <img src={imageSrc(scene.url)} alt={intl.formatMessage(M.sceneImage)} />
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
        {intl.formatMessage(M.sceneCaption, { camera: alert.camera.label })}
        {scene.box ? intl.formatMessage(M.sceneFace) : ''}
      </figcaption>
    </figure>
  );
}

/** What the station noticed about this alert: a clock disagreement, members dropped, conflicting re-sends. */
function AlertNotes({ alert }: { alert: Alert }) {
  const notes = alert.notes;
  const intl = useIntl();
  if (!notes || (notes.clockAheadMs === null && notes.dropped.length === 0 && notes.conflicts === 0))
    return null;
  return (
    <ul className="alert-notes" aria-label={intl.formatMessage(M.notes)}>
      {notes.clockAheadMs !== null && (
        <li>{intl.formatMessage(M.clockAhead, { minutes: Math.round(notes.clockAheadMs / 60_000) })}</li>
      )}
      {notes.dropped.map((d) => (
        <li key={d}>{intl.formatMessage(M.dropped, { field: <bdi>{d}</bdi> })}</li>
      ))}
      {notes.conflicts > 0 && <li>{intl.formatMessage(M.conflicts, { count: notes.conflicts })}</li>}
    </ul>
  );
}
