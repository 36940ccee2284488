/**
 * The facts an officer must have in view while comparing the faces: where and when,
 * the score, the warnings and how old the reference image is. Never inside a scroll
 * pane (issue 24): these decide whether and how to engage safely.
 */
import { DOT, LIST_SEP, SPACE } from './marks';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ALERT_MESSAGES as M } from './alert-view-messages';
import type { StationAlert as Alert } from '../../../shared/view';
import { localDate, localDateTime, score3 } from '../format';

interface FactsStripProps {
  alert: Alert;
  capturedAgo: ReactNode;
  /** Whole years when the reference image is old enough to flag, else null. */
  oldYears: number | null;
}

export function FactsStrip({ alert, capturedAgo, oldYears }: FactsStripProps) {
  const { subject } = alert;
  const image = subject.image;
  const intl = useIntl();
  return (
    <div role="group" aria-label={intl.formatMessage(M.facts)}>
      <dl className="facts-strip">
        <div className="fact">
          <dt>{intl.formatMessage(M.camera)}</dt>
          <dd>
            <span className="camera">{alert.camera.label}</span>
            {SPACE}
            <span className="muted">
              {intl.formatMessage(M.captured, {
                time: <time dateTime={alert.capturedAt}>{localDateTime(alert.capturedAt)}</time>,
                ago: capturedAgo,
              })}
            </span>
            {SPACE}
            <span className="score-line">
              {intl.formatMessage(M.scoreLine, {
                score: score3(alert.score),
                threshold: score3(alert.threshold),
              })}
            </span>
            {alert.escalated && <span className="escalated">{intl.formatMessage(M.escalated)}</span>}
          </dd>
        </div>
        <div className="fact">
          <dt>{intl.formatMessage(M.warnings)}</dt>
          <dd>
            {subject.warnings.length ? (
              <ul className="warnings">
                {subject.warnings.map((w, i) => (
                  <li key={`${i}-${w}`}>
                    <bdi>{w}</bdi>
                  </li>
                ))}
              </ul>
            ) : (
              intl.formatMessage(M.none)
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>{intl.formatMessage(M.reference)}</dt>
          <dd>
            {image.takenAt
              ? intl.formatMessage(M.taken, { date: localDate(image.takenAt) })
              : intl.formatMessage(M.dateNotGiven)}
            {DOT}
            {image.source ? <bdi>{image.source}</bdi> : intl.formatMessage(M.sourceNotGiven)}
            {oldYears !== null && (
              <span className="flag">{intl.formatMessage(M.oldReference, { years: oldYears })}</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Shown once Engage is chosen (never before: it must not read as an order to engage). */
export function EngageInstructions({ alert }: { alert: Alert }) {
  const { subject } = alert;
  const intl = useIntl();
  return (
    <div
      className={`engage-instructions tier-${subject.tier}`}
      role="note"
      aria-label={intl.formatMessage(M.ifEngage)}
    >
      {subject.tier === 'red' && (
        <p>
          <strong>{intl.formatMessage(M.redNow)}</strong>
        </p>
      )}
      {subject.warnings.length > 0 ? (
        <p>
          <strong>{intl.formatMessage(M.tellWarnings)}</strong>
          {SPACE}
          {subject.warnings.map((w, i) => (
            <span key={`${i}-${w}`} className="warning-item">
              <bdi>{w}</bdi>
              {i < subject.warnings.length - 1 ? LIST_SEP : null}
            </span>
          ))}
        </p>
      ) : (
        <p>{intl.formatMessage(M.noWarnings)}</p>
      )}
      {subject.ownerContact && <p>{intl.formatMessage(M.entryOwner, { owner: subject.ownerContact })}</p>}
    </div>
  );
}
