/**
 * Where the replay's time axis puts each journal entry (docs/replay.md, "The time axis after
 * a clock step"). Recorded `at` never goes back except right after a `clock-step`; the axis
 * must never go back at all, or the replay at some time would show a decision before its
 * alert arrived. Each step moved the clock by a known amount, its jump: its `after` less its
 * `before` less the real time between them (`before` is the clock at the entry before the
 * step, `monotonicMs` the real time since). A `clock-confirmed` says the clock agreed with
 * the feed's capture times then. So every entry gets a placed time:
 *
 * - **correction**: an entry followed by a confirmation is placed in the clock that
 *   confirmation found right: its `at` plus the jumps of the steps between it and that
 *   confirmation. A step back put right before the confirmation corrects what was written in
 *   between; a clock that was ahead from the start and then stepped back, the feed confirming
 *   the new reading, corrects what was written before the step.
 * - **continued**: an entry after a step no confirmation has followed is kept in the clock
 *   as it read before that step, carried on by the real time since: its `at` less the jumps
 *   of the steps since the last confirmation. Which reading was right is not known, and the
 *   axis keeps its spacing instead of piling those entries up at one moment.
 * - A step across a restart (`monotonicMs` null) has no known jump: nothing is corrected or
 *   continued across it. A correction under a second is none (two readings of one clock).
 * - **order**: then each placed time is at least the one before it in journal order.
 *
 * A `clock-step` entry is stamped with the clock after the step when that is later than the
 * entry before it (a step forward; electron/core/journal/entry-clock.ts), and with the entry
 * before's time otherwise; so a step entry whose `at` is its own `after` counts as written
 * after its step.
 */
import type { ClockStep, Placed } from '../../../shared/replay';

/** Entries in journal order: their seq and recorded time (ms since the epoch; NaN if unreadable). */
export class EntryTimes {
  readonly seqs: number[] = [];
  readonly ats: number[] = [];

  add(seq: number, at: string): void {
    this.seqs.push(seq);
    this.ats.push(Date.parse(at));
  }
}

export interface Placement {
  /** The entries placed anywhere but their recorded `at`, by seq. */
  bySeq: Map<number, Placed>;
  /** The first and last placed times (ms), or null when there are no entries. */
  first: number | null;
  last: number | null;
}

/** Below this, a correction is two readings of one clock, not a step. */
const LEAST_CORRECTION_MS = 1_000;

/** Whether the entry (seq, at) was written after the step: a later seq, or its own entry stamped with its new clock. */
const writtenAfter = (step: ClockStep, seq: number, at: number) =>
  step.seq < seq || (step.seq === seq && Date.parse(step.after) === at);

/**
 * The sum of the jumps of steps [from, to), read off prefix sums; null when one of them
 * crossed a restart (its jump unknown).
 */
class Jumps {
  private readonly sums: number[] = [0];
  private readonly unknown: number[] = [0];

  constructor(steps: readonly ClockStep[]) {
    let sum = 0;
    let unknown = 0;
    for (const s of steps) {
      const jump =
        s.monotonicMs === null ? Number.NaN : Date.parse(s.after) - Date.parse(s.before) - s.monotonicMs;
      if (Number.isFinite(jump)) sum += jump;
      else unknown += 1;
      this.sums.push(sum);
      this.unknown.push(unknown);
    }
  }

  between(from: number, to: number): number | null {
    if (to <= from) return 0;
    if ((this.unknown[to] ?? 0) > (this.unknown[from] ?? 0)) return null;
    return (this.sums[to] ?? 0) - (this.sums[from] ?? 0);
  }
}

export function placeEntries(entries: EntryTimes, steps: readonly ClockStep[]): Placement {
  const bySeq = new Map<number, Placed>();
  const jumps = new Jumps(steps);
  /** The journal's confirmations (each ends the doubt of the steps before it), in order. */
  const confirmations = [...new Set(steps.flatMap((s) => (s.confirmed ? [s.confirmed.seq] : [])))].sort(
    (a, b) => a - b,
  );
  /** For each confirmation, how many steps came before it. */
  const stepsBefore = confirmations.map((seq) => steps.filter((s) => s.seq < seq).length);
  /** Steps the entry was written after; the next confirmation; steps before the last one passed. */
  let k = 0;
  let c = 0;
  let confirmedSteps = 0;
  let first: number | null = null;
  let last: number | null = null;
  entries.seqs.forEach((seq, i) => {
    const at = entries.ats[i] ?? Number.NaN;
    for (let next = steps[k]; next && writtenAfter(next, seq, at); next = steps[k]) k += 1;
    for (let passed = confirmations[c]; passed !== undefined && passed < seq; passed = confirmations[c]) {
      // The clock after the steps before this confirmation was found right.
      confirmedSteps = stepsBefore[c] ?? steps.length;
      c += 1;
    }
    let placed = at;
    let by: Placed['by'] | null = null;
    const confirmation = confirmations[c];
    // The confirmation itself is left as written: the clock agreed with the feed then.
    if (confirmation !== undefined && confirmation !== seq) {
      const fix = jumps.between(k, stepsBefore[c] ?? steps.length);
      if (fix !== null && Math.abs(fix) >= LEAST_CORRECTION_MS) {
        placed = at + fix;
        by = 'correction';
      }
    } else if (confirmation === undefined) {
      const since = jumps.between(confirmedSteps, k);
      if (since !== null && Math.abs(since) >= LEAST_CORRECTION_MS) {
        placed = at - since;
        by = 'continued';
      }
    }
    if (!Number.isFinite(placed)) return;
    if (last !== null && placed < last) {
      placed = last;
      by = 'order';
    }
    first ??= placed;
    last = placed;
    if (by !== null && placed !== at) bySeq.set(seq, { at: new Date(placed).toISOString(), by });
  });
  return { bySeq, first, last };
}
