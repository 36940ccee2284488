/**
 * The equality monitoring section of the PDF reports (issue 27): the oversight report of
 * one deployment and the force-wide transparency report draw the same section, from
 * figures already made fit to publish (shared/equality-publish.ts). The chart needs no
 * colour: each group's false alert share is a hatched bar with its 95% interval as a
 * whisker with end ticks, and the figures are written beside it in words.
 */
import type { PublishedEquality, PublishedGroup, PublishedTable } from '../../../shared/equality-publish';
import { PRIMARY_MARK, SECONDARY_MARK, publishEquality } from '../../../shared/equality-publish';
import { replayEqualityStats } from '../../../shared/equality-stats';
import type { ReplayData } from '../../../shared/replay';
import {
  EQUALITY_CAVEATS,
  EQUALITY_TEXT as T,
  groupLabel,
  intervalText,
  percent,
} from '../../../shared/equality-text';
import { drawTableRow } from './pdf-table';
import { pdfText } from './pdf-text';

export interface EqualityLayout {
  left: number;
  width: number;
  bottom: number;
}

const ROW_H = 13;
const BAR_H = 9;
const COLUMN_SHARES = [0.22, 0.11, 0.11, 0.11, 0.11, 0.14, 0.2];

function ensure(doc: PDFKit.PDFDocument, layout: EqualityLayout, height: number) {
  if (doc.y + height > layout.bottom) doc.addPage();
}

function para(doc: PDFKit.PDFDocument, layout: EqualityLayout, text: string, size = 8.5) {
  doc.font('Helvetica').fontSize(size).fillColor('#000');
  ensure(doc, layout, doc.heightOfString(pdfText(text), { width: layout.width }) + 2);
  doc.text(pdfText(text), layout.left, doc.y, { width: layout.width }).moveDown(0.2);
}

const rowCells = (dimension: PublishedTable['dimension'], g: PublishedGroup) => [
  groupLabel(dimension, g.group),
  g.counts.alerts.text,
  g.counts.confirmedTrue.text,
  g.counts.confirmedFalse.text,
  g.counts.notLocated.text,
  g.falseShare === null ? '-' : percent(g.falseShare),
  intervalText(g.interval),
];

function table(doc: PDFKit.PDFDocument, layout: EqualityLayout, caption: string, t: PublishedTable) {
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
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#000').text(pdfText(caption), layout.left, doc.y);
  row([...T.columnsShort], true);
  for (const g of t.groups) row(rowCells(t.dimension, g), false);
  row(rowCells(t.dimension, t.total), true);
  doc.moveDown(0.4);
}

/** A hatched bar from 0 to the share, the interval as a whisker, the figures in words. */
function chart(doc: PDFKit.PDFDocument, layout: EqualityLayout, caption: string, t: PublishedTable) {
  const labelW = 90;
  const scaleW = layout.width * 0.45;
  const x0 = layout.left + labelW;
  ensure(doc, layout, (t.groups.length + 2) * (BAR_H + 6) + 20);
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#000').text(pdfText(caption), layout.left, doc.y);
  doc
    .font('Helvetica')
    .fontSize(7)
    .text('0%', x0 - 4, doc.y, { lineBreak: false });
  doc.text('100%', x0 + scaleW - 12, doc.y, { lineBreak: false });
  doc.moveDown(0.9);
  for (const g of t.groups) {
    const y = doc.y;
    doc.font('Helvetica').fontSize(8).fillColor('#000');
    doc.text(pdfText(groupLabel(t.dimension, g.group)), layout.left, y, {
      width: labelW - 6,
      lineBreak: false,
    });
    doc.rect(x0, y, scaleW, BAR_H).lineWidth(0.3).strokeColor('#888').stroke();
    let words: string;
    if (g.falseShare === null) {
      words = g.counts.confirmedFalse.value === null ? 'hidden (small numbers)' : 'no settled engagement';
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
    doc.fillColor('#000').text(pdfText(words), x0 + scaleW + 8, y, { lineBreak: false });
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
): void {
  ensure(doc, layout, 200);
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('#000');
  doc.text(pdfText(T.heading), layout.left, doc.y).moveDown(0.2);
  for (const c of EQUALITY_CAVEATS) para(doc, layout, c);
  para(doc, layout, T.marks.replace('<5', PRIMARY_MARK).replace('[c]', SECONDARY_MARK));
  if (published.sex.total.counts.alerts.value === 0) {
    para(doc, layout, T.none, 9);
    return;
  }
  chart(doc, layout, `${T.falseShare}, ${T.bySex.toLowerCase()}`, published.sex);
  chart(doc, layout, `${T.falseShare}, ${T.byEthnicity.toLowerCase()}`, published.ethnicity);
  table(doc, layout, T.bySex, published.sex);
  table(doc, layout, T.byEthnicity, published.ethnicity);
  for (const s of published.strata) {
    const title = T.split(s.algorithm, s.threshold);
    ensure(doc, layout, ROW_H * 6);
    doc.font('Helvetica-Bold').fontSize(10).fillColor('#000').text(pdfText(title), layout.left, doc.y);
    para(doc, layout, T.facesLine(s.facesCompared, s.falsePerMillionFaces));
    table(doc, layout, `${T.bySex}: ${title}`, s.sex);
    table(doc, layout, `${T.byEthnicity}: ${title}`, s.ethnicity);
  }
}

/** The oversight report's section: a deployment's figures, as they may leave the station. */
export function drawReplayEquality(
  doc: PDFKit.PDFDocument,
  replay: ReplayData,
  layout: EqualityLayout,
): void {
  drawEqualitySection(doc, publishEquality(replayEqualityStats(replay)), layout);
}
