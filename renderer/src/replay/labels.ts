/** Words the replay screens share, in the reader's language. */
import { messageTable } from '../../../shared/message-table';
import { defineMessages, type IntlShape } from 'react-intl';
import { DECISION_MESSAGES } from '../../../shared/i18n/glossary';

const M = messageTable(
  defineMessages({
    notDecided: {
      id: 'reports.time.not-decided',
      defaultMessage: 'not decided',
      description: 'Time to decision of an alert nobody decided',
    },
    seconds: {
      id: 'reports.time.seconds',
      defaultMessage: '{seconds} s',
      description: 'A short duration in seconds (abbreviated unit), e.g. "12.5 s"',
    },
    minutes: {
      id: 'reports.time.minutes',
      defaultMessage: '{minutes} min',
      description: 'A duration in whole minutes (abbreviated unit), e.g. "12 min"',
    },
    hours: {
      id: 'reports.time.hours',
      defaultMessage: '{hours} h {minutes} min',
      description: 'A duration in hours and minutes (abbreviated units), e.g. "2 h 05 min"',
    },
  }),
);

/** "45 s", "12 min", "2 h 05 min" (the live screen's duration, in the reader's language). */
export function durationText(intl: IntlShape, ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 60_000) return intl.formatMessage(M.seconds, { seconds: String(Math.floor(safe / 1000)) });
  const minutes = Math.floor(safe / 60_000);
  if (minutes < 60) return intl.formatMessage(M.minutes, { minutes: String(minutes) });
  return intl.formatMessage(M.hours, {
    hours: String(Math.floor(minutes / 60)),
    minutes: String(minutes % 60).padStart(2, '0'),
  });
}

/** Time to decision to a tenth of a second while short, as the statistics give it. */
export function ttdText(intl: IntlShape, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return intl.formatMessage(M.notDecided);
  if (ms < 60_000) return intl.formatMessage(M.seconds, { seconds: (Math.max(0, ms) / 1000).toFixed(1) });
  return durationText(intl, ms);
}

/** Engage or No engage, as the glossary names them; an unknown code as it came. */
export function decisionWord(intl: IntlShape, d: string): string {
  return d === 'engage' || d === 'no-engage' ? intl.formatMessage(DECISION_MESSAGES[d]) : d;
}
