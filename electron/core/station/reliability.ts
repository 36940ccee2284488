/**
 * Faults the officer must be told about, and the station's defences against them
 * (issue 10): every write goes through `appendAndShow` (write.ts), so a failed write
 * marks storage as failing (banner, cause in words) and the caller learns it was not saved;
 * refused alerts are kept for the banner and its sound; durations run on a monotonic
 * clock; the wall clock is doubted when it disagrees with the journal or the feed.
 */
import type { FoldedDeployment } from '../../../shared/journal/folded';
import type { KeyProtection, RefusalView, ReliabilityView } from '../../../shared/view';
import { ClockDoubt, monotonicNow } from '../clock';
import { StorageHealth } from '../storage-health';
import type { Journal } from '../journal/journal';

/** What the clock check reads of an open deployment (its journal's times and its folded doubt). */
interface JournalClockFacts {
  journal: Pick<Journal, 'lastEntryAtOpen' | 'lastEntryAt'>;
  state: Pick<FoldedDeployment, 'deploymentId' | 'clockDoubt'>;
}

const RECENT_REFUSALS = 20;

/** What the station measures of an alert on its monotonic clock: time undecided, look time. */
const ALERT_MEASURES = ['received', 'shown'] as const;
export type AlertMeasure = (typeof ALERT_MEASURES)[number];
const measureKey = (measure: AlertMeasure, alertId: string) => `${measure}:${alertId}`;

export class Reliability {
  readonly storage: StorageHealth;
  readonly clock = new ClockDoubt();
  private readonly refusals: RefusalView[] = [];
  private refusedTotal = 0;
  /** Monotonic start of each measured duration of an alert, by `measureKey`. */
  private readonly starts = new Map<string, number>();
  private lastRetry = Number.NEGATIVE_INFINITY;
  private startChecked = false;
  /** What the journals last said against the clock (clock.ts journalDoubt), shown with the feed's doubt. */
  private journalDoubt: string | null = null;
  /**
   * Called when writing works again, however that was found (the recovery probe, or any
   * journal write that succeeded): the core asks the feed to re-deliver what was not
   * acknowledged meanwhile. `missed` counts the alerts that arrived and could not be stored.
   */
  onRecovered: ((missed: number) => void) | null = null;
  /** Alerts that arrived during the current storage fault and were not stored (by alertId). */
  private readonly missed = new Set<string>();
  /**
   * Called when an alert's image file is found gone on screen: the core reconnects, and the
   * next `resume` asks the feed for the alert again (lfr-feed-v1: every alert after afterSeq).
   */
  onRefetch: ((note: string) => void) | null = null;
  /** The earliest seq asked for again, per deployment, until the next connection takes it. */
  private readonly refetch = new Map<string, number>();

  constructor(
    wallNow: () => number,
    readonly mono: () => number = monotonicNow,
    readonly keyProtection: KeyProtection | null = null,
  ) {
    this.storage = new StorageHealth(wallNow);
  }

  /** Start measuring the alert's time since it was received, or since it was first shown, now (monotonic). */
  mark(measure: AlertMeasure, alertId: string): void {
    this.starts.set(measureKey(measure, alertId), this.mono());
  }

  /**
   * The alert is summarised (decided and settled, summaries.ts): its measures go. Kept, two
   * for every alert received would grow with the deployment, not with what is open (issue
   * 25, item 5: some 240 bytes an alert, 24 MB over 100,000). Asked for again (an amendment's
   * look time), a measure starts from the wall clock once, as after a restart.
   */
  forget(alertId: string): void {
    for (const measure of ALERT_MEASURES) this.starts.delete(measureKey(measure, alertId));
  }

  /** Measures kept (tests). */
  get measuresKept(): number {
    return this.starts.size;
  }

  /**
   * How long since the alert's measure was marked. A start from before this run (a restart) is taken
   * from the wall clock once, never less than zero, and measured monotonically after.
   */
  elapsed(measure: AlertMeasure, alertId: string, wallStart: string | null, wallNow: number): number {
    const key = measureKey(measure, alertId);
    let start = this.starts.get(key);
    if (start === undefined) {
      const wallElapsed = wallStart ? Math.max(0, wallNow - Date.parse(wallStart)) : 0;
      start = this.mono() - (Number.isFinite(wallElapsed) ? wallElapsed : 0);
      this.starts.set(key, start);
    }
    return Math.max(0, this.mono() - start);
  }

  /** True at most once per `intervalMs` (monotonic): a failing disk is retried, not hammered. */
  dueForRetry(intervalMs: number): boolean {
    const now = this.mono();
    if (now - this.lastRetry < intervalMs) return false;
    this.lastRetry = now;
    return true;
  }

  /**
   * Why retention must not delete now, or null. The first time (at start) the clock is
   * checked against the newest entry any journal held when it was opened.
   */
  retentionDoubt(nowMs: number, slots: Iterable<JournalClockFacts>): string | null {
    const all = [...slots];
    if (!this.startChecked) {
      this.startChecked = true;
      let last: number | null = null;
      for (const slot of all) {
        const at = slot.journal.lastEntryAtOpen;
        if (at !== null && (last === null || at > last)) last = at;
      }
      this.clock.checkAtStart(nowMs, last);
    }
    this.journalDoubt = this.clock.journalDoubt(
      nowMs,
      all.map((slot) => ({
        deploymentId: slot.state.deploymentId,
        lastEntryAt: slot.journal.lastEntryAt,
        clockDoubt: slot.state.clockDoubt,
      })),
    );
    return this.journalDoubt ?? this.clock.reason;
  }

  /** An alert that could not be stored because writing failed; the feed will send it again. */
  notStored(alertId: string): void {
    this.missed.add(alertId);
  }

  /** Writing works again: the feed is asked to catch up on what arrived during the fault. */
  recovered(): void {
    const missed = this.missed.size;
    this.missed.clear();
    this.onRecovered?.(missed);
  }

  /** Ask the feed for alert `seq` of `deploymentId` again (its image file is gone). */
  askAgain(deploymentId: string, seq: number, note: string): void {
    this.refetch.set(deploymentId, Math.min(seq, this.refetch.get(deploymentId) ?? seq));
    this.onRefetch?.(note);
  }

  /** The afterSeq the next connection asks from for `deploymentId`, at most `afterSeq`; taken once. */
  resumeAfter(deploymentId: string, afterSeq: number): number {
    const seq = this.refetch.get(deploymentId);
    this.refetch.delete(deploymentId);
    return seq === undefined ? afterSeq : Math.min(afterSeq, seq - 1);
  }

  refused(refusal: RefusalView): void {
    this.refusals.unshift(refusal);
    this.refusals.length = Math.min(this.refusals.length, RECENT_REFUSALS);
    this.refusedTotal += 1;
  }

  view(): ReliabilityView {
    return {
      keyProtection: this.keyProtection,
      refusals: [...this.refusals],
      refusedTotal: this.refusedTotal,
      storage: this.storage.view,
      clock: { doubt: this.journalDoubt ?? this.clock.reason },
    };
  }
}
