/**
 * The fonts of a Welsh or bilingual report: DejaVu Sans (Bitstream Vera licence, which
 * allows embedding and redistribution: assets/fonts/LICENSE-DejaVu.txt), shipped with the
 * app in assets/fonts and embedded (subset) in the PDF. The standard Helvetica speaks
 * WinAnsi only, which has no ŵ or ŷ, so Welsh ("Gŵyl", "tŷ") lost its accents (issue 26).
 * English reports keep the standard fonts: their text stays readable in the raw file.
 *
 * The report code names its fonts 'Helvetica' and 'Helvetica-Bold' (pdf-writer, pdf-table,
 * pdf-equality, the transparency report): registering DejaVu under those two names makes
 * every one of them embed it, with no second set of font names to keep in step.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportLanguage } from '../../../shared/i18n/locale';

const embedded = new WeakSet<PDFKit.PDFDocument>();

/** Where the fonts are: from the bundle (dist/main, two folders below the app) or the source. */
function fontsDir(): string {
  const candidates: string[] = [];
  // Bundled, __filename is dist/main/main.cjs; in the source (vitest, tsx) it is this file.
  if (typeof __filename === 'string' && !__filename.endsWith('.ts'))
    candidates.push(join(__filename, '..', '..', '..', 'assets', 'fonts'));
  else candidates.push(fileURLToPath(new URL('../../../assets/fonts', import.meta.url)));
  const found = candidates.find((dir) => existsSync(join(dir, 'DejaVuSans.ttf')));
  if (!found) throw new Error(`the report fonts are missing (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The document's first font, for the PDFDocument options: in Welsh or both, DejaVu Sans,
 * so that pdfkit never loads the standard Helvetica under the name registered below
 * (it caches a font by name, and the cached one would win over the registration).
 */
export function reportFontOption(language: ReportLanguage): { font?: string } {
  return language === 'en-GB' ? {} : { font: join(fontsDir(), 'DejaVuSans.ttf') };
}

/** Welsh or both: embed DejaVu Sans under the names the report code uses. */
export function useReportFonts(doc: PDFKit.PDFDocument, language: ReportLanguage): void {
  if (language === 'en-GB') return;
  const dir = fontsDir();
  doc.registerFont('Helvetica', join(dir, 'DejaVuSans.ttf'));
  doc.registerFont('Helvetica-Bold', join(dir, 'DejaVuSans-Bold.ttf'));
  doc.font('Helvetica');
  embedded.add(doc);
}

/** Whether the document prints with the embedded fonts (every Welsh letter) or the standard ones. */
export const hasEmbeddedFonts = (doc: PDFKit.PDFDocument | undefined): boolean =>
  doc !== undefined && embedded.has(doc);
