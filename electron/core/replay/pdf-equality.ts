/**
 * The equality monitoring section of the PDF reports (issue 27): the oversight report of
 * one deployment and the force-wide transparency report draw the same section, from
 * figures already made fit to publish (shared/equality-publish.ts). The chart needs no
 * colour: each group's false alert share is a hatched bar with its 95% interval as a
 * whisker with end ticks, and the figures are written beside it in words.
 *
 * In the report's language(s) (issue 26): in both, each sentence in Welsh then English,
 * column heads as a Welsh row then an English row, group names "Welsh / English" in the
 * tables, and the charts' group names in the first language (the tables name both).
 */
import type { PublishedEquality, PublishedGroup, PublishedTable } from '../../../shared/equality-publish';
import { PRIMARY_MARK, SECONDARY_MARK, publishEquality } from '../../../shared/equality-publish';
import { replayEqualityStats } from '../../../shared/equality-stats';
import type { ReplayData } from '../../../shared/replay';
import {
  equalityCaveats,
  equalityText,
  groupLabelIn,
  intervalText,
  percent,
  type EqualityWords,
} from '../../../shared/equality-text';
import type { Locale } from '../../../shared/i18n/locale';
import { translatorFor } from '../../../shared/i18n/translator';
import { drawTableRow } from './pdf-table';
import { pdfText } from './pdf-text';
import { ReportWords } from './report-words';

interface EqualityLayout {
  left: number;
  width: number;
  bottom: number;
}

const ROW_H = 13;
const BAR_H = 9;
const COLUMN_SHARES = [0.22, 0.11, 0.11, 0.11, 0.11, 0.14, 0.2];
const SECOND_COLOUR = '#3d4f63';

/** The section's words in each of the report's languages, in printing order. */
class Languages {
  readonly texts: EqualityWords[];
  constructor(readonly locales: readonly Locale[]) {
    this.texts = locales.map((l) => equalityText(translatorFor(l)));
  }
  /** One text per language, said once when they read the same. */
  each(say: (t: EqualityWords, lang: Locale) => string): string[] {
    return [
      ...new Set(
        this.locales.map((lang, i) => say(this.texts[i] ?? equalityText(translatorFor(lang)), lang)),
      ),
    ];
  }
  joined(say: (t: EqualityWords, lang: Locale) => string): string {
    return this.each(say).join(' / ');
  }
  group(dimension: PublishedTable['dimension'], group: string): string {
    return [...new Set(this.locales.map((l) => groupLabelIn(translatorFor(l), dimension, group)))].join(
      ' / ',
    );
  }
}

function ensure(doc: PDFKit.PDFDocument, layout: EqualityLayout, height: number) {
  if (doc.y + height > layout.bottom) doc.addPage();
}

function para(doc: PDFKit.PDFDocument, layout: EqualityLayout, texts: string[], size = 8.5) {
  texts.forEach((text, i) => {
    doc
      .font('Helvetica')
      .fontSize(size)
      .fillColor(i ? SECOND_COLOUR : '#000');
    ensure(doc, layout, doc.heightOfString(pdfText(text, doc), { width: layout.width }) + 2);
    doc.text(pdfText(text, doc), layout.left, doc.y, { width: layout.width }).moveDown(0.2);
  });
  doc.fillColor('#000');
}

const rowCells = (langs: Languages, dimension: PublishedTable['dimension'], g: PublishedGroup) => [
  langs.group(dimension, g.group),
  g.counts.alerts.text,
  g.counts.confirmedTrue.text,
  g.counts.confirmedFalse.text,
  g.counts.notLocated.text,
  g.falseShare === null ? '-' : percent(g.falseShare),
  intervalText(g.interval),
];

function table(
  doc: PDFKit.PDFDocument,
  layout: EqualityLayout,
  langs: Languages,
  caption: string,
  t: PublishedTable,
) {
  const widths = COLUMN_SHARES.map((s) => s * layout.width);
  const row = (cells: string[], bold: boolean) => {
    ensure(doc, layout, ROW_H);
    drawTableRow(doc, cells, widths, bold, {
      left: layout.left,
      height: ROW_H,
      fontSize: 8,
      fallbackWidth: 50,
    });
  };
  ensure(doc, layout, ROW_H * 4);
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#000').text(pdfText(caption, doc), layout.left, doc.y);
  for (const words of langs.texts) row([...words.columnsShort], true);
  for (const g of t.groups) row(rowCells(langs, t.dimension, g), false);
  row(rowCells(langs, t.dimension, t.total), true);
  doc.moveDown(0.4);
}

/** A hatched bar from 0 to the share, the interval as a whisker, the figures in words. */
function chart(
  doc: PDFKit.PDFDocument,
  layout: EqualityLayout,
  langs: Languages,
  caption: string,
  t: PublishedTable,
) {
  const first = translatorFor(langs.locales[0]);
  const labelW = 90;
  const scaleW = layout.width * 0.45;
  const x0 = layout.left + labelW;
  ensure(doc, layout, (t.groups.length + 2) * (BAR_H + 6) + 20);
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#000').text(pdfText(caption, doc), layout.left, doc.y);
  doc
    .font('Helvetica')
    .fontSize(7)
    .text('0%', x0 - 4, doc.y, { lineBreak: false });
  doc.text('100%', x0 + scaleW - 12, doc.y, { lineBreak: false });
  doc.moveDown(0.9);
  for (const g of t.groups) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(8).fillColor('#000');
    doc.text(pdfText(groupLabelIn(first, t.dimension, g.group), doc), layout.left, y, {
      width: labelW - 6,
      lineBreak: false,
    });
    doc.rect(x0, y, scaleW, BAR_H).lineWidth(0.3).strokeColor('#888').stroke();
    let words: string;
    if (g.falseShare === null) {
      words = langs.joined((w) => (g.counts.confirmedFalse.value === null ? w.hiddenSmall : w.noSettled));
    } else {
      const w = g.falseShare * scaleW;
      doc.save();
      doc.rect(x0, y, w, BAR_H).clip();
      for (let d = -BAR_H; d < w; d += 3)
        doc
          .moveTo(x0 + d, y + BAR_H)
          .lineTo(x0 + d + BAR_H, y)
          .lineWidth(0.6)
          .strokeColor('#000')
          .stroke();
      doc.restore();
      doc.rect(x0, y, w, BAR_H).lineWidth(0.8).strokeColor('#000').stroke();
      if (g.interval) {
        const lo = x0 + g.interval.low * scaleW;
        const hi = x0 + g.interval.high * scaleW;
        const mid = y + BAR_H / 2;
        doc
          .moveTo(lo, mid)
          .lineTo(hi, mid)
          .moveTo(lo, y - 1)
          .lineTo(lo, y + BAR_H + 1);
        doc
          .moveTo(hi, y - 1)
          .lineTo(hi, y + BAR_H + 1)
          .lineWidth(1)
          .strokeColor('#000')
          .stroke();
      }
      words = `${percent(g.falseShare)} (95%: ${intervalText(g.interval)})`;
    }
    doc.fillColor('#000').text(pdfText(words, doc), x0 + scaleW + 8, y, { lineBreak: false });
    doc.x = layout.left;
    doc.y = y + BAR_H + 6;
  }
  doc.moveDown(0.5);
}

/** The whole section, from the cursor on (a new page if little room is left). */
export function drawEqualitySection(
  doc: PDFKit.PDFDocument,
  published: PublishedEquality,
  layout: EqualityLayout,
  words: ReportWords = new ReportWords('en-GB'),
): void {
  const langs = new Languages(words.locales);
  ensure(doc, layout, 200);
  doc.moveDown(0.6);
  langs.texts.forEach((t, i) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .fillColor(i ? SECOND_COLOUR : '#000')
      .text(pdfText(t.heading, doc), layout.left, doc.y),
  );
  doc.fillColor('#000').moveDown(0.2);
  const caveats = langs.locales.map((l) => equalityCaveats(translatorFor(l)));
  (caveats[0] ?? []).forEach((_, i) => para(doc, layout, [...new Set(caveats.map((c) => c[i] ?? ''))]));
  para(
    doc,
    layout,
    langs.each((t) => t.marks.replace('<5', PRIMARY_MARK).replace('[c]', SECONDARY_MARK)),
  );
  if (published.sex.total.counts.alerts.value === 0) {
    para(
      doc,
      layout,
      langs.each((t) => t.none),
      9,
    );
    return;
  }
  chart(
    doc,
    layout,
    langs,
    langs.joined((t) => `${t.falseShare}, ${t.bySex.toLowerCase()}`),
    published.sex,
  );
  chart(
    doc,
    layout,
    langs,
    langs.joined((t) => `${t.falseShare}, ${t.byEthnicity.toLowerCase()}`),
    published.ethnicity,
  );
  table(
    doc,
    layout,
    langs,
    langs.joined((t) => t.bySex),
    published.sex,
  );
  table(
    doc,
    layout,
    langs,
    langs.joined((t) => t.byEthnicity),
    published.ethnicity,
  );
  for (const s of published.strata) {
    ensure(doc, layout, ROW_H * 6);
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor('#000')
      .text(
        pdfText(
          langs.joined((t) => t.split(s.algorithm, s.threshold)),
          doc,
        ),
        layout.left,
        doc.y,
      );
    para(
      doc,
      layout,
      langs.each((t) => t.facesLine(s.facesCompared, s.falsePerMillionFaces)),
    );
    table(
      doc,
      layout,
      langs,
      langs.joined((t) => `${t.bySex}: ${t.split(s.algorithm, s.threshold)}`),
      s.sex,
    );
    table(
      doc,
      layout,
      langs,
      langs.joined((t) => `${t.byEthnicity}: ${t.split(s.algorithm, s.threshold)}`),
      s.ethnicity,
    );
  }
}

/** The oversight report's section: a deployment's figures, as they may leave the station. */
export function drawReplayEquality(
  doc: PDFKit.PDFDocument,
  replay: ReplayData,
  layout: EqualityLayout,
  words?: ReportWords,
): void {
  drawEqualitySection(doc, publishEquality(replayEqualityStats(replay)), layout, words);
}
