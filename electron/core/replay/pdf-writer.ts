/**
 * The oversight report's page writer: headings, paragraphs, label/value fields, tables
 * and bar charts on A4, each marked as a structure element (H1/H2, P, Table, Figure) so
 * the PDF is tagged with a reading order (issue 24). Text wraps and is never cut; charts
 * carry a legend in words and shapes as well as colours; drawn lines are artifacts.
 *
 * Words come as `Text` (report-words.ts): in a report in both languages each heading,
 * paragraph, label and cell says its Welsh then its English, each part its own structure
 * element tagged with its language (the English in a darker grey, so the eye can keep
 * to one language); a plain string (a name, a figure) is said once.
 */
import { drawChartAxes } from './pdf-chart';
import { pdfText } from './pdf-text';
import { partsOf, type Text } from './report-words';

type Doc = PDFKit.PDFDocument;

export const MARGIN = 50;
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;
export const CONTENT_WIDTH = A4_WIDTH - 2 * MARGIN;
export const BOTTOM = A4_HEIGHT - MARGIN;
/** The second language of a bilingual report, a shade lighter so each language reads on its own. */
const SECOND_COLOUR = '#3d4f63';

const cellText = (cell: Text | number): Text => (typeof cell === 'number' ? String(cell) : cell);

/** A mark drawn in a bar segment and in the legend, so a series reads without colour. */
export type Shape = 'triangle' | 'diamond' | 'circle' | 'square' | 'hatch' | 'none';

export interface Series {
  label: Text;
  colour: string;
  shape: Shape;
}

interface Bar {
  label: string;
  /** One value per series, in the series' order. */
  values: number[];
}

export class Writer {
  private readonly root: PDFKit.PDFStructureElement;

  constructor(readonly doc: Doc) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** Closes the structure tree (call once, before ending the document). */
  finish(): void {
    this.root.end();
  }

  ensure(height: number): void {
    if (this.doc.y + height > BOTTOM) this.doc.addPage();
  }

  /** A tagged block: everything `draw` writes is one structure element of that type. */
  block(type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}): void {
    this.root.add(this.doc.struct(type, options, draw));
  }

  /** Lines, frames and fills that carry no meaning of their own. */
  artifact(draw: () => void): void {
    this.doc.markContent('Artifact', { type: 'Layout' });
    draw();
    this.doc.endMarkedContent();
  }

  /** One structure element per language part, tagged with the part's language. */
  private perPart(type: string, text: Text, draw: (text: string, index: number) => void): void {
    partsOf(text).forEach((part, i) =>
      this.block(type, () => draw(pdfText(part.text, this.doc), i), part.lang ? { lang: part.lang } : {}),
    );
  }

  /** Spans of one element (a table cell, a field), each in its language, drawn in turn. */
  private spans(text: Text, draw: (text: string, index: number) => void): PDFKit.PDFStructureElement[] {
    return partsOf(text).map((part, i) =>
      this.doc.struct('Span', part.lang ? { lang: part.lang } : {}, () =>
        draw(pdfText(part.text, this.doc), i),
      ),
    );
  }

  /** The text of every part, one per line: what a cell's height is measured on. */
  private lines(text: Text): string {
    return partsOf(text)
      .map((p) => pdfText(p.text, this.doc))
      .join('\n');
  }

  title(text: Text): void {
    this.perPart('H1', text, (t, i) =>
      this.doc
        .font('Helvetica-Bold')
        .fontSize(i === 0 ? 20 : 16)
        .fillColor(i === 0 ? '#000' : SECOND_COLOUR)
        .text(t, MARGIN, i === 0 ? MARGIN : undefined, { width: CONTENT_WIDTH }),
    );
    this.doc.fillColor('#000');
  }

  heading(text: Text, level: 2 | 3 = 2): void {
    this.ensure(level === 2 ? 60 : 40);
    this.doc.moveDown(level === 2 ? 0.6 : 0.4);
    this.perPart(`H${level}`, text, (t, i) =>
      this.doc
        .font('Helvetica-Bold')
        .fontSize(level === 2 ? 14 : 11)
        .fillColor(i === 0 ? '#000' : SECOND_COLOUR)
        .text(t, MARGIN, undefined, { width: CONTENT_WIDTH }),
    );
    this.doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#000');
  }

  para(text: Text, opts: { bold?: boolean; colour?: string; size?: number } = {}): void {
    this.doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(opts.size ?? 10);
    this.ensure(Math.min(200, this.doc.heightOfString(this.lines(text), { width: CONTENT_WIDTH })));
    this.perPart('P', text, (t, i) =>
      this.doc
        .fillColor(i > 0 && !opts.colour ? SECOND_COLOUR : (opts.colour ?? '#000'))
        .text(t, MARGIN, undefined, { width: CONTENT_WIDTH }),
    );
    this.doc.fillColor('#000');
  }

  /** Label and value pairs; values wrap in full. Each pair is one paragraph in reading order. */
  fields(rows: Array<[Text, Text]>, labelWidth = 130): void {
    const valueW = CONTENT_WIDTH - labelWidth;
    for (const [label, value] of rows) {
      this.doc.font('Helvetica').fontSize(9);
      const h = Math.max(
        12,
        this.doc.heightOfString(this.lines(value), { width: valueW }),
        this.doc.font('Helvetica-Bold').heightOfString(this.lines(label), { width: labelWidth - 6 }),
      );
      this.ensure(Math.min(h, 300) + 3);
      const y = this.doc.y;
      let labelY = y;
      let valueY = y;
      const labelSpans = this.spans(label, (t, i) => {
        this.doc
          .font('Helvetica-Bold')
          .fillColor(i ? SECOND_COLOUR : '#000')
          .text(`${t}:`, MARGIN, labelY, { width: labelWidth - 6 });
        labelY = this.doc.y;
      });
      const valueSpans = this.spans(value, (t, i) => {
        this.doc
          .font('Helvetica')
          .fillColor(i ? SECOND_COLOUR : '#000')
          .text(t, MARGIN + labelWidth, valueY, { width: valueW });
        valueY = this.doc.y;
      });
      this.root.add(this.doc.struct('P', {}, [...labelSpans, ...valueSpans]));
      this.doc.fillColor('#000');
      this.doc.x = MARGIN;
      this.doc.y = Math.max(labelY, valueY, y + 12) + 3;
    }
    this.doc.fontSize(10);
  }

  /**
   * A table whose cells wrap (nothing is cut): a row is as tall as its tallest cell,
   * and the header row is repeated at the top of a new page.
   */
  table(headers: Text[], rows: Array<Array<Text | number>>, widths: number[]): void {
    const fontSize = 9;
    // Measured in the font the row is drawn in: a header in bold wraps sooner than in regular.
    const heightOf = (cells: Array<Text | number>, header = false) => {
      this.doc.font(header ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
      return (
        Math.max(
          ...cells.map((c, i) =>
            this.doc.heightOfString(this.lines(cellText(c)), { width: (widths[i] ?? 80) - 4 }),
          ),
        ) + 6
      );
    };
    const table = this.doc.struct('Table');
    this.root.add(table);
    const drawRow = (cells: Array<Text | number>, header: boolean) => {
      const h = heightOf(cells, header);
      const y = this.doc.y;
      const row = this.doc.struct('TR');
      table.add(row);
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 80;
        const left = x;
        let top = y + 3;
        const spans = this.spans(cellText(cell), (t, part) => {
          this.doc
            .font(header ? 'Helvetica-Bold' : 'Helvetica')
            .fontSize(fontSize)
            .fillColor(part ? SECOND_COLOUR : '#000')
            .text(t, left + 2, top, { width: w - 4 });
          top = this.doc.y;
        });
        row.add(this.doc.struct(header ? 'TH' : 'TD', {}, spans));
        x += w;
      });
      row.end();
      this.doc.fillColor('#000');
      this.artifact(() =>
        this.doc
          .moveTo(MARGIN, y + h)
          .lineTo(x, y + h)
          .lineWidth(0.3)
          .strokeColor('#bbb')
          .stroke(),
      );
      this.doc.x = MARGIN;
      this.doc.y = y + h;
    };
    if (headers.length) {
      this.ensure(heightOf(headers, true) + (rows[0] ? heightOf(rows[0]) : 0));
      drawRow(headers, true);
    }
    for (const r of rows) {
      const before = this.doc.bufferedPageRange().count;
      this.ensure(heightOf(r));
      if (headers.length && this.doc.bufferedPageRange().count !== before) drawRow(headers, true);
      drawRow(r, false);
    }
    table.end();
    this.doc.font('Helvetica').fontSize(10).moveDown(0.5);
  }

  /**
   * Vertical bars, stacked by series. A figure with its title and a text alternative;
   * the legend names each series beside its colour and shape; labels wrap under their bar.
   */
  barChart(title: Text, series: Series[], bars: Bar[], note?: Text): void {
    const height = 120;
    const labelRows = 3;
    this.ensure(height + 90 + labelRows * 8);
    this.para(title, { bold: true });
    if (note) this.para(note, { size: 8, colour: '#444' });
    this.legend(series);
    const doc = this.doc;
    const top = doc.y + 8;
    const left = MARGIN + 30;
    const width = CONTENT_WIDTH - 30;
    const max = Math.max(1, ...bars.map((b) => b.values.reduce((s, v) => s + v, 0)));
    const slot = bars.length ? width / bars.length : width;
    const barWidth = Math.max(1, slot * 0.7);
    const name = (t: Text) => partsOf(t)[0]?.text ?? '';
    // The text alternative in the document's first language (the legend beside it has both).
    const alt = `${name(title)}: ${bars.map((b) => `${b.label} ${b.values.map((v, i) => `${name(series[i]?.label ?? '')} ${v}`).join(', ')}`).join('; ')}.`;
    const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
    this.block(
      'Figure',
      () => {
        drawChartAxes(doc, { left, top, width, height, max, labelLeft: MARGIN, labelWidth: 26 });
        bars.forEach((bar, i) => {
          let y = top + height;
          const x = left + i * slot + (slot - barWidth) / 2;
          bar.values.forEach((value, s) => {
            const h = (value / max) * height;
            const one = series[s];
            if (h > 0 && one) {
              doc.rect(x, y - h, barWidth, h).fill(one.colour);
              if (h >= 9 && barWidth >= 7)
                this.mark(one.shape, x + barWidth / 2, y - h / 2, x, y - h, barWidth, h);
            }
            y -= h;
          });
          if (i % labelEvery === 0)
            doc
              .fillColor('#000')
              .font('Helvetica')
              .fontSize(6.5)
              .text(pdfText(bar.label, this.doc), left + i * slot, top + height + 3, {
                width: slot * labelEvery - 2,
                height: labelRows * 8,
                align: 'center',
                ellipsis: true,
              });
        });
      },
      { alt: pdfText(alt, this.doc) },
    );
    doc.fillColor('#000');
    doc.x = MARGIN;
    doc.y = top + height + labelRows * 8 + 10;
    doc.fontSize(10);
  }

  private legend(series: Series[]): void {
    const doc = this.doc;
    const y = doc.y + 2;
    let x = MARGIN;
    this.block('P', () => {
      for (const s of series) {
        const label = pdfText(
          partsOf(s.label)
            .map((p) => p.text)
            .join(' / '),
          doc,
        );
        doc.rect(x, y, 12, 10).fill(s.colour);
        this.mark(s.shape, x + 6, y + 5, x, y, 12, 10);
        doc
          .fillColor('#000')
          .font('Helvetica')
          .fontSize(8)
          .text(label, x + 16, y + 1, {
            lineBreak: false,
          });
        x += 16 + doc.widthOfString(label) + 14;
      }
    });
    doc.x = MARGIN;
    doc.y = y + 14;
  }

  /** A white shape in the middle of a segment (or hatching across it). */
  private mark(shape: Shape, cx: number, cy: number, x: number, y: number, w: number, h: number): void {
    const doc = this.doc;
    const r = 3;
    doc.save();
    if (shape === 'triangle') doc.polygon([cx, cy - r], [cx + r, cy + r], [cx - r, cy + r]).fill('#fff');
    else if (shape === 'diamond')
      doc.polygon([cx, cy - r], [cx + r, cy], [cx, cy + r], [cx - r, cy]).fill('#fff');
    else if (shape === 'circle') doc.circle(cx, cy, r - 0.5).fill('#fff');
    else if (shape === 'square') doc.rect(cx - 2.5, cy - 2.5, 5, 5).fill('#fff');
    else if (shape === 'hatch') {
      doc.rect(x, y, w, h).clip();
      doc.lineWidth(0.8).strokeColor('#fff');
      for (let d = -h; d < w; d += 4)
        doc
          .moveTo(x + d, y + h)
          .lineTo(x + d + h, y)
          .stroke();
    }
    doc.restore();
  }
}
