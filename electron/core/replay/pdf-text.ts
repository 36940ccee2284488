/**
 * The standard fonts speak WinAnsi: say the few symbols we use in ASCII, and mark anything else.
 * Welsh's w and y with a circumflex (ŵ, ŷ) are not in WinAnsi: they lose the accent ("Grwp")
 * rather than print "?" (the other Welsh vowels with accents, â ê î ô û ä ë ï ö ü, are).
 */
export function pdfText(value: string): string {
  return value
    .replace(/\u0175/g, 'w')
    .replace(/\u0174/g, 'W')
    .replace(/\u0177/g, 'y')
    .replace(/\u0176/g, 'Y')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[^\t\n\r\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2022\u2026\u20ac]/g, '?');
}
