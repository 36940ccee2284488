/**
 * One table row for the pdfkit reports (oversight and transparency): each cell is its own
 * text run, clipped to its column, so a reader finds label and value side by side, and a
 * thin rule under the row. The caller makes room first (its own page break policy).
 */
import { pdfText } from './pdf-text';

interface TableRowLayout {
  /** Left edge of the first column (also where the cursor returns to). */
  left: number;
  height: number;
  fontSize: number;
  /** Width of a column that has none of its own. */
  fallbackWidth: number;
  /**
   * Column titles: each cell may wrap onto more lines (never cut short), and the row grows
   * to the tallest cell. Welsh titles run longer than English ones.
   */
  wrap?: boolean;
}

/** The height of a row drawn with this layout: its own height, or the tallest wrapped cell. */
export function tableRowHeight(
  doc: PDFKit.PDFDocument,
  cells: ReadonlyArray<string | number>,
  widths: ReadonlyArray<number | undefined>,
  bold: boolean,
  layout: TableRowLayout,
): number {
  if (!layout.wrap) return layout.height;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(layout.fontSize);
  const tallest = Math.max(
    0,
    ...cells.map((cell, i) =>
      doc.heightOfString(pdfText(String(cell), doc), { width: (widths[i] ?? layout.fallbackWidth) - 4 }),
    ),
  );
  return Math.max(layout.height, Math.ceil(tallest) + 5);
}

export function drawTableRow(
  doc: PDFKit.PDFDocument,
  cells: ReadonlyArray<string | number>,
  widths: ReadonlyArray<number | undefined>,
  bold: boolean,
  layout: TableRowLayout,
): void {
  const { left, fontSize, fallbackWidth } = layout;
  const height = tableRowHeight(doc, cells, widths, bold, layout);
  const y = doc.y;
  let x = left;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
  cells.forEach((cell, i) => {
    const w = widths[i] ?? fallbackWidth;
    doc.text(
      pdfText(String(cell), doc),
      x + 2,
      y + 3,
      layout.wrap ? { width: w - 4 } : { width: w - 4, height, ellipsis: true, lineBreak: false },
    );
    x += w;
  });
  doc
    .moveTo(left, y + height)
    .lineTo(x, y + height)
    .lineWidth(0.3)
    .strokeColor('#bbb')
    .stroke();
  doc.x = left;
  doc.y = y + height;
}
