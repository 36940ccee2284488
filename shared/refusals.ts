/**
 * Refused alerts in words. An alert the station refuses never reaches the queue, so
 * the officer is told at once (a banner and the sound cue) and supervisors see every
 * refusal in replay statistics, each with what it means and the reason as answered.
 */
export const REFUSAL_CODES = ['invalid', 'unknown-deployment', 'outside-window', 'conflict'] as const;

const WORDS: Record<string, string> = {
  invalid: 'Not a valid alert: a required field was missing or wrong, or its image was not what it claimed',
  'unknown-deployment': 'It named a deployment this station has not been given',
  'outside-window': 'Captured outside the authorised window of the deployment',
  conflict: 'Sent again with the same alert ID but different content (the stored alert is kept)',
};

/** What a refusal code means, for a person. */
export function refusalWords(code: string): string {
  return WORDS[code] ?? `Refused (${code})`;
}

export interface RefusalGroup {
  code: string;
  words: string;
  count: number;
  /** The distinct reasons answered to the feed, most frequent first (at most five). */
  reasons: Array<{ reason: string; count: number }>;
}

/** Refusals grouped by what they mean, the commonest first. */
export function groupRefusals(refused: ReadonlyArray<{ code: string; reason: string }>): RefusalGroup[] {
  const groups = new Map<string, Map<string, number>>();
  for (const r of refused) {
    const reasons = groups.get(r.code) ?? new Map<string, number>();
    reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
    groups.set(r.code, reasons);
  }
  return [...groups]
    .map(([code, reasons]) => ({
      code,
      words: refusalWords(code),
      count: [...reasons.values()].reduce((a, b) => a + b, 0),
      reasons: [...reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason))
        .slice(0, 5),
    }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
