import { useState } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import { LOCALE_NAMES, type ReportLanguage } from '../../../shared/i18n/locale';
import type { ExportKind, ReplayUiState } from './replay-store';

interface ExportsProps {
  state: ReplayUiState['exports'];
  onExport: (kind: ExportKind, includeImages: boolean, language: ReportLanguage) => void;
}

const M = defineMessages({
  csvButton: { id: 'reports.exports.csv', defaultMessage: 'Export CSV', description: 'Button' },
  csvWhat: {
    id: 'reports.exports.csv-what',
    defaultMessage: 'One row per alert: times, decision, reasons, outcome.',
    description: 'Beside the Export CSV button',
  },
  pdfButton: { id: 'reports.exports.pdf', defaultMessage: 'Export PDF report', description: 'Button' },
  pdfWhat: {
    id: 'reports.exports.pdf-what',
    defaultMessage: 'The oversight report: integrity, statistics, charts and each decision.',
    description: 'Beside the Export PDF button',
  },
  bundleButton: { id: 'reports.exports.bundle', defaultMessage: 'Export bundle', description: 'Button' },
  bundleWhat: {
    id: 'reports.exports.bundle-what',
    defaultMessage: 'The signed journal and its images, for another station to verify and replay.',
    description: 'Beside the Export bundle button',
  },
});

/** The space between two phrases (a variable: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';

const KINDS: { kind: ExportKind; button: MessageDescriptor; what: MessageDescriptor }[] = [
  { kind: 'csv', button: M.csvButton, what: M.csvWhat },
  { kind: 'pdf', button: M.pdfButton, what: M.pdfWhat },
  { kind: 'bundle', button: M.bundleButton, what: M.bundleWhat },
];

/**
 * The report's language (issue 26): English, Welsh, or both. Each language is named in
 * itself so a reader of either finds it; "both" says it in Welsh too.
 */
function LanguageChoice({
  value,
  onChange,
}: {
  value: ReportLanguage;
  onChange: (language: ReportLanguage) => void;
}) {
  const intl = useIntl();
  return (
    <div className="report-language">
      <label>
        <FormattedMessage
          id="reports.exports.language"
          defaultMessage="Report language"
          description="Label of the chooser of the exported report's language"
        />
        {SPACE}
        <select
          value={value}
          onChange={(e) => onChange(e.target.value as ReportLanguage)}
          aria-describedby="report-language-note"
        >
          <option value="en-GB" lang="en-GB">
            {LOCALE_NAMES['en-GB']}
          </option>
          <option value="cy" lang="cy">
            {LOCALE_NAMES.cy}
          </option>
          <option value="both">
            {intl.formatMessage({
              id: 'reports.exports.language-both',
              defaultMessage: 'Both (Dwyieithog)',
              description:
                'Report language: Welsh and English side by side ("Dwyieithog" is Welsh for bilingual)',
            })}
          </option>
        </select>
      </label>
      <p id="report-language-note" className="muted small">
        <FormattedMessage
          id="reports.exports.language-note"
          defaultMessage="For the PDF and the CSV. Both: the PDF says each part in Welsh then English; the CSV has English column names. Codes stay codes."
          description="Under the report language chooser"
        />
      </p>
    </div>
  );
}

/**
 * Exports are written and journalled by main; the screen only asks and shows where the file
 * went (browser mode: downloaded; Electron: a copy where main's save dialog was pointed).
 */
export function Exports({ state, onExport }: ExportsProps) {
  const intl = useIntl();
  const [includeImages, setIncludeImages] = useState(false);
  // The screen's language first: a supervisor working in Welsh gets a Welsh report unless they choose.
  const [language, setLanguage] = useState<ReportLanguage>(intl.locale === 'cy' ? 'cy' : 'en-GB');
  return (
    <section className="panel exports" aria-labelledby="exports-heading">
      <h2 id="exports-heading">
        <FormattedMessage id="reports.exports.heading" defaultMessage="Exports" description="Panel heading" />
      </h2>
      <LanguageChoice value={language} onChange={setLanguage} />
      <label className="choice">
        <input
          type="checkbox"
          checked={includeImages}
          onChange={(e) => setIncludeImages(e.target.checked)}
          aria-describedby="include-images-note"
        />
        <FormattedMessage
          id="reports.exports.include-images"
          defaultMessage="Include biometric images in the PDF"
          description="Checkbox"
        />
      </label>
      <p id="include-images-note" className={includeImages ? 'warn-note' : 'muted small'}>
        {includeImages
          ? intl.formatMessage({
              id: 'reports.exports.images-warning',
              defaultMessage:
                'Warning: the PDF will contain faces of people on camera and on the watchlist. Handle it as biometric data and share it only with those entitled to see it.',
              description: 'Shown when images are to be included',
            })
          : intl.formatMessage({
              id: 'reports.exports.no-images',
              defaultMessage: 'By default the PDF leaves out every face image.',
              description: 'Shown when images are not included',
            })}
      </p>
      <ul className="export-list">
        {KINDS.map(({ kind, button, what }) => {
          const s = state[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                onClick={() => onExport(kind, includeImages, language)}
                disabled={s?.status === 'busy'}
              >
                {intl.formatMessage(button)}
              </button>
              {SPACE}
              <span className="muted small">{intl.formatMessage(what)}</span>
              <p aria-live="polite" className="export-status">
                {s?.status === 'busy' &&
                  intl.formatMessage({
                    id: 'reports.exports.busy',
                    defaultMessage: 'Exporting…',
                    description: 'While an export is written',
                  })}
                {s?.status === 'done' && <ExportDone done={s} />}
              </p>
              {s?.status === 'error' && (
                <p className="error" role="alert">
                  <FormattedMessage
                    id="reports.exports.failed"
                    defaultMessage="Export failed: {error}"
                    description="An export failed; error is the station's reason"
                    values={{ error: s.error }}
                  />
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type Done = NonNullable<ReplayUiState['exports'][ExportKind]>;

/** Where a finished export went, and how big it is. */
function ExportDone({ done: s }: { done: Done }) {
  const intl = useIntl();
  const path = <code>{s.path}</code>;
  const size =
    s.bytes !== null
      ? intl.formatMessage(
          {
            id: 'reports.exports.size',
            defaultMessage: ' ({kb} KB)',
            description: 'The export size in kilobytes (starts with a space)',
          },
          { kb: String(Math.max(1, Math.round(s.bytes / 1024))) },
        )
      : '';
  return (
    <>
      {s.downloaded ? (
        <FormattedMessage
          id="reports.exports.downloaded"
          defaultMessage="Downloaded {file}; the station keeps its copy at {path}{size}."
          description="Browser mode: the export was downloaded; path is where the station keeps it; size is its size in brackets or nothing"
          values={{ file: s.downloaded, path, size }}
        />
      ) : (
        <FormattedMessage
          id="reports.exports.saved"
          defaultMessage="Saved to {path}{size}."
          description="Where the export was written; size is its size in brackets or nothing"
          values={{ path, size }}
        />
      )}
      {s.savedTo && (
        <>
          {SPACE}
          <FormattedMessage
            id="reports.exports.copy-saved"
            defaultMessage="A copy is saved at {path}."
            description="Electron: the copy saved where the supervisor chose"
            values={{ path: <code>{s.savedTo}</code> }}
          />
        </>
      )}
      {s.savedTo === null &&
        intl.formatMessage({
          id: 'reports.exports.copy-cancelled',
          defaultMessage: ' Saving a copy elsewhere was cancelled.',
          description: 'Electron: the supervisor cancelled the save dialog (starts with a space)',
        })}
    </>
  );
}
