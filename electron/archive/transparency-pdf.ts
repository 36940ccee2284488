/**
 * The transparency report as a PDF (landscape A4, standard fonts in English, uncompressed so the
 * figures can be read as text): scope and how it was verified, the totals, a monthly
 * chart of alerts (true and false) with the false alert rate per 1,000 faces, the table
 * of deployments, and the deployments not counted with why.
 */
import PDFDocument from 'pdfkit';
import { drawChartAxes } from '../core/replay/pdf-chart';
import { reportFontOption, useReportFonts } from '../core/replay/pdf-fonts';
import { pdfToNewFile } from '../core/replay/pdf-file';
import { drawEqualitySection } from '../core/replay/pdf-equality';
import { drawTableRow } from '../core/replay/pdf-table';
import { pdfText } from '../core/replay/pdf-text';
import { journalLine, type TransparencyReport } from './transparency';
import type { Figures, MonthFigures } from './transparency-totals';

const MARGIN = 36;
const WIDTH = 841.89;
const HEIGHT = 595.28;
const BOTTOM = HEIGHT - MARGIN;
const CONTENT = WIDTH - 2 * MARGIN;

const rate = (v: number | null, places = 3) => (v === null ? '-' : v.toFixed(places));
const mins = (v: number | null) => (v === null ? '-' : `${v} min`);

const COLUMNS: Array<{ title: string; width: number }> = [
  { title: 'Date', width: 58 },
  { title: 'Deployment / place', width: 150 },
  { title: 'Watchlist', width: 48 },
  { title: 'Faces', width: 62 },
  { title: 'Alerts', width: 38 },
  { title: 'Engaged', width: 44 },
  { title: 'Conf. true', width: 46 },
  { title: 'Conf. false', width: 48 },
  { title: 'Not loc.', width: 42 },
  { title: 'Arrests', width: 40 },
  { title: 'False', width: 34 },
  { title: 'False/1k faces', width: 64 },
  { title: 'False/alert', width: 50 },
  { title: 'Stops (median, max)', width: 96 },
];

const widths = COLUMNS.map((c) => c.width);

function cells(label: [string, string], f: Figures): string[] {
  return [
    label[0],
    label[1],
    String(f.watchlistSize),
    String(f.faces),
    String(f.alerts),
    String(f.engaged),
    String(f.confirmedTrue),
    String(f.confirmedFalse),
    String(f.notLocated),
    String(f.arrests),
    String(f.falseAlerts),
    rate(f.falseAlertsPer1000Faces, 4),
    rate(f.falseAlertsPerAlert),
    `${f.stops.count} (${mins(f.stops.medianMinutes)}, ${mins(f.stops.maxMinutes)})`,
  ];
}

class Page {
  constructor(readonly doc: PDFKit.PDFDocument) {}
  ensure(h: number) {
    if (this.doc.y + h > BOTTOM) this.doc.addPage();
  }
  heading(text: string) {
    this.ensure(50);
    this.doc
      .moveDown(0.5)
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(pdfText(text, this.doc), MARGIN)
      .moveDown(0.2);
    this.doc.font('Helvetica').fontSize(9);
  }
  para(text: string) {
    this.doc
      .font('Helvetica')
      .fontSize(9)
      .text(pdfText(text, this.doc), MARGIN, undefined, { width: CONTENT });
  }
  row(values: string[], bold = false) {
    const h = 14;
    this.ensure(h);
    drawTableRow(this.doc, values, widths, bold, { left: MARGIN, height: h, fontSize: 8, fallbackWidth: 60 });
  }
  /** Bars per month: true alerts (blue) under false alerts (red); a line for false per 1,000 faces. */
  chart(months: MonthFigures[]) {
    const height = 170;
    this.ensure(height + 60);
    this.doc.font('Helvetica-Bold').fontSize(10).text('Alerts by month (red: false alerts)', MARGIN);
    this.doc.font('Helvetica').fontSize(8).fillColor('#555');
    this.doc.text('Line: false alerts per 1,000 faces compared (right scale).', MARGIN).fillColor('#000');
    const top = this.doc.y + 6;
    const left = MARGIN + 34;
    const width = CONTENT - 70;
    const max = Math.max(1, ...months.map((m) => m.alerts));
    const maxRate = Math.max(0.0001, ...months.map((m) => m.falseAlertsPer1000Faces ?? 0));
    const slot = months.length ? width / months.length : width;
    const bar = Math.max(1, slot * 0.6);
    drawChartAxes(this.doc, { left, top, width, height, max, labelLeft: MARGIN, labelWidth: 30 });
    this.doc.text(maxRate.toFixed(4), left + width + 4, top - 3, { width: 40, lineBreak: false });
    const points: Array<[number, number]> = [];
    const every = Math.max(1, Math.ceil(months.length / 18));
    months.forEach((m, i) => {
      const x = left + i * slot + (slot - bar) / 2;
      const trueH = ((m.alerts - m.falseAlerts) / max) * height;
      const falseH = (m.falseAlerts / max) * height;
      if (trueH > 0) this.doc.rect(x, top + height - trueH, bar, trueH).fill('#1565c0');
      if (falseH > 0) this.doc.rect(x, top + height - trueH - falseH, bar, falseH).fill('#c62828');
      if (m.falseAlertsPer1000Faces !== null)
        points.push([x + bar / 2, top + height - (m.falseAlertsPer1000Faces / maxRate) * height]);
      if (i % every === 0)
        this.doc.fillColor('#000').text(m.month, left + i * slot - 8, top + height + 3, {
          width: slot * every + 16,
          lineBreak: false,
        });
    });
    if (points.length > 1) {
      this.doc.moveTo(points[0]![0], points[0]![1]);
      for (const [x, y] of points.slice(1)) this.doc.lineTo(x, y);
      this.doc.lineWidth(1).strokeColor('#000').stroke();
    }
    this.doc.fillColor('#000');
    this.doc.x = MARGIN;
    this.doc.y = top + height + 20;
  }
}

export async function writeTransparencyPdf(
  report: TransparencyReport,
  file: string,
  generatedBy: string,
): Promise<{ pages: number }> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: false,
    ...reportFontOption('en-GB'),
    info: { Title: `LFR transparency report ${report.from} to ${report.to}`, Author: pdfText(generatedBy) },
  });
  useReportFonts(doc, 'en-GB');
  const target = pdfToNewFile(doc, file);
  const p = new Page(doc);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(pdfText(`Live facial recognition: transparency report`, doc), MARGIN);
  p.para(
    `Deployments starting ${report.from} to ${report.to} (UTC). Generated ${report.generatedAt} by ${generatedBy}.`,
  );
  const v = report.verification;
  p.para(
    `Counted: ${report.rows.length} deployments whose every enrolled station's journal verifies (journal-v1, against the keys enrolled in the archive). ` +
      `Not counted: ${report.unverified.length} deployments with a journal that does not verify or stations that disagree, ` +
      `${report.inProgress.length} in progress, ${report.training.length} training deployments, and ` +
      `${report.setApart.length} journals that are not an enrolled station's, listed at the end` +
      `${report.withoutRecord.length ? `, and ${report.withoutRecord.length} journals without a deployment record` : ''}. ` +
      `${v.journals} journals: ${v.verifiedNow} verified for this report, ${v.reused} unchanged since an earlier recorded verification.`,
  );
  p.para(
    'False alert: the latest outcome is confirmed false, or with no outcome the latest decision is no-engage because the ' +
      'person is not the person on the watchlist. Faces compared: the sum of the tally periods the system reported.',
  );
  p.heading('Totals');
  p.row(
    COLUMNS.map((c) => c.title),
    true,
  );
  p.row(cells(['Total', `${report.totals.deployments} deployments`], report.totals), true);
  p.heading('By month');
  p.chart(report.months);
  p.row(
    COLUMNS.map((c) => c.title),
    true,
  );
  for (const m of report.months) p.row(cells([m.month, `${m.deployments} deployments`], m));
  doc.addPage();
  p.heading('Deployments');
  p.row(
    COLUMNS.map((c) => c.title),
    true,
  );
  for (const r of report.rows) p.row(cells([r.date, `${r.title || r.deploymentId} - ${r.place}`], r));
  p.row(cells(['Total', `${report.totals.deployments} deployments`], report.totals), true);
  drawEqualitySection(doc, report.equality, { left: MARGIN, width: CONTENT, bottom: BOTTOM });
  p.heading('Not counted: journals that do not verify, stations that disagree');
  const none =
    report.unverified.length +
    report.inProgress.length +
    report.setApart.length +
    report.withoutRecord.length;
  if (none === 0) p.para('None.');
  for (const [label, list] of [
    ['', report.unverified],
    ['In progress: ', report.inProgress],
  ] as const)
    for (const u of list) {
      p.ensure(30);
      p.para(`${label}${u.date} ${u.deploymentId} (${u.title || '-'}, ${u.place || '-'})`);
      for (const d of u.disagreements) p.para(`    ${d}`);
      for (const j of u.journals) p.para(`    ${journalLine(j)}`);
    }
  for (const j of report.setApart) p.para(`Set apart: ${j.deploymentId}, ${journalLine(j)}`);
  for (const w of report.withoutRecord)
    p.para(
      `${w.openedAt.slice(0, 10)} ${w.deploymentId}, station ${w.stationId}: no deployment record in the journal`,
    );
  const { pages } = await target.finish();
  return { pages };
}
