import { useState } from 'react';
import type { ExportKind, ReplayUiState } from './replay-store';

interface ExportsProps {
  state: ReplayUiState['exports'];
  onExport: (kind: ExportKind, includeImages: boolean) => void;
}

const KINDS: { kind: ExportKind; button: string; what: string }[] = [
  { kind: 'csv', button: 'Export CSV', what: 'One row per alert: times, decision, reasons, outcome.' },
  {
    kind: 'pdf',
    button: 'Export PDF report',
    what: 'The oversight report: integrity, statistics, charts and each decision.',
  },
  {
    kind: 'bundle',
    button: 'Export bundle',
    what: 'The signed journal and its images, for another station to verify and replay.',
  },
];

/**
 * Exports are written and journalled by main; the screen only asks and shows where the file
 * went (browser mode: downloaded; Electron: a copy where main's save dialog was pointed).
 */
export function Exports({ state, onExport }: ExportsProps) {
  const [includeImages, setIncludeImages] = useState(false);
  return (
    <section className="panel exports" aria-labelledby="exports-heading">
      <h2 id="exports-heading">Exports</h2>
      <label className="choice">
        <input
          type="checkbox"
          checked={includeImages}
          onChange={(e) => setIncludeImages(e.target.checked)}
          aria-describedby="include-images-note"
        />
        Include biometric images in the PDF
      </label>
      <p id="include-images-note" className={includeImages ? 'warn-note' : 'muted small'}>
        {includeImages
          ? 'Warning: the PDF will contain faces of people on camera and on the watchlist. Handle it as biometric data and share it only with those entitled to see it.'
          : 'By default the PDF leaves out every face image.'}
      </p>
      <ul className="export-list">
        {KINDS.map(({ kind, button, what }) => {
          const s = state[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                onClick={() => onExport(kind, includeImages)}
                disabled={s?.status === 'busy'}
              >
                {button}
              </button>{' '}
              <span className="muted small">{what}</span>
              <p aria-live="polite" className="export-status">
                {s?.status === 'busy' && 'Exporting…'}
                {s?.status === 'done' && (
                  <>
                    {s.downloaded && <>Downloaded {s.downloaded}; the station keeps its copy at </>}
                    {!s.downloaded && 'Saved to '}
                    <code>{s.path}</code>
                    {s.bytes !== null ? ` (${Math.max(1, Math.round(s.bytes / 1024))} KB)` : ''}.
                    {s.savedTo && (
                      <>
                        {' '}
                        A copy is saved at <code>{s.savedTo}</code>.
                      </>
                    )}
                    {s.savedTo === null && ' Saving a copy elsewhere was cancelled.'}
                  </>
                )}
              </p>
              {s?.status === 'error' && (
                <p className="error" role="alert">
                  Export failed: {s.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
