/**
 * "2 min ago" and "1 h 05 min" in the reader's language (issue 26). The same figures as
 * renderer/src/format.ts `ago` and `duration`, whose English these keep word for word.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';
import type { Formatter } from '../../../shared/problem-messages';

const M = messageTable(
  defineMessages({
    justNow: {
      id: 'components.time.just-now',
      defaultMessage: 'just now',
      description: 'Less than 5 seconds ago',
    },
    secondsAgo: {
      id: 'components.time.seconds-ago',
      defaultMessage: '{seconds} s ago',
      description: 'Under a minute ago; s = seconds (abbreviated)',
    },
    ago: {
      id: 'components.time.ago',
      defaultMessage: '{duration} ago',
      description: 'A time in the past; {duration} is components.time.seconds/minutes/hours',
    },
    seconds: {
      id: 'components.time.seconds',
      defaultMessage: '{seconds} s',
      description: 'A duration in seconds (abbreviated)',
    },
    minutes: {
      id: 'components.time.minutes',
      defaultMessage: '{minutes} min',
      description: 'A duration in minutes (abbreviated)',
    },
    hours: {
      id: 'components.time.hours',
      defaultMessage: '{hours} h {minutes} min',
      description: 'A duration in hours and minutes (abbreviated); {minutes} is always two digits',
    },
  }),
);

/** "45 s", "12 min", "2 h 05 min". */
export function durationText(intl: Formatter, ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 60_000) return intl.formatMessage(M.seconds, { seconds: String(Math.floor(safe / 1000)) });
  const minutes = Math.floor(safe / 60_000);
  if (minutes < 60) return intl.formatMessage(M.minutes, { minutes: String(minutes) });
  return intl.formatMessage(M.hours, {
    hours: String(Math.floor(minutes / 60)),
    minutes: String(minutes % 60).padStart(2, '0'),
  });
}

/** "just now", "45 s ago", "2 min ago", "1 h 05 min ago". */
export function agoText(intl: Formatter, iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  if (ms < 5_000) return intl.formatMessage(M.justNow);
  if (ms < 60_000) return intl.formatMessage(M.secondsAgo, { seconds: String(Math.floor(ms / 1000)) });
  return intl.formatMessage(M.ago, { duration: durationText(intl, ms) });
}
