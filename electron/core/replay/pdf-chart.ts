/**
 * The frame of a bar chart in the pdfkit reports (oversight and transparency): the left
 * and bottom axes, and the scale's top (`max`) and 0 written right-aligned beside them.
 */
interface ChartFrame {
  left: number;
  top: number;
  width: number;
  height: number;
  max: number;
  /** Where the scale labels start, and how wide they may be (they end by the axis). */
  labelLeft: number;
  labelWidth: number;
}

export function drawChartAxes(doc: PDFKit.PDFDocument, frame: ChartFrame): void {
  const { left, top, width, height, max, labelLeft, labelWidth } = frame;
  doc.lineWidth(0.5).strokeColor('#666');
  doc
    .moveTo(left, top)
    .lineTo(left, top + height)
    .lineTo(left + width, top + height)
    .stroke();
  doc.font('Helvetica').fontSize(7).fillColor('#000');
  doc.text(String(max), labelLeft, top - 3, { width: labelWidth, align: 'right', lineBreak: false });
  doc.text('0', labelLeft, top + height - 4, { width: labelWidth, align: 'right', lineBreak: false });
}
