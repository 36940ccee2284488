/**
 * Refused alerts in words. An alert the station refuses never reaches the queue, so
 * the officer is told at once (a banner and the sound cue) and supervisors see every
 * refusal in replay statistics, each with what it means and the reason as answered.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { Formatter } from './problem-messages';

export const REFUSAL_CODES = ['invalid', 'unknown-deployment', 'outside-window', 'conflict'] as const;

const WORDS: Record<string, string> = {
  invalid: 'Not a valid alert: a required field was missing or wrong, or its image was not what it claimed',
  'unknown-deployment': 'It named a deployment this station has not been given',
  'outside-window': 'Captured outside the authorised window of the deployment',
  conflict: 'Sent again with the same alert ID but different content (the stored alert is kept)',
};

/** The same meanings as messages, for a screen or report in the reader's language. */
const REFUSAL_MESSAGES: Record<string, MessageDescriptor> = defineMessages({
  invalid: {
    id: 'components.refusal.invalid',
    defaultMessage:
      'Not a valid alert: a required field was missing or wrong, or its image was not what it claimed',
    description: 'Why the station refused an alert from the feed',
  },
  'unknown-deployment': {
    id: 'components.refusal.unknown-deployment',
    defaultMessage: 'It named a deployment this station has not been given',
    description: 'Why the station refused an alert from the feed',
  },
  'outside-window': {
    id: 'components.refusal.outside-window',
    defaultMessage: 'Captured outside the authorised window of the deployment',
    description: 'Why the station refused an alert from the feed',
  },
  conflict: {
    id: 'components.refusal.conflict',
    defaultMessage: 'Sent again with the same alert ID but different content (the stored alert is kept)',
    description: 'Why the station refused an alert from the feed',
  },
});
const UNKNOWN_REFUSAL = defineMessages({
  other: {
    id: 'components.refusal.other',
    defaultMessage: 'Refused ({code})',
    description: 'An alert refused for a reason this version does not know; {code} is the code as recorded',
  },
}).other as MessageDescriptor;

/** What a refusal code means, in English (logs, and the reports until they translate). */
export function refusalWords(code: string): string {
  return WORDS[code] ?? `Refused (${code})`;
}

/** What a refusal code means, in the reader's language. */
export function refusalText(intl: Formatter, code: string): string {
  const descriptor = REFUSAL_MESSAGES[code];
  return descriptor ? intl.formatMessage(descriptor) : intl.formatMessage(UNKNOWN_REFUSAL, { code });
}

interface RefusalGroup {
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
