/**
 * Durations on screen (the look time before a decision, time on review for the welfare
 * prompt) measured on this page's monotonic clock (performance.now, the store's `mono`),
 * never as the difference of two wall-clock readings: a wall clock stepped back an hour
 * would hold "Record decision" for an hour, and one stepped forward would skip the look
 * time. The core measures the same durations on its own monotonic clock
 * (electron/core/station/reliability.ts) and checks the look time again on a decision.
 *
 * A duration starts from a wall-clock instant main sent (shownAt, reviewSince). The first
 * time this page sees it (after the station's clock has been heard), the time already
 * passed is taken from the station's wall clock once, never less than zero; from then on
 * only the monotonic clock counts. The starts live as long as the page, as its clock does.
 */
const starts = new Map<string, number>();
/** Starts kept: far more than the alerts and sessions a screen has open at once. */
const KEPT = 2000;

/** Milliseconds since `wallStart` (ISO), for the duration named `key`. */
export function monoElapsed(key: string, wallStart: string, wallNow: number, mono: number): number {
  const id = `${key}@${wallStart}`;
  let start = starts.get(id);
  if (start === undefined) {
    const passed = wallNow - Date.parse(wallStart);
    start = mono - (Number.isFinite(passed) ? Math.max(0, passed) : 0);
    starts.set(id, start);
    if (starts.size > KEPT) {
      // The map keeps insertion order: the oldest start is let go.
      const [oldest] = starts.keys();
      if (oldest !== undefined) starts.delete(oldest);
    }
  }
  return Math.max(0, mono - start);
}

/**
 * Main said how long the duration has run (`elapsedMs`, on its own monotonic clock) when it
 * answered at this page's `mono`: the start is no earlier than that, whatever a wall clock
 * said first. Main's count begins before its answer, so the page never lets go sooner.
 */
export function monoStartNoEarlierThan(
  key: string,
  wallStart: string,
  mono: number,
  elapsedMs: number,
): void {
  const id = `${key}@${wallStart}`;
  const start = mono - Math.max(0, elapsedMs);
  const known = starts.get(id);
  if (known === undefined || known < start) starts.set(id, start);
}

/** Forget every start (tests). */
export function forgetMonoStarts(): void {
  starts.clear();
}
