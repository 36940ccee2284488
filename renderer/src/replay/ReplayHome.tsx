import { useState, type FormEvent } from 'react';
import type { DeploymentListing } from '../../../shared/replay';
import { localDateTime } from '../format';
import { bridgeKind } from '../bridge';
import { IntegrityBadge } from './IntegrityBadge';
import { ArchiveDeployments } from './ArchiveDeployments';
import type { Pending, ReplayUiState } from './replay-store';
import { TrustedKeys } from './TrustedKeys';

interface ReplayHomeProps {
  deployments: DeploymentListing[] | null;
  listing: Pending | null;
  importing: Pending | null;
  openError: string | null;
  onRefresh: () => void;
  listArchive: ReplayUiState['listArchive'];
  onOpen: (key: string) => void;
  /** Electron: null (main asks with its dialog); browser mode: the file chosen here. */
  onImport: (file: File | null) => void;
  enrolment: ReplayUiState['enrolment'];
  onEnrol: ReplayUiState['enrolKey'];
}

const window_ = (d: DeploymentListing) =>
  d.startsAt || d.endsAt
    ? `${localDateTime(d.startsAt) || '?'} – ${localDateTime(d.endsAt) || '?'}`
    : 'Not recorded';

/** The station's own deployments and imported bundles, to open one for replay. */
export function ReplayHome(props: ReplayHomeProps) {
  const { deployments, listing, importing } = props;
  // Electron's main asks for the file itself; the page names no path on the station's disk.
  const pickInMain = bridgeKind() === 'electron';
  const [file, setFile] = useState<File | null>(null);
  const [touched, setTouched] = useState(false);
  const submitImport = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (importing?.status === 'busy') return;
    if (pickInMain) props.onImport(null);
    else if (file) props.onImport(file);
  };
  return (
    <div className="replay-home">
      <section aria-labelledby="deployments-heading">
        <div className="heading-row">
          <h2 id="deployments-heading">Deployments to replay</h2>
          <button type="button" onClick={props.onRefresh} disabled={listing?.status === 'busy'}>
            Refresh
          </button>
        </div>
        <p className="muted">Each journal is verified when you open it, before anything is shown.</p>
        {props.openError && (
          <p className="error" role="alert">
            Could not open the replay: {props.openError}
          </p>
        )}
        {listing?.status === 'error' && (
          <p className="error" role="alert">
            Could not list deployments: {listing.error}
          </p>
        )}
        {listing?.status === 'busy' && !deployments && <p aria-live="polite">Loading deployments…</p>}
        {deployments && deployments.length === 0 && <p>No deployments on this station yet.</p>}
        {deployments && deployments.length > 0 && (
          <div className="table-scroll">
            <table className="data-table deployments">
              <caption className="visually-hidden">Deployments</caption>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Deployment</th>
                  <th scope="col">Authorised window</th>
                  <th scope="col">First and last entry</th>
                  <th scope="col">Alerts</th>
                  <th scope="col">Decided</th>
                  <th scope="col">Integrity</th>
                  <th scope="col">Legal hold</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deployments.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">
                      {d.title}
                      {d.training && <span className="training-tag">Training</span>}
                      {d.source === 'import' && <span className="import-tag">Imported</span>}
                    </th>
                    <td>
                      <code>{d.deploymentId}</code>
                    </td>
                    <td>{window_(d)}</td>
                    <td>
                      {d.firstEntryAt ? (
                        <>
                          {localDateTime(d.firstEntryAt)} –<br />
                          {localDateTime(d.lastEntryAt)}
                        </>
                      ) : (
                        'No entries'
                      )}
                    </td>
                    <td className="num">{d.alerts}</td>
                    <td className="num">{d.decided}</td>
                    <td>
                      <IntegrityBadge integrity={d.integrity} />
                    </td>
                    <td>
                      {d.legalHold ? <span className="hold-tag">On hold: {d.legalHold.reason}</span> : 'None'}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="primary"
                        aria-label={`Open ${d.title}`}
                        onClick={() => props.onOpen(d.key)}
                      >
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ArchiveDeployments onOpen={props.onOpen} list={props.listArchive} />

      <section className="panel import" aria-labelledby="import-heading">
        <h2 id="import-heading">Import a deployment bundle</h2>
        <form onSubmit={submitImport} noValidate>
          {pickInMain ? (
            <p className="muted small">
              A bundle exported by a station: you choose the file in the window that opens. It is verified
              before it opens.
            </p>
          ) : (
            <div className="field">
              <label htmlFor="bundle-file">Bundle file</label>
              <input
                id="bundle-file"
                type="file"
                accept=".lfrbundle"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                aria-invalid={touched && !file ? true : undefined}
                aria-describedby="bundle-file-hint"
              />
              <p id="bundle-file-hint" className="muted small">
                {touched && !file
                  ? 'Choose a bundle file.'
                  : 'A bundle exported by a station. It is uploaded to the station and verified before it opens.'}
              </p>
            </div>
          )}
          <button type="submit" disabled={importing?.status === 'busy'}>
            Import bundle
          </button>
          <p aria-live="polite">{importing?.status === 'busy' ? 'Importing…' : ''}</p>
          {importing?.status === 'error' && (
            <p className="error" role="alert">
              Import failed: {importing.error}
            </p>
          )}
        </form>
      </section>

      <TrustedKeys state={props.enrolment} onEnrol={props.onEnrol} />
    </div>
  );
}
