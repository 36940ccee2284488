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
import { drawTableRow, tableRowHeight } from '../core/replay/pdf-table';
import { pdfText } from '../core/replay/pdf-text';
import { documentLang, partsOf, ReportWords, type Text } from '../core/replay/report-words';
import type { MessageDescriptor } from '@formatjs/intl';
import type { ReportLanguage } from '../../shared/i18n/locale';
import { translatorFor } from '../../shared/i18n/translator';
import { T } from './transparency-pdf-messages';
import { C, CLAIM_COLUMNS, claimCells } from './transparency-pdf-claims';
import type { TransparencyReport } from './transparency';
import { disagreementWords, journalWords } from './transparency-pdf-apart';
import type { Figures, MonthFigures } from './transparency-totals';

const MARGIN = 36;
const WIDTH = 841.89;
const HEIGHT = 595.28;
const BOTTOM = HEIGHT - MARGIN;
const CONTENT = WIDTH - 2 * MARGIN;
/** The second language of a bilingual report, a shade lighter (as pdf-writer.ts). */
const SECOND_COLOUR = '#3d4f63';

const rate = (v: number | null, places = 3) => (v === null ? '-' : v.toFixed(places));
const mins = (v: number | null) => (v === null ? '-' : `${v} min`);

/**
 * The columns: their titles are messages (T.col*), wrapped rather than cut short; the
 * widths fit landscape A4's 770 points between the margins and the longest Welsh word of
 * each title at 7 points (measured with DejaVu Sans Bold).
 */
const COLUMNS: Array<{ title: MessageDescriptor; width: number }> = [
  { title: T.colDate, width: 56 },
  { title: T.colPlace, width: 86 },
  { title: T.colWatchlist, width: 48 },
  { title: T.colFaces, width: 54 },
  { title: T.colAlerts, width: 52 },
  { title: T.colEngaged, width: 50 },
  { title: T.colTrue, width: 46 },
  { title: T.colFalse, width: 46 },
  { title: T.colNotLocated, width: 42 },
  { title: T.colArrests, width: 50 },
  { title: T.colFalseAlerts, width: 42 },
  { title: T.colPer1k, width: 56 },
  { title: T.colPerAlert, width: 52 },
  { title: T.colStops, width: 90 },
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
  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly words: ReportWords,
  ) {}
  ensure(h: number) {
    if (this.doc.y + h > BOTTOM) this.doc.addPage();
  }
  /** Each language in turn (Welsh first in both; the second a shade lighter), as the oversight PDF. */
  parts(text: Text, draw: (text: string, index: number) => void) {
    partsOf(text).forEach((part, i) => {
      this.doc.fillColor(i === 0 ? '#000' : SECOND_COLOUR);
      draw(pdfText(part.text, this.doc), i);
    });
    this.doc.fillColor('#000');
  }
  heading(text: Text) {
    this.ensure(50);
    this.doc.moveDown(0.5);
    this.parts(text, (t) => this.doc.font('Helvetica-Bold').fontSize(13).text(t, MARGIN));
    this.doc.moveDown(0.2).font('Helvetica').fontSize(9);
  }
  para(text: Text) {
    this.parts(text, (t) =>
      this.doc.font('Helvetica').fontSize(9).text(t, MARGIN, undefined, { width: CONTENT }),
    );
  }
  /** The column titles, one row per language. */
  header(columns = COLUMNS) {
    for (const lang of this.words.locales) {
      const intl = translatorFor(lang);
      this.row(
        columns.map((c) => intl.formatMessage(c.title)),
        true,
        columns.map((c) => c.width),
        true,
      );
    }
  }
  /** A label said in every language on one line (a table cell). */
  label(descriptor: MessageDescriptor, values?: Record<string, string | number>): string {
    return this.words.joined(this.words.msg(descriptor, values));
  }
  /** A row of cells, each wrapped rather than cut short (a place's name, a label in two languages); titles smaller. */
  row(values: string[], bold = false, columnWidths = widths, title = false) {
    const layout = { left: MARGIN, height: 14, fontSize: title ? 7 : 8, fallbackWidth: 60, wrap: true };
    this.ensure(tableRowHeight(this.doc, values, columnWidths, bold, layout));
    drawTableRow(this.doc, values, columnWidths, bold, layout);
  }
  /** Shared deployments' claim times and take-overs (transparency-pdf-claims.ts). */
  claims(report: TransparencyReport) {
    this.heading(this.words.msg(C.heading));
    this.para(this.words.msg(C.intro));
    if (!report.totals.claims) return this.para(this.words.msg(C.none));
    const claimWidths = CLAIM_COLUMNS.map((c) => c.width);
    this.header(CLAIM_COLUMNS);
    for (const r of report.rows)
      if (r.claims)
        this.row(
          claimCells(`${r.date} ${r.title || r.deploymentId} - ${r.place}`, r.claims),
          false,
          claimWidths,
        );
    const total = `${this.label(T.total)}, ${this.label(T.deploymentCount, { count: report.totals.claims.deployments })}`;
    this.row(claimCells(total, report.totals.claims), true, claimWidths);
  }
  /** Bars per month: true alerts (blue) under false alerts (red); a line for false per 1,000 faces. */
  chart(months: MonthFigures[]) {
    const height = 170;
    this.ensure(height + 60);
    const say = (m: MessageDescriptor) => pdfText(this.words.joined(this.words.msg(m)), this.doc);
    this.doc.font('Helvetica-Bold').fontSize(10).text(say(T.chartTitle), MARGIN);
    this.doc.font('Helvetica').fontSize(8).fillColor('#555');
    this.doc.text(say(T.chartNote), MARGIN).fillColor('#000');
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

/** Every word a message (transparency-pdf-messages.ts), in English, Welsh or both (Welsh first). */
export async function writeTransparencyPdf(
  report: TransparencyReport,
  file: string,
  generatedBy: string,
  language: ReportLanguage = 'en-GB',
): Promise<{ pages: number }> {
  const words = new ReportWords(language);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    compress: false,
    ...reportFontOption(language),
    lang: documentLang(language),
    info: {
      Title: pdfText(words.first(words.msg(T.docTitle, { from: report.from, to: report.to }))),
      Author: pdfText(generatedBy),
    },
  });
  useReportFonts(doc, language);
  const target = pdfToNewFile(doc, file);
  const p = new Page(doc, words);
  const t = (m: MessageDescriptor, values?: Record<string, string | number>) => words.msg(m, values);
  p.parts(t(T.title), (text, i) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(i === 0 ? 18 : 14)
      .text(text, MARGIN),
  );
  p.para(t(T.scope, { from: report.from, to: report.to, at: report.generatedAt, by: generatedBy }));
  const v = report.verification;
  p.para(
    words.each((intl) =>
      intl.formatMessage(T.counted, {
        counted: report.rows.length,
        unverified: report.unverified.length,
        inProgress: report.inProgress.length,
        training: report.training.length,
        setApart: report.setApart.length,
        withoutRecord: report.withoutRecord.length
          ? intl.formatMessage(T.withoutRecord, { count: report.withoutRecord.length })
          : '',
        journals: v.journals,
        verifiedNow: v.verifiedNow,
        reused: v.reused,
      }),
    ),
  );
  p.para(t(T.definitions));
  const totalRow = () =>
    p.row(
      cells(
        [p.label(T.total), p.label(T.deploymentCount, { count: report.totals.deployments })],
        report.totals,
      ),
      true,
    );
  p.heading(t(T.totals));
  p.header();
  totalRow();
  p.heading(t(T.byMonth));
  p.chart(report.months);
  p.header();
  for (const m of report.months)
    p.row(cells([m.month, p.label(T.deploymentCount, { count: m.deployments })], m));
  doc.addPage();
  p.heading(t(T.deployments));
  p.header();
  for (const r of report.rows) p.row(cells([r.date, `${r.title || r.deploymentId} - ${r.place}`], r));
  totalRow();
  p.claims(report);
  drawEqualitySection(doc, report.equality, { left: MARGIN, width: CONTENT, bottom: BOTTOM }, words);
  p.heading(t(T.notCounted));
  const none =
    report.unverified.length +
    report.inProgress.length +
    report.setApart.length +
    report.withoutRecord.length;
  if (none === 0) p.para(t(T.none));
  const inProgress = `${p.label(T.inProgress)} `;
  for (const [label, list] of [
    ['', report.unverified],
    [inProgress, report.inProgress],
  ] as const)
    for (const u of list) {
      p.ensure(30);
      p.para(`${label}${u.date} ${u.deploymentId} (${u.title || '-'}, ${u.place || '-'})`);
      for (const d of u.disagreements)
        p.para(words.each((intl, lang) => `    ${disagreementWords(intl, lang, d)}`));
      for (const j of u.journals) p.para(words.each((intl, lang) => `    ${journalWords(intl, lang, j)}`));
    }
  for (const j of report.setApart)
    p.para(
      words.each(
        (intl, lang) => `${intl.formatMessage(T.setApart)} ${j.deploymentId}, ${journalWords(intl, lang, j)}`,
      ),
    );
  for (const w of report.withoutRecord)
    p.para(
      t(T.noRecord, { date: w.openedAt.slice(0, 10), deployment: w.deploymentId, station: w.stationId }),
    );
  const { pages } = await target.finish();
  return { pages };
}
