import { useState, type ReactNode } from 'react';
import type { RequestPayload, ResponseMap } from '../../../shared/contract';
import type { Deployment } from '../../../shared/feed/schemas';
import type { StationMeta } from '../state/types';
import { NPL_THRESHOLD } from '../../../shared/safeguards';
import { noticeState, thresholdLow, watchlistState, windowState, WINDOW_WORDS } from '../deployment-state';
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

/** Every field of the deployment record in full, with retention and the legal hold. */
export function DeploymentDetails({
  snapshot,
  deployment: d,
  now,
  canHold,
  onLegalHold,
  onClose,
}: DeploymentDetailsProps) {
  const wl = watchlistState(d);
  const notice = noticeState(d);
  const retention = snapshot.retention;
  return (
    <Dialog titleId="deployment-details-title" onClose={onClose} className="deployment-details">
      <div className="dialog-head">
        <h2 id="deployment-details-title">Deployment details</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {snapshot.station.training && (
        <p className="training-tag">TRAINING deployment: synthetic alerts, stored apart from real records.</p>
      )}
      {snapshot.safeguards.length > 0 && (
        <ul className="details-warnings" aria-label="Safeguard warnings">
          {snapshot.safeguards.map((w) => (
            <li key={w.code} className={`safeguard severity-${w.severity}`}>
              <strong>{w.title}</strong> {w.detail}
            </li>
          ))}
        </ul>
      )}

      <h3>Authorisation</h3>
      <dl className="facts">
        <Row term="Title">{d.title}</Row>
        <Row term="Deployment ID">{d.deploymentId}</Row>
        <Row term="Purpose">{d.purpose}</Row>
        <Row term="Intelligence reference">{d.intelligenceRef}</Row>
        <Row term="Location">{d.location.name}</Row>
        <Row term="Zone">{d.location.zone ?? 'Not given'}</Row>
        <Row term="Authorised by">
          {d.authorisedBy.rank} {d.authorisedBy.name} ({d.authorisedBy.id})
        </Row>
        <Row term="Authorised at">{when(d.authorisedAt)}</Row>
      </dl>

      <h3>Authorised window</h3>
      <dl className="facts">
        <Row term="Starts">{when(d.startsAt)}</Row>
        <Row term="Ends">{when(d.endsAt)}</Row>
        <Row term="State">{WINDOW_WORDS[windowState(d, now)]}</Row>
        <Row term="Alerts refused">
          {snapshot.counts.rejected} in all, {snapshot.counts.outsideWindow} captured outside the window
        </Row>
      </dl>

      <h3>Matching</h3>
      <dl className="facts">
        <Row term="Threshold">
          {d.threshold.toFixed(2)}
          {thresholdLow(d) && (
            <p className="flag">
              Below {NPL_THRESHOLD.toFixed(2)}: the National Physical Laboratory (2023) found demographic
              differences in false matches below this setting.
            </p>
          )}
        </Row>
        <Row term="Algorithm">
          {d.algorithm.name} {d.algorithm.version}
        </Row>
      </dl>

      <h3>Watchlist</h3>
      <dl className="facts">
        <Row term="Version">{d.watchlist.version}</Row>
        <Row term="Size">{d.watchlist.size.toLocaleString('en-GB')} entries</Row>
        <Row term="Reviewed by">{d.watchlist.reviewedBy ?? 'No review recorded'}</Row>
        <Row term="Reviewed at">
          {d.watchlist.reviewedAt ? when(d.watchlist.reviewedAt) : 'No review recorded'}
          {wl === 'reviewed-late' && <p className="flag">After the deployment started.</p>}
          {wl === 'unreviewed' && (
            <p className="flag">The guidance requires a review before every deployment.</p>
          )}
        </Row>
      </dl>

      <h3>Public notice</h3>
      <dl className="facts">
        <Row term="Notice given">{d.notice.given ? 'Yes' : 'No'}</Row>
        {d.notice.given ? (
          <Row term="Channels">
            {d.notice.channels.length ? (
              <ul className="plain-list">
                {d.notice.channels.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              'None listed'
            )}
          </Row>
        ) : (
          <Row term="Why not">
            {notice === 'not-given-no-reason' ? (
              <p className="flag">No reason recorded.</p>
            ) : (
              d.notice.reasonIfNot
            )}
          </Row>
        )}
      </dl>

      <h3>Data protection and retention</h3>
      <dl className="facts">
        <Row term="DPIA reference">{d.dpiaRef}</Row>
        <Row term="Retention">{d.retentionDays} days after the window closes</Row>
        <Row term="Station key protection">
          {snapshot.reliability?.keyProtection
            ? `${snapshot.reliability.keyProtection.by}${snapshot.reliability.keyProtection.warning ? ` — ${snapshot.reliability.keyProtection.warning}` : ''}`
            : 'Not reported'}
        </Row>
        {retention && (
          <>
            <Row term="Images deleted after">{when(retention.purgeAfter)}</Row>
            <Row term="Images deleted so far">{retention.purgedImages}</Row>
            <Row term="Legal hold">
              {retention.legalHold
                ? `Held by ${retention.legalHold.by.name} (${retention.legalHold.by.id}) since ${localDateTime(retention.legalHold.at)}: ${retention.legalHold.reason}`
                : 'None'}
            </Row>
          </>
        )}
        <Row term="Record last changed">
          {snapshot.deploymentChangedAt ? when(snapshot.deploymentChangedAt) : 'Unknown'}
        </Row>
      </dl>
      {canHold && retention && (
        <LegalHoldForm
          deploymentId={retention.deploymentId}
          held={retention.legalHold !== null}
          onLegalHold={onLegalHold}
        />
      )}

      <h3 id="cameras-heading">Cameras</h3>
      {d.cameras.length === 0 ? (
        <p>No cameras listed.</p>
      ) : (
        <table className="cameras" aria-labelledby="cameras-heading">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Label</th>
              <th scope="col">Zone</th>
            </tr>
          </thead>
          <tbody>
            {d.cameras.map((c) => (
              <tr key={c.id}>
                <td>{c.id}</td>
                <td>{c.label}</td>
                <td>{c.zone ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
  const action = held ? 'Release legal hold' : 'Place legal hold';
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await onLegalHold({ deploymentId, active: !held, reason: reason.trim() });
      if (result.ok) setReason('');
      else setError(result.error);
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
        <label htmlFor="legal-hold-reason">
          {held ? 'Reason for releasing the hold' : 'Reason for the legal hold'}
        </label>
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
