import { useState, type ReactNode } from 'react';
import { refusedText } from '../../../shared/request-refusals';
import { useIntl } from 'react-intl';
import { safeguardText } from '../../../shared/safeguard-messages';
import type { RequestPayload, ResponseMap } from '../../../shared/contract';
import type { Deployment } from '../../../shared/feed/schemas';
import type { StationMeta } from '../state/types';
import { NPL_THRESHOLD } from '../../../shared/safeguards';
import { noticeState, thresholdLow, watchlistState, windowState } from '../deployment-state';
import { DETAILS_MESSAGES as M, PANEL_MESSAGES, WINDOW_MESSAGES } from './deployment-messages';
import { localDateTime } from '../format';
import { Dialog } from './Dialog';

interface DeploymentDetailsProps {
  snapshot: StationMeta;
  deployment: Deployment & { retentionDays: number };
  now: number;
  /** A signed-in supervisor may place or release a legal hold. */
  canHold: boolean;
  onLegalHold: (p: RequestPayload<'setLegalHold'>) => Promise<ResponseMap['setLegalHold']>;
  onClose: () => void;
  /** The last hand-over at this station, as DeploymentPanel's caller shows it. */
  lastHandover?: ReactNode;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

const when = (iso: string | null | undefined) => (iso ? `${localDateTime(iso)} (${iso})` : '');

type D = DeploymentDetailsProps['deployment'];

/** The station's safeguard warnings, in words, each marked with its severity. */
function SafeguardWarnings({ safeguards }: { safeguards: StationMeta['safeguards'] }) {
  const intl = useIntl();
  if (safeguards.length === 0) return null;
  return (
    <ul className="details-warnings" aria-label={intl.formatMessage(M.warnings)}>
      {safeguards.map((w) => {
        const words = safeguardText(intl, w);
        return (
          <li key={w.code} className={`safeguard severity-${w.severity}`}>
            <strong>{words.title}</strong> {words.detail}
          </li>
        );
      })}
    </ul>
  );
}

/** What was authorised, why, where, and by whom. */
function AuthorisationFacts({ d }: { d: D }) {
  const say = useIntl().formatMessage;
  return (
    <>
      <h3>{say(M.authorisation)}</h3>
      <dl className="facts">
        <Row term={say(M.title)}>{d.title}</Row>
        <Row term={say(M.deploymentId)}>{d.deploymentId}</Row>
        <Row term={say(M.purpose)}>{d.purpose}</Row>
        <Row term={say(M.intelligence)}>{d.intelligenceRef}</Row>
        <Row term={say(M.location)}>{d.location.name}</Row>
        <Row term={say(M.zone)}>{d.location.zone ?? say(M.notGiven)}</Row>
        <Row term={say(M.authorisedBy)}>
          {say(M.authoriser, { rank: d.authorisedBy.rank, name: d.authorisedBy.name, id: d.authorisedBy.id })}
        </Row>
        <Row term={say(M.authorisedAt)}>{when(d.authorisedAt)}</Row>
      </dl>
    </>
  );
}

/** The authorised window, where now stands in it, and what was refused at intake. */
function WindowFacts({ d, now, counts }: { d: D; now: number; counts: StationMeta['counts'] }) {
  const say = useIntl().formatMessage;
  return (
    <>
      <h3>{say(M.window)}</h3>
      <dl className="facts">
        <Row term={say(M.starts)}>{when(d.startsAt)}</Row>
        <Row term={say(M.ends)}>{when(d.endsAt)}</Row>
        <Row term={say(M.state)}>{say(WINDOW_MESSAGES[windowState(d, now)])}</Row>
        <Row term={say(M.refused)}>
          {say(M.refusedCount, { rejected: counts.rejected, outside: counts.outsideWindow })}
        </Row>
      </dl>
    </>
  );
}

/** The threshold (flagged when below the NPL figure) and the algorithm. */
function MatchingFacts({ d }: { d: D }) {
  const say = useIntl().formatMessage;
  return (
    <>
      <h3>{say(M.matching)}</h3>
      <dl className="facts">
        <Row term={say(M.threshold)}>
          {d.threshold.toFixed(2)}
          {thresholdLow(d) && (
            <p className="flag">{say(M.lowThreshold, { npl: NPL_THRESHOLD.toFixed(2) })}</p>
          )}
        </Row>
        <Row term={say(M.algorithm)}>
          {d.algorithm.name} {d.algorithm.version}
        </Row>
      </dl>
    </>
  );
}

/** The watchlist's version, size and review (flagged when late or missing). */
function WatchlistFacts({ d }: { d: D }) {
  const intl = useIntl();
  const say = intl.formatMessage;
  const wl = watchlistState(d);
  return (
    <>
      <h3>{say(M.watchlist)}</h3>
      <dl className="facts">
        <Row term={say(M.version)}>{d.watchlist.version}</Row>
        <Row term={say(M.size)}>{say(M.entries, { count: intl.formatNumber(d.watchlist.size) })}</Row>
        <Row term={say(M.reviewedBy)}>{d.watchlist.reviewedBy ?? say(M.noReview)}</Row>
        <Row term={say(M.reviewedAt)}>
          {d.watchlist.reviewedAt ? when(d.watchlist.reviewedAt) : say(M.noReview)}
          {wl === 'reviewed-late' && <p className="flag">{say(M.afterStart)}</p>}
          {wl === 'unreviewed' && <p className="flag">{say(M.reviewRequired)}</p>}
        </Row>
      </dl>
    </>
  );
}

/** Whether the public was told, through which channels, or why not (flagged when no reason). */
function NoticeFacts({ d }: { d: D }) {
  const say = useIntl().formatMessage;
  const notice = noticeState(d);
  return (
    <>
      <h3>{say(M.notice)}</h3>
      <dl className="facts">
        <Row term={say(M.noticeGiven)}>{say(d.notice.given ? M.yes : M.no)}</Row>
        {d.notice.given ? (
          <Row term={say(M.channels)}>
            {d.notice.channels.length ? (
              <ul className="plain-list">
                {d.notice.channels.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              say(M.noneListed)
            )}
          </Row>
        ) : (
          <Row term={say(M.whyNot)}>
            {notice === 'not-given-no-reason' ? (
              <p className="flag">{say(M.noReason)}</p>
            ) : (
              d.notice.reasonIfNot
            )}
          </Row>
        )}
      </dl>
    </>
  );
}

/** The DPIA, how long images are kept, how the key is protected, purging and the legal hold. */
function RetentionFacts({ d, snapshot }: { d: D; snapshot: StationMeta }) {
  const say = useIntl().formatMessage;
  const retention = snapshot.retention;
  const key = snapshot.reliability?.keyProtection;
  return (
    <>
      <h3>{say(M.retentionHeading)}</h3>
      <dl className="facts">
        <Row term={say(M.dpia)}>{d.dpiaRef}</Row>
        <Row term={say(M.retention)}>{say(M.retentionDays, { days: d.retentionDays })}</Row>
        <Row term={say(M.keyProtection)}>
          {key
            ? key.warning
              ? say(M.keyWarning, { by: key.by, warning: key.warning })
              : key.by
            : say(M.notReported)}
        </Row>
        {retention && (
          <>
            <Row term={say(M.purgeAfter)}>{when(retention.purgeAfter)}</Row>
            <Row term={say(M.purged)}>{retention.purgedImages}</Row>
            <Row term={say(M.legalHold)}>
              {retention.legalHold
                ? say(M.heldBy, {
                    name: retention.legalHold.by.name,
                    id: retention.legalHold.by.id,
                    since: localDateTime(retention.legalHold.at),
                    reason: retention.legalHold.reason,
                  })
                : say(M.none)}
            </Row>
          </>
        )}
        <Row term={say(M.changed)}>
          {snapshot.deploymentChangedAt ? when(snapshot.deploymentChangedAt) : say(M.unknown)}
        </Row>
      </dl>
    </>
  );
}

/** The deployment's cameras: id, label and zone. */
function CamerasTable({ cameras }: { cameras: D['cameras'] }) {
  const say = useIntl().formatMessage;
  return (
    <>
      <h3 id="cameras-heading">{say(M.cameras)}</h3>
      {cameras.length === 0 ? (
        <p>{say(M.noCameras)}</p>
      ) : (
        <table className="cameras" aria-labelledby="cameras-heading">
          <thead>
            <tr>
              <th scope="col">{say(M.id)}</th>
              <th scope="col">{say(M.label)}</th>
              <th scope="col">{say(M.zone)}</th>
            </tr>
          </thead>
          <tbody>
            {cameras.map((c) => (
              <tr key={c.id}>
                <td>{c.id}</td>
                <td>{c.label}</td>
                <td>{c.zone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Every field of the deployment record in full, with retention and the legal hold. */
export function DeploymentDetails({
  snapshot,
  deployment: d,
  now,
  canHold,
  onLegalHold,
  onClose,
  lastHandover,
}: DeploymentDetailsProps) {
  const retention = snapshot.retention;
  const say = useIntl().formatMessage;
  return (
    <Dialog titleId="deployment-details-title" onClose={onClose} className="deployment-details">
      <div className="dialog-head">
        <h2 id="deployment-details-title">{say(PANEL_MESSAGES.details)}</h2>
        <button type="button" onClick={onClose}>
          {say(M.close)}
        </button>
      </div>
      {snapshot.station.training && <p className="training-tag">{say(M.training)}</p>}
      <SafeguardWarnings safeguards={snapshot.safeguards} />
      {lastHandover}
      <AuthorisationFacts d={d} />
      <WindowFacts d={d} now={now} counts={snapshot.counts} />
      <MatchingFacts d={d} />
      <WatchlistFacts d={d} />
      <NoticeFacts d={d} />
      <RetentionFacts d={d} snapshot={snapshot} />
      {canHold && retention && (
        <LegalHoldForm
          deploymentId={retention.deploymentId}
          held={retention.legalHold !== null}
          onLegalHold={onLegalHold}
        />
      )}
      <CamerasTable cameras={d.cameras} />
    </Dialog>
  );
}

/** Placing or releasing a hold needs a reason; main journals both with the supervisor's name. */
function LegalHoldForm({
  deploymentId,
  held,
  onLegalHold,
}: {
  deploymentId: string;
  held: boolean;
  onLegalHold: DeploymentDetailsProps['onLegalHold'];
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intl = useIntl();
  const action = intl.formatMessage(held ? M.release : M.place);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await onLegalHold({ deploymentId, active: !held, reason: reason.trim() });
      if (result.ok) setReason('');
      else setError(refusedText(intl, result));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="legal-hold"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor="legal-hold-reason">{intl.formatMessage(held ? M.releaseReason : M.holdReason)}</label>
        <textarea
          id="legal-hold-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy || reason.trim() === ''}>
        {action}
      </button>
    </form>
  );
}
