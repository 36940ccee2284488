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
import { drawChartAxes } from './pdf-chart';
import { pdfToNewFile } from './pdf-file';
import { drawTableRow } from './pdf-table';
import { drawReplayEquality } from './pdf-equality';
import { pdfText } from './pdf-text';

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

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;
const BOTTOM = A4_HEIGHT - MARGIN;
const TIER_COLOURS = { red: '#c62828', amber: '#ef8f00', green: '#2e7d32' } as const;

const fmtMs = (ms: number | null) =>
  ms === null ? '-' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
const fmtHours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;

class Writer {
  constructor(readonly doc: Doc) {}

  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.doc.addPage();
  }

  heading(text: string): void {
    this.ensure(60);
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(14).fillColor('#000').text(pdfText(text), MARGIN);
    this.doc.moveDown(0.3).font('Helvetica').fontSize(10);
  }

  para(text: string, opts: { bold?: boolean; colour?: string; size?: number } = {}): void {
    this.doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(opts.size ?? 10)
      .fillColor(opts.colour ?? '#000')
      .text(pdfText(text), MARGIN, undefined, { width: CONTENT_WIDTH });
    this.doc.fillColor('#000');
  }

  /** A plain table; each cell is its own text run, so a reader finds label and value side by side. */
  table(headers: string[], rows: Array<Array<string | number>>, widths: number[]): void {
    const rowHeight = 15;
    const drawRow = (cells: Array<string | number>, bold: boolean) => {
      this.ensure(rowHeight);
      drawTableRow(this.doc, cells, widths, bold, {
        left: MARGIN,
        height: rowHeight,
        fontSize: 9,
        fallbackWidth: 80,
      });
    };
    if (headers.length) drawRow(headers, true);
    for (const r of rows) drawRow(r, false);
    this.doc.font('Helvetica').fontSize(10).moveDown(0.5);
  }

  /** Label and value pairs; values wrap. */
  fields(rows: Array<[string, string]>): void {
    const labelW = 130;
    const valueW = CONTENT_WIDTH - labelW;
    for (const [label, value] of rows) {
      this.doc.font('Helvetica').fontSize(9);
      const text = pdfText(value);
      const h = Math.max(12, this.doc.heightOfString(text, { width: valueW }));
      this.ensure(h + 3);
      const y = this.doc.y;
      this.doc
        .font('Helvetica-Bold')
        .text(pdfText(label), MARGIN, y, { width: labelW - 6, lineBreak: false });
      this.doc.font('Helvetica').text(text, MARGIN + labelW, y, { width: valueW });
      this.doc.x = MARGIN;
      this.doc.y = y + h + 3;
    }
    this.doc.fontSize(10);
  }

  /** Vertical bars, optionally stacked; drawn with rectangles and lines only. */
  barChart(
    title: string,
    bars: Array<{ label: string; parts: Array<{ value: number; colour: string }> }>,
    note?: string,
  ): void {
    const height = 130;
    this.ensure(height + 60);
    this.doc.font('Helvetica-Bold').fontSize(10).text(pdfText(title), MARGIN);
    if (note)
      this.doc.font('Helvetica').fontSize(8).fillColor('#555').text(pdfText(note), MARGIN).fillColor('#000');
    const top = this.doc.y + 6;
    const left = MARGIN + 30;
    const width = CONTENT_WIDTH - 30;
    const max = Math.max(1, ...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)));
    const slot = bars.length ? width / bars.length : width;
    const barWidth = Math.max(1, slot * 0.7);
    drawChartAxes(this.doc, { left, top, width, height, max, labelLeft: MARGIN, labelWidth: 26 });
    const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
    bars.forEach((bar, i) => {
      let y = top + height;
      const x = left + i * slot + (slot - barWidth) / 2;
      for (const part of bar.parts) {
        const h = (part.value / max) * height;
        if (h > 0) this.doc.rect(x, y - h, barWidth, h).fill(part.colour);
        y -= h;
      }
      if (i % labelEvery === 0)
        this.doc.fillColor('#000').text(pdfText(bar.label), left + i * slot - 10, top + height + 3, {
          width: slot * labelEvery + 20,
          align: labelEvery === 1 ? 'center' : 'left',
          lineBreak: false,
        });
    });
    this.doc.fillColor('#000');
    this.doc.x = MARGIN;
    this.doc.y = top + height + 18;
    this.doc.fontSize(10);
  }
}

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
  doc.font('Helvetica-Bold').fontSize(20).text(pdfText('LFR deployment oversight report'), MARGIN, MARGIN);
  doc
    .moveDown(0.2)
    .font('Helvetica')
    .fontSize(12)
    .text(pdfText(d?.title ?? replay.deploymentId));
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
      ['Authorised window', `${d.startsAt} to ${d.endsAt}`],
      ['Location', `${d.location.name}${d.location.zone ? ` (${d.location.zone})` : ''}`],
      ['Purpose', d.purpose],
      ['Intelligence ref', d.intelligenceRef],
      [
        'Authorised by',
        `${d.authorisedBy.rank} ${d.authorisedBy.name} (${d.authorisedBy.id}) at ${d.authorisedAt}`,
      ],
      [
        'Watchlist',
        `${d.watchlist.version}, ${d.watchlist.size} entries; ${d.watchlist.reviewedAt ? `reviewed by ${d.watchlist.reviewedBy ?? '?'} at ${d.watchlist.reviewedAt}` : 'NO REVIEW RECORDED'}`,
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
    ['Journal covers', `${replay.range.from} to ${replay.range.to}`],
    ['Station', opts.stationId ?? '-'],
    ['Station public key', opts.publicKey ?? '-'],
    ['Report generated', `${opts.generatedAt} by ${opts.generatedBy}`],
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
  const timeLabel = (iso: string) =>
    s.alertsOverTime.binMs >= 86_400_000 ? iso.slice(5, 10) : iso.slice(11, 16);
  w.barChart(
    'Alerts over time',
    s.alertsOverTime.bins.map((b) => ({
      label: timeLabel(b.from),
      parts: [
        { value: b.red, colour: TIER_COLOURS.red },
        { value: b.amber, colour: TIER_COLOURS.amber },
        { value: b.green, colour: TIER_COLOURS.green },
      ],
    })),
    `Bins of ${Math.round(s.alertsOverTime.binMs / 60_000)} min (UTC), stacked red / amber / green tier.`,
  );
  w.barChart(
    'Time to decision',
    s.timeToDecision.histogram.map((b) => ({
      label: b.label,
      parts: [{ value: b.count, colour: '#1565c0' }],
    })),
    `${s.timeToDecision.count} decided alerts; from first shown with both images to the first decision.`,
  );
  w.barChart(
    'Alerts per camera (dark: false alerts)',
    s.perCamera.map((c) => ({
      label: c.label,
      parts: [
        { value: c.falseAlerts, colour: '#6a1b9a' },
        { value: c.alerts - c.falseAlerts, colour: '#b39ddb' },
      ],
    })),
  );
  w.barChart(
    'Alerts per score band (dark: false alerts)',
    s.perScoreBand.map((b) => ({
      label: b.label,
      parts: [
        { value: b.falseAlerts, colour: '#6a1b9a' },
        { value: b.alerts - b.falseAlerts, colour: '#b39ddb' },
      ],
    })),
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
      s.safeguards.map((g) => [g.at.slice(0, 19).replace('T', ' '), g.severity, g.title]),
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
  const disagreements = replay.reviews.filter((r) => r.verdict === 'disagree');
  if (disagreements.length)
    w.table(
      ['Alert', 'Revision', 'Supervisor', 'Comment'],
      disagreements.map((r) => [r.alertId.slice(0, 8), r.revision, r.by.name, r.comment]),
      [70, 50, 110, CONTENT_WIDTH - 230],
    );
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
  w.para(`Alert #${alert.seq} (${alert.alertId})`, { bold: true, size: 12 });
  w.para(
    `${alert.capturedAt}, ${alert.camera.label}; ${alert.subject.tier} ${alert.subject.category}; score ${alert.score} (threshold ${alert.threshold}); decision: ${alert.decisions.at(-1)?.decision ?? 'none'}`,
  );
  const top = doc.y + 10;
  const boxW = (CONTENT_WIDTH - 20) / 2;
  const boxH = 300;
  const slots: Array<[string, string]> = [
    ['Probe (camera)', alert.probe.sha256],
    ['Reference (watchlist)', alert.subject.image.sha256],
  ];
  for (const [i, [label, sha]] of slots.entries()) {
    const x = MARGIN + i * (boxW + 20);
    doc.font('Helvetica-Bold').fontSize(9).text(label, x, top, { width: boxW, lineBreak: false });
    const bytes = await read(sha).catch(() => null);
    const kind = bytes ? imageKind(bytes) : null;
    if (bytes && kind) doc.image(bytes, x, top + 14, { fit: [boxW, boxH], align: 'center' });
    else
      doc
        .font('Helvetica')
        .text(bytes ? 'image format cannot be shown in a PDF' : 'image purged or missing', x, top + 20, {
          width: boxW,
        });
  }
  doc.x = MARGIN;
  doc.y = top + boxH + 24;
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
  doc.addPage();
  charts(w, stats);
  doc.addPage();
  tables(w, replay, stats);
  drawReplayEquality(doc, replay, { left: MARGIN, width: CONTENT_WIDTH, bottom: BOTTOM });
  if (opts.includeImages && opts.readImage) {
    w.heading('Biometric images');
    w.para(
      'Included at the request of the supervisor who made this report. Handle as special category data.',
    );
    for (const alert of replay.alerts) await imagePage(w, alert, opts.readImage);
  }
  return target.finish();
}
