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
const CAPTURE_AHEAD_LIMIT_MS = 2 * 60_000;
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

/** How far a journal's latest entry may read ahead of the clock before retention waits on it. */
const RETENTION_CLOCK_GRACE_MS = DAY_MS;

export class ClockDoubt {
  private startDoubt: string | null = null;
  private feedDoubt: string | null = null;
  private lagging = 0;
  /**
   * The feed's capture times have agreed with the clock since the last step was noticed:
   * a journalled doubt (clock-step) may then be closed with clock-confirmed.
   */
  confirmed = false;

  /** A clock-step was journalled: what confirmed the clock before it no longer counts. */
  stepped(): void {
    this.confirmed = false;
  }

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
      this.confirmed = true;
    } else if (lag > LAG_MS && ++this.lagging >= LAG_RUN) {
      this.feedDoubt = `the last ${this.lagging} alerts arrived ${minutes(lag)} or more after their capture times: the station clock may be ahead`;
    }
  }

  /**
   * What the journals say against the clock, or null: a journalled clock-step not yet
   * confirmed, or a journal whose latest entry reads ahead of the clock by more than the
   * grace (written by a clock that was fast).
   */
  journalDoubt(
    nowMs: number,
    journals: Iterable<{
      deploymentId: string;
      lastEntryAt: number | null;
      clockDoubt: { seq: number; before: string; after: string } | null;
    }>,
  ): string | null {
    for (const j of journals) {
      if (j.clockDoubt && !this.confirmed)
        return (
          `the wall clock stepped from ${j.clockDoubt.before} to ${j.clockDoubt.after} (journal ${j.deploymentId}, ` +
          `seq ${j.clockDoubt.seq}) and the feed's capture times have not confirmed the clock since`
        );
      if (j.lastEntryAt !== null && j.lastEntryAt - nowMs > RETENTION_CLOCK_GRACE_MS)
        return (
          `journal ${j.deploymentId}'s latest entry (${new Date(j.lastEntryAt).toISOString()}) is ` +
          `${Math.round((j.lastEntryAt - nowMs) / DAY_MS)} day(s) ahead of the station clock ` +
          `(${new Date(nowMs).toISOString()})`
        );
    }
    return null;
  }

  /** Why wall time is not to be trusted with deleting evidence, or null. */
  get reason(): string | null {
    return this.feedDoubt ?? this.startDoubt;
  }
}
