/** Words for times and durations: UK time with its zone (see shared/uk-time.ts). */
import { ukDate, ukDateTime, ukShortTime, ukTime } from '../../shared/uk-time';

/** "just now", "45 s ago", "2 min ago", "1 h 5 min ago". */
export function ago(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  if (ms < 5_000) return 'just now';
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s ago`;
  return `${duration(ms)} ago`;
}

/** "45 s", "12 min", "2 h 05 min". */
export function duration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 60_000) return `${Math.floor(safe / 1000)} s`;
  const minutes = Math.floor(safe / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/*
 * Times on screen are UK local time with the zone (GMT or BST), whatever the zone of the
 * machine, the same as in the PDF and the CSV (shared/uk-time.ts, issue 24).
 */
export const localTime = (iso: string | null | undefined) => ukTime(iso);
export const localShortTime = (iso: string | null | undefined) => ukShortTime(iso);
export const localDateTime = (iso: string | null | undefined) => ukDateTime(iso);
export const localDate = (iso: string | null | undefined) => ukDate(iso);

/** Whole years between two instants (for the age of a reference image). */
export function yearsBetween(fromIso: string, toMs: number): number {
  const from = new Date(Date.parse(fromIso));
  const to = new Date(toMs);
  let years = to.getFullYear() - from.getFullYear();
  const beforeAnniversary =
    to.getMonth() < from.getMonth() || (to.getMonth() === from.getMonth() && to.getDate() < from.getDate());
  if (beforeAnniversary) years -= 1;
  return years;
}

/** Scores are shown to three places, the way the matcher reports them. */
export const score3 = (n: number) => n.toFixed(3);
