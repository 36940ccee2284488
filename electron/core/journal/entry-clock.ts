/**
 * The time a journal writes in `at` (journal-v1): `at` never goes back, except in the
 * entry right after a `clock-step` entry, which the journal writes when it notices the
 * wall clock jump. A jump is noticed against the monotonic clock (the wall clock moved
 * further, or less far, than the time that really passed since the last entry), or, for
 * the first entry after the journal is opened (nothing to compare with), when the clock
 * reads earlier than the journal's last entry. After a step, `at` follows the corrected
 * clock: a clock that ran 40 days fast and was put right does not leave every later entry
 * 40 days ahead.
 */

/** `data` of a clock-step entry: the wall clock either side of the step, and the real time between. */
export interface ClockStep {
  before: string;
  after: string;
  /** Monotonic time between the two readings; null when they straddle a restart. */
  monotonicMs: number | null;
  /** Set when the step was noticed on opening the journal (no monotonic clock spans a restart). */
  acrossRestart?: true;
}

/** Disagreement between the wall and monotonic clocks that counts as a step (NTP slews far less). */
const CLOCK_STEP_MS = 5_000;

export class EntryClock {
  /** The wall and monotonic readings at the newest entry written in this process. */
  private last: { wall: number; mono: number } | null = null;
  /** Where `at` continues from once a noticed step's entry is written. */
  private pendingReset: number | null = null;
  /** Whether an entry was stamped since the journal was opened (the restart rule applies before). */
  private readOnce = false;
  /** The wall clock as takeStep read it, for the entry stamped next. */
  private reading: number | null = null;

  constructor(
    private readonly now: () => Date,
    /** Null: no monotonic clock consistent with `now` (a test driving the wall clock alone). */
    private readonly mono: (() => number) | null,
    /** The newest entry's time: entries are not stamped earlier except after a step. */
    private lastAtMs: number,
  ) {}

  get lastAt(): number {
    return this.lastAtMs;
  }

  /** The step since the last entry, if the clock jumped; reading it makes it the new baseline. */
  takeStep(): ClockStep | null {
    const wall = this.now().getTime();
    const mono = this.mono?.() ?? null;
    // The first entry of this write is stamped with this same reading.
    this.reading = wall;
    const last = this.last;
    const first = !this.readOnce;
    this.readOnce = true;
    this.last = mono === null ? null : { wall, mono };
    if (last && mono !== null) {
      const realMs = mono - last.mono;
      if (Math.abs(wall - (last.wall + realMs)) <= CLOCK_STEP_MS) return null;
      return this.stepped(last.wall, wall, Math.round(realMs), false);
    }
    if (first && this.lastAtMs > 0 && wall < this.lastAtMs - CLOCK_STEP_MS)
      return this.stepped(this.lastAtMs, wall, null, true);
    return null;
  }

  /** Whether a step would be noticed now (the station asks every second; nothing is read twice). */
  peekStep(): boolean {
    const wall = this.now().getTime();
    const mono = this.mono?.() ?? null;
    if (this.last && mono !== null)
      return Math.abs(wall - (this.last.wall + mono - this.last.mono)) > CLOCK_STEP_MS;
    return !this.readOnce && this.lastAtMs > 0 && wall < this.lastAtMs - CLOCK_STEP_MS;
  }

  /** `at` for the next entry: now, or the last entry's time if the clock reads a little earlier. */
  stamp(): string {
    const wall = this.reading ?? this.now().getTime();
    this.reading = null;
    this.lastAtMs = Math.max(wall, this.lastAtMs);
    return new Date(this.lastAtMs).toISOString();
  }

  private stepped(
    before: number,
    after: number,
    monotonicMs: number | null,
    acrossRestart: boolean,
  ): ClockStep {
    // The clock-step entry itself is stamped as usual (not back); the entry after it follows the clock.
    this.pendingReset = after;
    return {
      before: new Date(before).toISOString(),
      after: new Date(after).toISOString(),
      monotonicMs,
      ...(acrossRestart ? { acrossRestart: true as const } : {}),
    };
  }

  /** What a write that fails must put back, so the step is noticed again by the next one. */
  save(): () => void {
    const { last, lastAtMs, pendingReset, readOnce } = this;
    return () => {
      this.last = last;
      this.readOnce = readOnce;
      this.lastAtMs = lastAtMs;
      this.pendingReset = pendingReset;
    };
  }

  /** Called once the clock-step entry is stamped: the entries after it follow the corrected clock. */
  followCorrectedClock(): void {
    if (this.pendingReset !== null) this.lastAtMs = this.pendingReset;
    this.pendingReset = null;
  }
}
