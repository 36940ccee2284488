/**
 * The station's two clocks. Wall time (`now`) is what entries, windows and retention are
 * about, and it can be wrong or stepped. Durations (dwell, escalation, time on review)
 * are measured on a monotonic clock (`mono`) that never steps, so a clock put back an
 * hour cannot tell an officer to look for another 3,600 s.
 *
 * Wall time is doubted, and retention (which deletes evidence) waits, when it reads more
 * than a day after the journal's last entry at start, or when the feed's capture times
 * disagree with it; a capture time close to the station's clears the doubt.
 */
import { performance } from 'node:perf_hooks';

export const DAY_MS = 86_400_000;
/** lfr-feed-v1 alerts captured further ahead than this are flagged as a clock disagreement. */
export const CAPTURE_AHEAD_LIMIT_MS = 2 * 60_000;
/** Capture times this close to the station's clock confirm it. */
const AGREEMENT_MS = 2 * 60_000;
/** This many alerts in a row arriving this long after capture: the clocks disagree (not a delay). */
const LAG_RUN = 5;
const LAG_MS = 15 * 60_000;

export const monotonicNow = (): number => performance.now();

/** How far ahead of the station's clock an alert says it was captured, when past the limit. */
export function captureAheadMs(capturedAt: string, nowMs: number): number | null {
  const ahead = Date.parse(capturedAt) - nowMs;
  return Number.isFinite(ahead) && ahead > CAPTURE_AHEAD_LIMIT_MS ? Math.round(ahead) : null;
}

const minutes = (ms: number) => `${Math.round(Math.abs(ms) / 60_000)} min`;

export class ClockDoubt {
  private startDoubt: string | null = null;
  private feedDoubt: string | null = null;
  private lagging = 0;

  /** At start: the clock against the newest entry of any journal the station holds. */
  checkAtStart(nowMs: number, lastEntryMs: number | null): void {
    if (lastEntryMs !== null && nowMs - lastEntryMs > DAY_MS)
      this.startDoubt =
        `the station clock reads ${new Date(nowMs).toISOString()}, more than a day after the last journal entry ` +
        `(${new Date(lastEntryMs).toISOString()}); retention waits until the feed's times confirm the clock`;
  }

  /** Each alert as it arrives: its capture time against the station's clock. */
  observeCapture(capturedAt: string, nowMs: number): void {
    const lag = nowMs - Date.parse(capturedAt);
    if (!Number.isFinite(lag)) return;
    if (lag < -CAPTURE_AHEAD_LIMIT_MS) {
      this.feedDoubt = `the feed's capture times are ${minutes(lag)} ahead of the station clock`;
      this.lagging = 0;
    } else if (lag <= AGREEMENT_MS) {
      // The feed and the station agree: whatever made the clock doubtful has been answered.
      this.feedDoubt = null;
      this.startDoubt = null;
      this.lagging = 0;
    } else if (lag > LAG_MS && ++this.lagging >= LAG_RUN) {
      this.feedDoubt = `the last ${this.lagging} alerts arrived ${minutes(lag)} or more after their capture times: the station clock may be ahead`;
    }
  }

  /** Why wall time is not to be trusted with deleting evidence, or null. */
  get reason(): string | null {
    return this.feedDoubt ?? this.startDoubt;
  }
}
