/**
 * The steps of the station's wall clock a journal recorded (journal-v1 `clock-step`), each
 * with the `clock-confirmed` that ended its doubt, for the replay and its reports: an entry
 * written after a step and before its confirmation carries a time the station had reason
 * to doubt, and a reader is told so beside it.
 */
import type { EntryOf } from '../../../shared/journal/entries';
import type { ClockStep } from '../../../shared/replay';

export class ClockSteps {
  readonly steps: ClockStep[] = [];

  stepped(entry: EntryOf<'clock-step'>): void {
    const d = entry.data;
    this.steps.push({
      seq: entry.seq,
      before: d.before,
      after: d.after,
      monotonicMs: d.monotonicMs,
      confirmed: null,
    });
  }

  /** One confirmation ends the doubt of every step before it. */
  confirmed(entry: EntryOf<'clock-confirmed'>): void {
    for (const step of this.steps) step.confirmed ??= { seq: entry.seq, at: entry.at };
  }

  /** Whether the entry at `seq` was written after a step its journal had not yet seen confirmed. */
  inDoubt(seq: number): boolean {
    return this.steps.some((s) => s.seq < seq && (s.confirmed === null || seq < s.confirmed.seq));
  }
}
