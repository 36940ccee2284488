import { useState, type FormEvent } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { DeploymentListing } from '../../../shared/replay';
import { bridgeKind } from '../bridge';
import { IntegrityBadge } from './IntegrityBadge';
import { ArchiveDeployments } from './ArchiveDeployments';
import { H } from './home-messages';
import type { Pending, ReplayUiState } from './replay-store';
import { TrustedKeys } from './TrustedKeys';
import { whenIn } from './when';

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

function windowText(intl: IntlShape, d: DeploymentListing): string {
  if (!d.startsAt && !d.endsAt) return intl.formatMessage(H.notRecorded);
  const when = whenIn(intl.locale);
  const unknown = intl.formatMessage(H.unknownTime);
  return intl.formatMessage(H.range, {
    from: when.dateTime(d.startsAt) || unknown,
    to: when.dateTime(d.endsAt) || unknown,
  });
}

/** The station's own deployments and imported bundles, to open one for replay. */
export function ReplayHome(props: ReplayHomeProps) {
  const { deployments, listing } = props;
  const intl = useIntl();
  const say = (d: (typeof H)[keyof typeof H], values?: Record<string, string>) =>
    intl.formatMessage(d, values);
  return (
    <div className="replay-home">
      <section aria-labelledby="deployments-heading">
        <div className="heading-row">
          <h2 id="deployments-heading">{say(H.heading)}</h2>
          <button type="button" onClick={props.onRefresh} disabled={listing?.status === 'busy'}>
            {say(H.refresh)}
          </button>
        </div>
        <p className="muted">{say(H.intro)}</p>
        {props.openError && (
          <p className="error" role="alert">
            {say(H.openFailed, { error: props.openError })}
          </p>
        )}
        {listing?.status === 'error' && (
          <p className="error" role="alert">
            {say(H.listFailed, { error: listing.error ?? '' })}
          </p>
        )}
        {listing?.status === 'busy' && !deployments && <p aria-live="polite">{say(H.loading)}</p>}
        {deployments && deployments.length === 0 && <p>{say(H.none)}</p>}
        {deployments && deployments.length > 0 && (
          <DeploymentTable deployments={deployments} onOpen={props.onOpen} />
        )}
      </section>

      <ArchiveDeployments onOpen={props.onOpen} list={props.listArchive} />
      <ImportBundle importing={props.importing} onImport={props.onImport} />
      <TrustedKeys state={props.enrolment} onEnrol={props.onEnrol} />
    </div>
  );
}

function DeploymentTable(props: { deployments: DeploymentListing[]; onOpen: (key: string) => void }) {
  const intl = useIntl();
  const when = whenIn(intl.locale);
  const say = (d: (typeof H)[keyof typeof H], values?: Record<string, string>) =>
    intl.formatMessage(d, values);
  const columns = [H.title, H.deployment, H.window, H.entries, H.alerts, H.decided, H.integrity, H.hold];
  return (
    <div className="table-scroll">
      <table className="data-table deployments">
        <caption className="visually-hidden">{say(H.caption)}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.id}>
                {say(c)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{say(H.actions)}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.deployments.map((d) => (
            <tr key={d.key}>
              <th scope="row">
                {d.title}
                {d.training && <span className="training-tag">{say(H.training)}</span>}
                {d.source === 'import' && <span className="import-tag">{say(H.imported)}</span>}
              </th>
              <td>
                <code>{d.deploymentId}</code>
              </td>
              <td>{windowText(intl, d)}</td>
              <td>
                {d.firstEntryAt ? (
                  <>
                    {when.dateTime(d.firstEntryAt)}
                    {RANGE_DASH}
                    <br />
                    {when.dateTime(d.lastEntryAt)}
                  </>
                ) : (
                  say(H.noEntries)
                )}
              </td>
              <td className="num">{d.alerts}</td>
              <td className="num">{d.decided}</td>
              <td>
                <IntegrityBadge integrity={d.integrity} />
              </td>
              <td>
                {d.legalHold ? (
                  <span className="hold-tag">{say(H.onHold, { reason: d.legalHold.reason })}</span>
                ) : (
                  say(H.noHold)
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="primary"
                  aria-label={say(H.openNamed, { title: d.title })}
                  onClick={() => props.onOpen(d.key)}
                >
                  {say(H.open)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Between the first and last entry, before the line break (a variable: not text to translate). */
const RANGE_DASH = ' –';

function ImportBundle(props: { importing: Pending | null; onImport: (file: File | null) => void }) {
  const { importing } = props;
  const intl = useIntl();
  const say = (d: (typeof H)[keyof typeof H], values?: Record<string, string>) =>
    intl.formatMessage(d, values);
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
    <section className="panel import" aria-labelledby="import-heading">
      <h2 id="import-heading">{say(H.importHeading)}</h2>
      <form onSubmit={submitImport} noValidate>
        {pickInMain ? (
          <p className="muted small">{say(H.pickInMain)}</p>
        ) : (
          <div className="field">
            <label htmlFor="bundle-file">{say(H.file)}</label>
            <input
              id="bundle-file"
              type="file"
              accept=".lfrbundle"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-invalid={touched && !file ? true : undefined}
              aria-describedby="bundle-file-hint"
            />
            <p id="bundle-file-hint" className="muted small">
              {say(touched && !file ? H.chooseFile : H.fileHint)}
            </p>
          </div>
        )}
        <button type="submit" disabled={importing?.status === 'busy'}>
          {say(H.import)}
        </button>
        <p aria-live="polite">{importing?.status === 'busy' ? say(H.importing) : ''}</p>
        {importing?.status === 'error' && (
          <p className="error" role="alert">
            {say(H.importFailed, { error: importing.error ?? '' })}
          </p>
        )}
      </form>
    </section>
  );
}
