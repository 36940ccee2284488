import { messageTable } from '../../../shared/message-table';
import { useEffect, useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import type { ArchiveDeploymentListing } from '../../../shared/replay';
import type { ReplayUiState } from './replay-store';
import { useWhen } from './when';

const M = messageTable(
  defineMessages({
    heading: {
      id: 'reports.archive.heading',
      defaultMessage: 'Archive deployments',
      description: 'Replay home: heading of the deployments held in the evidence archive',
    },
    refresh: {
      id: 'reports.archive.refresh',
      defaultMessage: 'Refresh archive',
      description: 'Button: list the archive deployments again',
    },
    intro: {
      id: 'reports.archive.intro',
      defaultMessage:
        'Every station’s journal of a deployment is verified on its own, then all are shown on one timeline.',
      description: 'Replay home: what opening an archive deployment does',
    },
    loading: {
      id: 'reports.archive.loading',
      defaultMessage: 'Loading the archive…',
      description: 'While the archive deployments are listed',
    },
    failed: {
      id: 'reports.archive.failed',
      defaultMessage: 'Could not list the archive: {error}',
      description: 'The archive could not be listed; error is the reason',
    },
    empty: {
      id: 'reports.archive.empty',
      defaultMessage: 'The archive holds no deployments yet.',
      description: 'The archive has no deployments',
    },
    training: {
      id: 'reports.archive.training',
      defaultMessage: 'Training',
      description: 'Tag beside a training deployment',
    },
    line: {
      id: 'reports.archive.line',
      defaultMessage:
        '{count, plural, one {{n} station} other {{n} stations}} ({stations}) · {entries} entries · opened {at}',
      description:
        'An archive deployment: how many stations (their ids), journal entries, when it was opened',
    },
    open: {
      id: 'reports.archive.open',
      defaultMessage: 'Open from archive',
      description: 'Button: open this archive deployment for replay',
    },
  }),
);

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
  const intl = useIntl();
  const when = useWhen();
  // Nothing until the station has said it reads an archive: a station without one shows no section.
  if (state.status === 'none' || state.status === 'unknown') return null;
  return (
    <section className="panel archive" aria-labelledby="archive-heading">
      <div className="heading-row">
        <h2 id="archive-heading">{intl.formatMessage(M.heading)}</h2>
        <button type="button" onClick={load} disabled={state.status === 'busy'}>
          {intl.formatMessage(M.refresh)}
        </button>
      </div>
      <p className="muted">{intl.formatMessage(M.intro)}</p>
      {state.status === 'busy' && <p aria-live="polite">{intl.formatMessage(M.loading)}</p>}
      {state.status === 'error' && (
        <p className="error" role="alert">
          {intl.formatMessage(M.failed, { error: state.error })}
        </p>
      )}
      {state.status === 'ready' && state.deployments.length === 0 && <p>{intl.formatMessage(M.empty)}</p>}
      {state.status === 'ready' && state.deployments.length > 0 && (
        <ul aria-labelledby="archive-heading" className="archive-list">
          {state.deployments.map((d) => (
            <li key={d.key}>
              <code id={`archive-${d.deploymentId}`}>{d.deploymentId}</code>
              {d.training && <span className="training-tag">{intl.formatMessage(M.training)}</span>}
              {SEPARATOR}
              {intl.formatMessage(M.line, {
                count: d.stations.length,
                n: String(d.stations.length),
                stations: d.stations.join(', '),
                entries: String(d.entries),
                at: when.dateTime(d.openedAt),
              })}
              {SPACE}
              <button
                type="button"
                className="primary"
                aria-describedby={`archive-${d.deploymentId}`}
                onClick={() => props.onOpen(d.key)}
              >
                {intl.formatMessage(M.open)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Between the id (and tag) and the line (variables: the lint rule reads a literal as untranslated text). */
const SEPARATOR = ' · ';
const SPACE = ' ';
