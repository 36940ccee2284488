/**
 * One way to write time (issue 24): Europe/London local time with its zone (GMT or BST)
 * on screen, in reports, in export names and in every message, whatever the zone of the
 * machine. Records that need the instant keep UTC beside it (the CSV carries both).
 * Durations and counts go through Intl, so "1 minute" and "2 minutes" are both right.
 * Pure: Intl only.
 */

export const UK_TIME_ZONE = 'Europe/London';
const LOCALE = 'en-GB';

const dateTime = new Intl.DateTimeFormat(LOCALE, {
  timeZone: UK_TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});
const time = new Intl.DateTimeFormat(LOCALE, {
  timeZone: UK_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});
const shortTime = new Intl.DateTimeFormat(LOCALE, {
  timeZone: UK_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const date = new Intl.DateTimeFormat(LOCALE, {
  timeZone: UK_TIME_ZONE,
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
/** Numeric parts for sortable forms ("2026-03-29 02:30:00 BST"). */
const numeric = new Intl.DateTimeFormat(LOCALE, {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

type Instant = string | number | Date | null | undefined;

function toMs(at: Instant): number | null {
  if (at === null || at === undefined || at === '') return null;
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}

function fmt(f: Intl.DateTimeFormat, at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return typeof at === 'string' ? at : '';
  return f.format(ms);
}

/** "29 Mar 2026, 02:30:00 BST". */
export const ukDateTime = (at: Instant) => fmt(dateTime, at);
/** "02:30:00 BST". */
export const ukTime = (at: Instant) => fmt(time, at);
/** "02:30 BST". */
export const ukShortTime = (at: Instant) => fmt(shortTime, at);
/** "29 Mar 2026" (a calendar date in the UK: no zone needed). */
export const ukDate = (at: Instant) => fmt(date, at);

interface NumericParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  zone: string;
}

function numericParts(ms: number): NumericParts {
  const out: Record<string, string> = {};
  for (const p of numeric.formatToParts(ms)) out[p.type] = p.value;
  return {
    year: out.year ?? '',
    month: out.month ?? '',
    day: out.day ?? '',
    hour: out.hour ?? '',
    minute: out.minute ?? '',
    second: out.second ?? '',
    zone: out.timeZoneName ?? '',
  };
}

/** "GMT" or "BST" at that instant. */
export function ukZone(at: Instant): string {
  const ms = toMs(at);
  return ms === null ? '' : numericParts(ms).zone;
}

/** Sortable, for tables and CSV: "2026-03-29 02:30:00 BST". */
export function ukStamp(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return typeof at === 'string' ? at : '';
  const p = numericParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.zone}`;
}

/** For file names (no colons or spaces): "2026-03-29_02-30-00_BST". */
export function ukFileStamp(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return 'unknown-time';
  const p = numericParts(ms);
  return `${p.year}-${p.month}-${p.day}_${p.hour}-${p.minute}-${p.second}_${p.zone}`;
}

/** UTC for records that need the instant: "2026-03-29T01:30:00Z" (to the second). */
export function utcStamp(at: Instant): string {
  const ms = toMs(at);
  return ms === null ? '' : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const units = {
  second: new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'second', unitDisplay: 'long' }),
  minute: new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'minute', unitDisplay: 'long' }),
  hour: new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'hour', unitDisplay: 'long' }),
  day: new Intl.NumberFormat(LOCALE, { style: 'unit', unit: 'day', unitDisplay: 'long' }),
};
const list = new Intl.ListFormat(LOCALE, { style: 'long', type: 'unit' });

/**
 * A duration in words, to the largest two units: "1 minute", "2 hours, 5 minutes",
 * "45 seconds". Rounded down: a lock "after 1 minute" never says 2.
 */
export function durationWords(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts: string[] = [];
  if (d) parts.push(units.day.format(d));
  if (h) parts.push(units.hour.format(h));
  if (m && !d) parts.push(units.minute.format(m));
  if (sec && !d && !h && !m) parts.push(units.second.format(sec));
  if (parts.length === 0) return units.second.format(0);
  return list.format(parts.slice(0, 2));
}

/** Whole minutes in words: "1 minute", "20 minutes". */
export const minutesWords = (minutes: number) => units.minute.format(Math.round(minutes));

const plural = new Intl.PluralRules(LOCALE);
/** A count with the right noun: count(1, 'alert', 'alerts') is "1 alert". */
export function count(n: number, one: string, other: string): string {
  return `${new Intl.NumberFormat(LOCALE).format(n)} ${plural.select(n) === 'one' ? one : other}`;
}
