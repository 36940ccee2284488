/**
 * Times on the replay screens in the reader's language. English is exactly the station's
 * UK time (shared/uk-time.ts, issue 24); Welsh names the months in Welsh and keeps the
 * zone as GMT or BST, because Intl writes British Summer Time as "GMT+1" in Welsh.
 */
import { useIntl } from 'react-intl';
import { UK_TIME_ZONE, ukDate, ukDateTime, ukShortTime, ukTime, ukZone } from '../../../shared/uk-time';

type Instant = string | number | null | undefined;

interface When {
  /** "29 Mar 2026, 02:30:00 BST". */
  dateTime: (at: Instant) => string;
  /** "02:30:00 BST". */
  time: (at: Instant) => string;
  /** "02:30 BST". */
  shortTime: (at: Instant) => string;
  /** "29 Mar 2026". */
  date: (at: Instant) => string;
}

const ENGLISH: When = { dateTime: ukDateTime, time: ukTime, shortTime: ukShortTime, date: ukDate };

const clock = { hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
const day = { day: 'numeric', month: 'short', year: 'numeric' } as const;

function welshFormat(options: Intl.DateTimeFormatOptions, zone: boolean) {
  const f = new Intl.DateTimeFormat('cy', { timeZone: UK_TIME_ZONE, hourCycle: 'h23', ...options });
  return (at: Instant): string => {
    const ms = typeof at === 'string' ? Date.parse(at) : at;
    if (ms === null || ms === undefined || !Number.isFinite(ms)) return typeof at === 'string' ? at : '';
    return zone ? `${f.format(ms)} ${ukZone(ms)}` : f.format(ms);
  };
}

let welsh: When | null = null;
function welshWhen(): When {
  welsh ??= {
    dateTime: welshFormat({ ...day, ...clock }, true),
    time: welshFormat(clock, true),
    shortTime: welshFormat({ hour: '2-digit', minute: '2-digit' }, true),
    date: welshFormat(day, false),
  };
  return welsh;
}

/** The formatters for a locale tag (the pseudo-locale is English underneath). */
export const whenIn = (locale: string): When => (locale === 'cy' ? welshWhen() : ENGLISH);

/** The formatters for the language on screen. */
export function useWhen(): When {
  return whenIn(useIntl().locale);
}
