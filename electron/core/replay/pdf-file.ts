/**
 * Where a pdfkit report goes: a new file (never over an existing one; owner-only, as it
 * may hold personal data), with its pages counted as they are added.
 */
import { createWriteStream } from 'node:fs';

export function pdfToNewFile(doc: PDFKit.PDFDocument, file: string) {
  let pages = 1;
  doc.on('pageAdded', () => {
    pages += 1;
  });
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    doc.on('error', reject);
  });
  doc.pipe(out);
  return {
    /** Ends the document and resolves once every byte is in the file. */
    async finish(): Promise<{ pages: number; bytes: number }> {
      doc.end();
      await done;
      return { pages, bytes: out.bytesWritten };
    },
  };
}
