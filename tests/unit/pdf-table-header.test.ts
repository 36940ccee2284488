/**
 * A table's header row is drawn in bold, which is wider than regular: its height must be
 * measured in bold too, or a header that wraps only in bold runs into the first row (seen in
 * the Station clock table on 6 Dec 2026: "Real time between" overlapped by its rule and row).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, expect, it } from 'vitest';
import { pdfToNewFile } from '../../electron/core/replay/pdf-file';
import { MARGIN, Writer } from '../../electron/core/replay/pdf-writer';

let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

it('puts the first row below a header that wraps only in bold', async () => {
  dir = await mkdtemp(join(tmpdir(), 'pdf-table-'));
  const file = join(dir, 'table.pdf');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, compress: false, tagged: true });
  const target = pdfToNewFile(doc, file);
  const header = 'Measured between readings';
  const regular = doc.font('Helvetica').fontSize(9).widthOfString(header);
  const bold = doc.font('Helvetica-Bold').fontSize(9).widthOfString(header);
  expect(bold).toBeGreaterThan(regular + 4);
  // Wide enough for the regular text on one line, too narrow for the bold (cells keep 4 pt of padding).
  const width = (regular + bold) / 2 + 4;
  const w = new Writer(doc);
  w.table([header], [['firstrowcell']], [width]);
  w.finish();
  await target.finish();
  const boxes = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const word = (text: string) => {
    const m = new RegExp(
      `<word xMin="[\\d.]+" yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${text}</word>`,
    ).exec(boxes);
    if (!m) throw new Error(`${text} not found in\n${boxes}`);
    return { top: Number(m[1]), bottom: Number(m[2]) };
  };
  const lastHeaderLine = word('readings');
  // The header did wrap (its last word is on a second line), and the row starts below it.
  expect(lastHeaderLine.top).toBeGreaterThan(word('Measured').bottom - 1);
  expect(word('firstrowcell').top).toBeGreaterThanOrEqual(lastHeaderLine.bottom);
});
