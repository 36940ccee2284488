/**
 * The oversight report as a PDF (for a Police and Crime Commissioner, or an audit):
 * summary, integrity verdict, totals, charts, officers, cameras, score bands,
 * safeguards and refusals. Biometric images only when the supervisor asks for them.
 *
 * Only the PDF standard fonts (Helvetica), so nothing is embedded but the text itself;
 * content streams are left uncompressed so the figures can be read (and tested) as text.
 */
import PDFDocument from 'pdfkit';
import { verdictSentence } from '../../../shared/journal/verdict';
import type { ReplayAlert, ReplayData } from '../../../shared/replay';
import { computeStats, type ReplayStats } from '../../../shared/replay-stats';
import { ukDateTime, ukShortTime, ukDate } from '../../../shared/uk-time';
import { alertRecord, decisionRecord } from './pdf-decisions';
import { pdfToNewFile } from './pdf-file';
import { drawReplayEquality } from './pdf-equality';
import { pdfText } from './pdf-text';
import { BOTTOM, CONTENT_WIDTH, MARGIN, Writer, type Series } from './pdf-writer';

/** Kept here too: the transparency report and tests import it from this module. */
export { pdfText };

export interface PdfOptions {
  /** Who made the report and when (printed on the title page). */
  generatedBy: string;
  generatedAt: string;
  includeImages?: boolean;
  /** Image bytes by SHA-256; null when missing or purged. */
  readImage?: (sha256: string) => Promise<Buffer | null>;
  /** The key the journal's checkpoints verify against, for the auditor to compare out of band. */
  publicKey?: string | null;
  stationId?: string | null;
}

const TIER_COLOURS = { red: '#c62828', amber: '#ef8f00', green: '#2e7d32' } as const;
const TIER_SERIES: Series[] = [
  { label: 'Red tier', colour: TIER_COLOURS.red, shape: 'triangle' },
  { label: 'Amber tier', colour: TIER_COLOURS.amber, shape: 'diamond' },
  { label: 'Green tier', colour: TIER_COLOURS.green, shape: 'circle' },
];
const FALSE_SERIES: Series[] = [
  { label: 'False alerts', colour: '#6a1b9a', shape: 'hatch' },
  { label: 'Other alerts', colour: '#b39ddb', shape: 'none' },
];

const fmtMs = (ms: number | null) =>
  ms === null ? '-' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
const fmtHours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;

export function integrityLine(replay: ReplayData): string {
  const i = replay.integrity;
  if (i.status === 'tampered')
    return `TAMPERED at seq ${i.failure?.seq ?? '?'}: ${i.failure?.reason ?? 'unknown'}`;
  if (i.status === 'unsealed' || i.status === 'untrusted-key') {
    // The verdict's own sentence, its name in capitals like the others.
    const sentence = verdictSentence(i.verdict);
    const cut = sentence.indexOf(':');
    return `${sentence.slice(0, cut).toUpperCase()}${sentence.slice(cut)}`;
  }
  const base = `${i.entries} entries, ${i.checkpoints} signed checkpoints, ${i.images.checked} images checked`;
  return i.status === 'purged'
    ? `VERIFIED (images purged under retention: ${i.images.purged}): ${base}`
    : `VERIFIED: ${base}`;
}

function summary(w: Writer, replay: ReplayData, opts: PdfOptions): void {
  const d = replay.deployment;
  const doc = w.doc;
  w.title('LFR deployment oversight report');
  doc.moveDown(0.2);
  w.para(d?.title ?? replay.deploymentId, { size: 12 });
  if (replay.training)
    w.para('TRAINING deployment: synthetic alerts only.', { bold: true, colour: '#b45309' });
  doc.moveDown(0.5);
  const colour = ['verified', 'purged'].includes(replay.integrity.status) ? '#1b5e20' : '#b00020';
  w.para(`Integrity: ${integrityLine(replay)}`, { bold: true, colour, size: 11 });
  if (replay.integrity.status === 'tampered')
    w.para(
      'The journal failed verification. What follows is what could still be read from it, and must not be relied on without investigation.',
      { colour },
    );
  doc.moveDown(0.5);
  const rows: Array<[string, string]> = [
    ['Deployment id', replay.deploymentId],
    ['Source', replay.source === 'import' ? 'imported bundle' : 'this station'],
  ];
  if (d) {
    rows.push(
      ['Authorised window', `${ukDateTime(d.startsAt)} to ${ukDateTime(d.endsAt)}`],
      ['Location', `${d.location.name}${d.location.zone ? ` (${d.location.zone})` : ''}`],
      ['Purpose', d.purpose],
      ['Intelligence ref', d.intelligenceRef],
      [
        'Authorised by',
        `${d.authorisedBy.rank} ${d.authorisedBy.name} (${d.authorisedBy.id}) at ${ukDateTime(d.authorisedAt)}`,
      ],
      [
        'Watchlist',
        `${d.watchlist.version}, ${d.watchlist.size} entries; ${d.watchlist.reviewedAt ? `reviewed by ${d.watchlist.reviewedBy ?? '?'} at ${ukDateTime(d.watchlist.reviewedAt)}` : 'NO REVIEW RECORDED'}`,
      ],
      ['Threshold', `${d.threshold}${d.threshold < 0.6 ? ' (below 0.60, the NPL 2023 figure)' : ''}`],
      ['Algorithm', `${d.algorithm.name} ${d.algorithm.version}`],
      [
        'Public notice',
        d.notice.given
          ? `given: ${d.notice.channels.join(', ')}`
          : `not given: ${d.notice.reasonIfNot ?? 'no reason recorded'}`,
      ],
      ['DPIA', d.dpiaRef],
      ['Retention', `${d.retentionDays} days`],
    );
  } else rows.push(['Deployment record', 'none in the journal']);
  rows.push(
    ['Journal covers', `${ukDateTime(replay.range.from)} to ${ukDateTime(replay.range.to)}`],
    ['Station', opts.stationId ?? '-'],
    ['Station public key', opts.publicKey ?? '-'],
    ['Report generated', `${ukDateTime(opts.generatedAt)} by ${opts.generatedBy}`],
    ['Times', 'UK local time, with GMT or BST beside each; the CSV export also carries UTC'],
  );
  w.fields(rows);
}

function totals(w: Writer, s: ReplayStats): void {
  w.heading('Totals');
  const t = s.totals;
  const r = s.results;
  w.table(
    ['Measure', 'Count'],
    [
      ['Alerts', t.alerts],
      ['Undecided', t.undecided],
      ['Engage', t.engage],
      ['No engage', t.noEngage],
      ['Withdrawn', t.withdrawn],
      ['Refused at intake', t.rejected],
      ['Refused: outside the authorised window', t.outsideWindow],
      ['Confirmed true', r.confirmedTrue],
      ['Confirmed false', r.confirmedFalse],
      ['Not located', r.notLocated],
      ['Engaged without outcome', r.engagedWithoutOutcome],
      ['False alerts', r.falseAlerts],
      ['Time to decision: median', fmtMs(s.timeToDecision.medianMs)],
      ['Time to decision: 90th percentile', fmtMs(s.timeToDecision.p90Ms)],
    ],
    [300, 120],
  );
  w.para(
    'Decision and result are each alert’s latest revision. A false alert is one whose latest outcome is confirmed false or, with no outcome, which was decided no-engage because the features or apparent age or sex differ. Percentiles are nearest-rank.',
    { size: 8, colour: '#555' },
  );
  w.heading('Outcome actions');
  w.table(
    ['Action', 'Count'],
    Object.entries(s.actions).map(([k, v]) => [k, v]),
    [300, 120],
  );
}

function charts(w: Writer, s: ReplayStats): void {
  w.heading('Charts');
  const daily = s.alertsOverTime.binMs >= 86_400_000;
  w.barChart(
    'Alerts over time',
    TIER_SERIES,
    s.alertsOverTime.bins.map((b) => ({
      label: daily ? ukDate(b.from) : ukShortTime(b.from),
      values: [b.red, b.amber, b.green],
    })),
    `Bins of ${Math.round(s.alertsOverTime.binMs / 60_000)} min from the time shown (UK local time), stacked by tier.`,
  );
  w.barChart(
    'Time to decision',
    [{ label: 'Decided alerts', colour: '#1565c0', shape: 'square' }],
    s.timeToDecision.histogram.map((b) => ({ label: b.label, values: [b.count] })),
    `${s.timeToDecision.count} decided alerts; from first shown with both images to the first decision.`,
  );
  w.barChart(
    'Alerts per camera',
    FALSE_SERIES,
    s.perCamera.map((c) => ({ label: c.label, values: [c.falseAlerts, c.alerts - c.falseAlerts] })),
  );
  w.barChart(
    'Alerts per score band',
    FALSE_SERIES,
    s.perScoreBand.map((b) => ({ label: b.label, values: [b.falseAlerts, b.alerts - b.falseAlerts] })),
  );
}

function tables(w: Writer, replay: ReplayData, s: ReplayStats): void {
  w.heading('Officers');
  w.table(
    ['Officer', 'Id', 'Decisions', 'Engage', 'No engage', 'Time signed in'],
    s.perOfficer.map((o) => [o.name, o.id, o.decisions, o.engage, o.noEngage, fmtHours(o.reviewMs)]),
    [130, 80, 60, 60, 60, 105],
  );
  w.heading('Cameras');
  w.table(
    ['Camera', 'Alerts', 'Engage', 'No engage', 'Confirmed false', 'False alerts'],
    s.perCamera.map((c) => [c.label, c.alerts, c.engage, c.noEngage, c.confirmedFalse, c.falseAlerts]),
    [155, 60, 60, 60, 80, 80],
  );
  w.heading('Score bands');
  w.table(
    ['Score band', 'Alerts', 'Confirmed false', 'False alerts'],
    s.perScoreBand.map((b) => [b.label, b.alerts, b.confirmedFalse, b.falseAlerts]),
    [155, 80, 100, 100],
  );
  w.heading('Threshold and safeguard warnings');
  const th = s.threshold;
  w.para(
    `Deployment threshold: ${th.deployment ?? 'not recorded'}${th.belowNpl ? ' (BELOW 0.60)' : ''}. Thresholds the alerts carried: ${th.seen.join(', ') || 'none'}; alerts with a threshold other than the deployment's: ${th.mismatched}; alerts scored below their own threshold: ${th.belowThreshold}.`,
  );
  if (s.safeguards.length === 0) w.para('No safeguard warnings were raised.');
  else
    w.table(
      ['When', 'Severity', 'Warning'],
      s.safeguards.map((g) => [ukDateTime(g.at), g.severity, g.title]),
      [110, 70, CONTENT_WIDTH - 180],
    );
  w.heading('Refused alerts');
  const byCode = new Map<string, number>();
  for (const r of replay.rejected) byCode.set(r.code, (byCode.get(r.code) ?? 0) + 1);
  w.para(
    `${s.totals.rejected} refused at intake, ${s.totals.outsideWindow} of them outside the authorised window.`,
  );
  if (byCode.size)
    w.table(
      ['Reason code', 'Count'],
      [...byCode].map(([code, n]) => [code, n]),
      [300, 120],
    );
  const counts = { countersign: 0, disagree: 0 };
  for (const r of replay.reviews) counts[r.verdict] += 1;
  w.heading('Supervisor review');
  w.para(`${counts.countersign} decisions countersigned, ${counts.disagree} disagreed with.`);
  if (counts.disagree)
    w.para('Each disagreement, with its comment in full, is in the decision record under its alert.');
}

function imageKind(bytes: Buffer): 'jpeg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length > 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  return null;
}

async function imagePage(
  w: Writer,
  alert: ReplayAlert,
  read: (sha: string) => Promise<Buffer | null>,
): Promise<void> {
  const doc = w.doc;
  doc.addPage();
  w.heading(`Alert #${alert.seq} (${alert.alertId})`, 3);
  const top = doc.y + 10;
  const boxW = (CONTENT_WIDTH - 20) / 2;
  const boxH = 300;
  const slots: Array<[string, string]> = [
    ['Probe (camera)', alert.probe.sha256],
    ['Reference (watchlist)', alert.subject.image.sha256],
  ];
  for (const [i, [label, sha]] of slots.entries()) {
    const x = MARGIN + i * (boxW + 20);
    const bytes = await read(sha).catch(() => null);
    const kind = bytes ? imageKind(bytes) : null;
    w.block('P', () => doc.font('Helvetica-Bold').fontSize(9).text(label, x, top, { width: boxW }));
    if (bytes && kind)
      w.block('Figure', () => doc.image(bytes, x, top + 14, { fit: [boxW, boxH], align: 'center' }), {
        alt: `${label} image of alert #${alert.seq}`,
      });
    else
      w.block('P', () =>
        doc
          .font('Helvetica')
          .text(bytes ? 'image format cannot be shown in a PDF' : 'image purged or missing', x, top + 20, {
            width: boxW,
          }),
      );
  }
  doc.x = MARGIN;
  doc.y = top + boxH + 24;
  // Who decided what and why, beside the faces they compared.
  alertRecord(w, alert);
}

/** Write the report; returns its page count and size. */
export async function writeReplayPdf(
  replay: ReplayData,
  file: string,
  opts: PdfOptions,
): Promise<{ pages: number; bytes: number }> {
  const stats = computeStats(replay);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: false,
    // Tagged, with a language and a title shown in the window: readable by assistive technology.
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: pdfText(`Oversight report: ${replay.deployment?.title ?? replay.deploymentId}`),
      Author: pdfText(opts.generatedBy),
      Subject: `LFR deployment ${replay.deploymentId}`,
    },
  });
  const target = pdfToNewFile(doc, file);
  const w = new Writer(doc);
  summary(w, replay, opts);
  totals(w, stats);
  charts(w, stats);
  tables(w, replay, stats);
  // Equality monitoring (issue 27), one tagged section, before the decision record.
  w.block('Sect', () =>
    drawReplayEquality(doc, replay, { left: MARGIN, width: CONTENT_WIDTH, bottom: BOTTOM }),
  );
  decisionRecord(w, replay.alerts);
  if (opts.includeImages && opts.readImage) {
    w.heading('Biometric images');
    w.para(
      'Included at the request of the supervisor who made this report. Handle as special category data.',
    );
    for (const alert of replay.alerts) await imagePage(w, alert, opts.readImage);
  }
  w.finish();
  return target.finish();
}
