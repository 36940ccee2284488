/**
 * The replay as CSV for analysts: one row per decision revision and per outcome of
 * every alert (an alert with neither gets one `alert` row), alert columns repeated on
 * each. RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order mark so spreadsheet
 * programs read it as UTF-8. No image data: images are named by nothing at all here.
 *
 * Text cells that begin with = + - @ (or a tab or carriage return) get a leading
 * single quote, so a spreadsheet never runs a value from the feed or an officer as a
 * formula (CSV injection). Numbers we compute are written as they are.
 *
 * Times: each `…At` column is UTC (ISO 8601, as journalled) and the `…AtUK` column beside
 * it the same instant in UK local time with its zone ("2026-03-29 02:30:00 BST"), as the
 * screen and the PDF write it.
 *
 * Language (issue 26): English (and "both": a table has one header row, and the English
 * names are what scripts read) keeps the headers above exactly; Welsh has Welsh headers and
 * says the supervisor verdict sentence in Welsh. Codes and times are the same in each.
 */
import { holdAtDecision } from '../../../shared/claim-stats';
import type { Locale, ReportLanguage } from '../../../shared/i18n/locale';
import { translatorFor } from '../../../shared/i18n/translator';
import type { ReplayAlert, ReplayData } from '../../../shared/replay';
import { ukStamp } from '../../../shared/uk-time';
import { CSV_MESSAGES } from './csv-messages';

export const CSV_COLUMNS = [
  'record',
  'alertId',
  'alertSeq',
  'capturedAt',
  'capturedAtUK',
  'receivedAt',
  'receivedAtUK',
  'cameraId',
  'cameraLabel',
  'tier',
  'category',
  'watchlistEntryId',
  'score',
  'threshold',
  'status',
  'withdrawnReason',
  'shownAt',
  'shownAtUK',
  'firstShownById',
  'firstShownByName',
  'decisionRevision',
  'decision',
  'reasons',
  'rationale',
  'operatorId',
  'operatorName',
  'confirmedById',
  'confirmedByName',
  'decidedAt',
  'decidedAtUK',
  'timeToDecisionSec',
  'decisionJournalSeq',
  'supervisorVerdicts',
  'outcomeRevision',
  'outcomeResult',
  'outcomeAction',
  'stopMinutes',
  'leafletGiven',
  'outcomeNotes',
  'outcomeRecordedById',
  'outcomeRecordedAt',
  'outcomeRecordedAtUK',
  // Equality monitoring (issue 27): the engagement officer's perception, for aggregate use only.
  'observedSex',
  'observedEthnicity',
  // A shared deployment (issue 22, claims): appended so no earlier column moves. When a seat
  // first claimed the alert (on every row), and who held it when this revision was decided
  // (decision rows). Empty on a deployment without claims.
  'firstClaimedAt',
  'firstClaimedAtUK',
  'heldAtDecisionById',
  'heldAtDecisionByName',
  // Appended too: whether this decision revision was journalled after a step of the
  // station's clock and before the feed's capture times confirmed it (its decidedAt may be
  // wrong by the size of the step; the PDF's "Station clock" section lists the steps).
  'decidedInClockDoubt',
] as const;

type Column = (typeof CSV_COLUMNS)[number];
type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function alertCells(a: ReplayAlert): Partial<Record<Column, Cell>> {
  const first = a.shown[0];
  return {
    alertId: a.alertId,
    alertSeq: a.seq,
    capturedAt: a.capturedAt,
    receivedAt: a.receivedAt,
    cameraId: a.camera.id,
    cameraLabel: a.camera.label,
    tier: a.subject.tier,
    category: a.subject.category,
    watchlistEntryId: a.subject.entryId,
    score: a.score,
    threshold: a.threshold,
    status: a.status,
    withdrawnReason: a.withdrawnReason,
    shownAt: a.shownAt,
    firstShownById: first?.operator.id,
    firstShownByName: first?.operator.name,
    firstClaimedAt: a.holds?.[0]?.from,
  };
}

/** Each instant twice: UTC as recorded (ISO 8601) and UK local time with its zone (issue 24). */
const TIME_COLUMNS = [
  'capturedAt',
  'receivedAt',
  'shownAt',
  'decidedAt',
  'outcomeRecordedAt',
  'firstClaimedAt',
] as const;

function row(cells: Partial<Record<Column, Cell>>): string {
  const withUk: Partial<Record<Column, Cell>> = { ...cells };
  for (const c of TIME_COLUMNS) {
    const at = cells[c];
    if (typeof at === 'string') withUk[`${c}UK`] = ukStamp(at);
  }
  return CSV_COLUMNS.map((c) => csvCell(withUk[c])).join(',');
}

/** The CSV's words: the header row's and the verdict sentence's language ("both": English). */
const csvLocale = (language: ReportLanguage): Locale => (language === 'cy' ? 'cy' : 'en-GB');

/** The CSV text and its data-row count (the header not counted). */
export function replayCsv(
  replay: ReplayData,
  language: ReportLanguage = 'en-GB',
): { text: string; rows: number } {
  const intl = translatorFor(csvLocale(language));
  const out: string[] = [CSV_COLUMNS.map((c) => csvCell(intl.formatMessage(CSV_MESSAGES[c]))).join(',')];
  for (const a of replay.alerts) {
    const base = alertCells(a);
    const shownAt = a.shownAt ? Date.parse(a.shownAt) : null;
    for (const d of a.decisions) {
      const ttd = shownAt === null ? null : (Date.parse(d.decidedAt) - shownAt) / 1000;
      const held = holdAtDecision(a, d.decidedAt)?.operator;
      out.push(
        row({
          ...base,
          record: 'decision',
          decisionRevision: d.revision,
          decision: d.decision,
          reasons: d.reasons.join(';'),
          rationale: d.rationale,
          operatorId: d.operator.id,
          operatorName: d.operator.name,
          confirmedById: d.confirmedBy?.id,
          confirmedByName: d.confirmedBy?.name,
          decidedAt: d.decidedAt,
          timeToDecisionSec: ttd === null ? null : Math.round(ttd * 1000) / 1000,
          decisionJournalSeq: d.journal.seq,
          heldAtDecisionById: held?.id,
          heldAtDecisionByName: held?.name,
          decidedInClockDoubt: a.clockDoubtRevisions?.includes(d.revision) ?? false,
          supervisorVerdicts: a.reviews
            .filter((r) => r.revision === d.revision)
            .map((r) =>
              intl.formatMessage(CSV_MESSAGES.verdict, {
                verdict: r.verdict,
                name: r.by.name,
                id: r.by.id,
                at: r.at,
                comment: r.comment,
              }),
            )
            .join(' | '),
        }),
      );
    }
    for (const o of a.outcomes)
      out.push(
        row({
          ...base,
          record: 'outcome',
          outcomeRevision: o.revision,
          outcomeResult: o.result,
          outcomeAction: o.action,
          stopMinutes: o.stopMinutes,
          leafletGiven: o.leafletGiven,
          outcomeNotes: o.notes,
          outcomeRecordedById: o.recordedBy?.id,
          outcomeRecordedAt: o.recordedAt,
          observedSex: a.observedByRevision?.[o.revision]?.sex ?? 'not-recorded',
          observedEthnicity: a.observedByRevision?.[o.revision]?.ethnicity ?? 'not-recorded',
        }),
      );
    if (a.decisions.length === 0 && a.outcomes.length === 0) out.push(row({ ...base, record: 'alert' }));
  }
  return { text: `\ufeff${out.join('\r\n')}\r\n`, rows: out.length - 1 };
}
