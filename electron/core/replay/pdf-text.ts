import { hasEmbeddedFonts } from './pdf-fonts';

/**
 * Text for a report's page. With the standard fonts (WinAnsi), Welsh's w and y with a
 * circumflex (ŵ, ŷ) lose the accent ("Grwp") rather than print "?" (the other Welsh vowels
 * with accents, â ê î ô û ä ë ï ö ü, are in WinAnsi); a document with the embedded fonts
 * (pdf-fonts.ts: Welsh and bilingual reports) prints them as they are. The few symbols we
 * use are said in ASCII, and anything else is marked.
 */
export function pdfText(value: string, doc?: PDFKit.PDFDocument): string {
  const text = hasEmbeddedFonts(doc)
    ? value
    : value
        .replace(/\u0175/g, 'w')
        .replace(/\u0174/g, 'W')
        .replace(/\u0177/g, 'y')
        .replace(/\u0176/g, 'Y');
  return text
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\t\n\r\x20-\x7e\u00a0-\u00ff\u0174-\u0177\u2013\u2014\u2022\u2026\u20ac]/g, '?');
}
