import { useEffect, useState } from 'react';
import type { ArchiveDeploymentListing } from '../../../shared/replay';
import type { ReplayUiState } from './replay-store';
import { localDateTime } from '../format';

/**
 * The evidence archive's deployments (the station started with --archive-reader), each
 * opened as one replay across its stations. Hidden when the station reads no archive.
 */
export function ArchiveDeployments(props: {
  onOpen: (key: string) => void;
  list: ReplayUiState['listArchive'];
}) {
  const [state, setState] = useState<
    | { status: 'unknown' }
    | { status: 'busy' }
    | { status: 'none' }
    | { status: 'error'; error: string }
    | { status: 'ready'; deployments: ArchiveDeploymentListing[] }
  >({ status: 'unknown' });
  const load = () => {
    setState((was) => (was.status === 'unknown' ? was : { status: 'busy' }));
    void props.list().then(
      (res) =>
        setState(
          res.ok
            ? { status: 'ready', deployments: res.deployments }
            : /^no archive to read/.test(res.error)
              ? { status: 'none' }
              : { status: 'error', error: res.error },
        ),
      (error: unknown) => setState({ status: 'error', error: String(error) }),
    );
  };
  useEffect(load, []);
  // Nothing until the station has said it reads an archive: a station without one shows no section.
  if (state.status === 'none' || state.status === 'unknown') return null;
  return (
    <section className="panel archive" aria-labelledby="archive-heading">
      <div className="heading-row">
        <h2 id="archive-heading">Archive deployments</h2>
        <button type="button" onClick={load} disabled={state.status === 'busy'}>
          Refresh archive
        </button>
      </div>
      <p className="muted">
        Every station&rsquo;s journal of a deployment is verified on its own, then all are shown on one
        timeline.
      </p>
      {state.status === 'busy' && <p aria-live="polite">Loading the archive…</p>}
      {state.status === 'error' && (
        <p className="error" role="alert">
          Could not list the archive: {state.error}
        </p>
      )}
      {state.status === 'ready' && state.deployments.length === 0 && (
        <p>The archive holds no deployments yet.</p>
      )}
      {state.status === 'ready' && state.deployments.length > 0 && (
        <ul aria-labelledby="archive-heading" className="archive-list">
          {state.deployments.map((d) => (
            <li key={d.key}>
              <code id={`archive-${d.deploymentId}`}>{d.deploymentId}</code>
              {d.training && <span className="training-tag">Training</span>} &middot; {d.stations.length}{' '}
              station
              {d.stations.length === 1 ? '' : 's'} ({d.stations.join(', ')}) &middot; {d.entries} entries
              &middot; opened {localDateTime(d.openedAt)}{' '}
              <button
                type="button"
                className="primary"
                aria-describedby={`archive-${d.deploymentId}`}
                onClick={() => props.onOpen(d.key)}
              >
                Open from archive
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
