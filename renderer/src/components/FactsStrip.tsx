/**
 * The facts an officer must have in view while comparing the faces: where and when,
 * the score, the warnings and how old the reference image is. Never inside a scroll
 * pane (issue 24): these decide whether and how to engage safely.
 */
import type { ReactNode } from 'react';
import type { AlertView as Alert } from '../../../shared/view';
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
  return (
    <div role="group" aria-label="Alert facts">
      <dl className="facts-strip">
        <div className="fact">
          <dt>Camera</dt>
          <dd>
            <span className="camera">{alert.camera.label}</span>{' '}
            <span className="muted">
              captured <time dateTime={alert.capturedAt}>{localDateTime(alert.capturedAt)}</time> (
              {capturedAgo})
            </span>{' '}
            <span className="score-line">
              Score {score3(alert.score)} · threshold {score3(alert.threshold)}
            </span>
            {alert.escalated && <span className="escalated">Escalated: waiting too long</span>}
          </dd>
        </div>
        <div className="fact">
          <dt>Warnings</dt>
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
              'None'
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>Reference image</dt>
          <dd>
            {image.takenAt ? `Taken ${localDate(image.takenAt)}` : 'Date not given'}
            {' · '}
            {image.source ? <bdi>{image.source}</bdi> : 'source not given'}
            {oldYears !== null && <span className="flag">Reference image is {oldYears} years old</span>}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Shown once Engage is chosen (never before: it must not read as an order to engage). */
export function EngageInstructions({ alert }: { alert: Alert }) {
  const { subject } = alert;
  return (
    <div className={`engage-instructions tier-${subject.tier}`} role="note" aria-label="If you engage">
      {subject.tier === 'red' && (
        <p>
          <strong>Red: act now — brief the engagement team, keep the subject in view.</strong>
        </p>
      )}
      {subject.warnings.length > 0 ? (
        <p>
          <strong>Tell the engagement team the warnings:</strong>{' '}
          {subject.warnings.map((w, i) => (
            <span key={`${i}-${w}`} className="warning-item">
              <bdi>{w}</bdi>
              {i < subject.warnings.length - 1 ? '; ' : ''}
            </span>
          ))}
        </p>
      ) : (
        <p>No warnings on this watchlist entry.</p>
      )}
      {subject.ownerContact && <p>Entry owner: {subject.ownerContact}</p>}
    </div>
  );
}
