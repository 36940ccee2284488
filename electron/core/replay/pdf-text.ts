/** The standard fonts speak WinAnsi: say the few symbols we use in ASCII, and mark anything else. */
export function pdfText(value: string): string {
  return value
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2022\u2026\u20ac]/g, '?');
}
