/**
 * Where the replay's time axis puts each journal entry (docs/replay.md, "The time axis after
 * a clock step"). Recorded `at` never goes back except right after a `clock-step`; the axis
 * must never go back at all, or the replay at some time would show a decision before its
 * alert arrived. So every entry gets a placed time:
 *
 * - An entry written after step k and before the `clock-confirmed` that ended its doubt,
 *   when later steps j came before that confirmation, is placed at
 *   `at + Σ (after_j − before_j − monotonicMs_j)`: those steps put the clock right, and the
 *   confirmation says the clock after them was right. (`before_j` is the clock at the entry
 *   before step j, `monotonicMs_j` the real time since, so the jump itself is the difference
 *   less that time.) A later step across a restart (`monotonicMs` null) does not say how far
 *   the clock jumped apart from the time the station was off: nothing is corrected by it.
 * - Otherwise (no step, the doubt never confirmed, or the clock confirmed is the stepped one)
 *   the entry is placed at `at`.
 * - Then each placed time is at least the one before it in journal order.
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
  /** The last placed time (ms), or null when there are no entries. */
  last: number | null;
}

/** For each step k, the correction of an entry in its doubt, or null when nothing later corrects it. */
function corrections(steps: readonly ClockStep[]): Array<number | null> {
  return steps.map((step, k) => {
    const confirmed = step.confirmed;
    if (confirmed === null) return null;
    const later = steps.slice(k + 1).filter((s) => s.seq < confirmed.seq);
    let sum = 0;
    for (const s of later) {
      if (s.monotonicMs === null) return null;
      sum += Date.parse(s.after) - Date.parse(s.before) - s.monotonicMs;
    }
    return later.length > 0 && Number.isFinite(sum) ? sum : null;
  });
}

/** Whether the entry (seq, at) was written after the step: a later seq, or its own entry stamped with its new clock. */
const writtenAfter = (step: ClockStep, seq: number, at: number) =>
  step.seq < seq || (step.seq === seq && Date.parse(step.after) === at);

export function placeEntries(entries: EntryTimes, steps: readonly ClockStep[]): Placement {
  const bySeq = new Map<number, Placed>();
  const correction = corrections(steps);
  /** The latest step the entry was written after, and the correction of its doubt. */
  let k = -1;
  let last: number | null = null;
  entries.seqs.forEach((seq, i) => {
    const at = entries.ats[i] ?? Number.NaN;
    for (let next = steps[k + 1]; next && writtenAfter(next, seq, at); next = steps[k + 1]) k += 1;
    const step = steps[k];
    const fix = correction[k] ?? null;
    let placed = at;
    let by: Placed['by'] | null = null;
    if (step?.confirmed && seq < step.confirmed.seq && fix !== null && fix !== 0) {
      placed = at + fix;
      by = 'correction';
    }
    if (!Number.isFinite(placed)) return;
    if (last !== null && placed < last) {
      placed = last;
      by = 'order';
    }
    last = placed;
    if (by !== null && placed !== at) bySeq.set(seq, { at: new Date(placed).toISOString(), by });
  });
  return { bySeq, last };
}
