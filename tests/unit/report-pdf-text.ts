/**
 * Reads the text runs out of an uncompressed pdfkit PDF: each `[<hex> kern <hex> ...] TJ`
 * is one run, the hex being WinAnsi bytes of the standard fonts.
 */
// The few WinAnsi codes that differ from Latin-1 and that the report uses.
const WIN_ANSI: Record<number, string> = { 0x85: '…', 0x95: '•', 0x96: '–', 0x97: '—', 0x80: '€' };

export function pdfTextRuns(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const runs: string[] = [];
  for (const m of source.matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
    let text = '';
    for (const hex of m[1]!.matchAll(/<([0-9a-fA-F]*)>/g))
      for (const byte of Buffer.from(hex[1]!, 'hex')) text += WIN_ANSI[byte] ?? String.fromCharCode(byte);
    runs.push(text);
  }
  return runs;
}

export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}
