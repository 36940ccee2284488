/**
 * Where the replay's time axis puts each journal entry after steps of the station's clock
 * (electron/core/replay/clock-placement.ts, docs/replay.md "The time axis after a clock
 * step"): corrected where a later confirmation says which clock was right, continued in
 * the clock before a step nothing has confirmed, and never earlier than the entry before it.
 * And a replay across stations orders each station's alerts by where its own journal placed
 * them.
 */
import { describe, expect, it } from 'vitest';
import { mergeStationReplays } from '../../electron/archive/replay-archive';
import { EntryTimes, placeEntries } from '../../electron/core/replay/clock-placement';
import type { ClockStep, ReplayAlert } from '../../shared/replay';
import { stationReplayPart } from '../helpers/station-replay-part';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Entries 1, 2, 3 … at these times (ms after T0). */
function entries(...offsets: number[]): EntryTimes {
  const times = new EntryTimes();
  offsets.forEach((ms, i) => times.add(i + 1, iso(T0 + ms)));
  return times;
}

function step(
  seq: number,
  before: number,
  after: number,
  monotonicMs: number | null,
  confirmedSeq: number | null,
): ClockStep {
  return {
    seq,
    before: iso(T0 + before),
    after: iso(T0 + after),
    monotonicMs,
    confirmed: confirmedSeq === null ? null : { seq: confirmedSeq, at: iso(T0) },
  };
}

/** Each entry's placed time (ms after T0) and why, or its recorded time and '' where not placed. */
function placed(times: EntryTimes, steps: ClockStep[]): Array<[number, string]> {
  const { bySeq } = placeEntries(times, steps);
  return times.seqs.map((seq, i) => {
    const p = bySeq.get(seq);
    return p ? [Date.parse(p.at) - T0, p.by] : [times.ats[i]! - T0, ''];
  });
}

describe('the replay time axis after a clock step', () => {
  it('leaves a journal whose clock never stepped as recorded', () => {
    const times = entries(0, 1_000, 1_000, 5_000);
    expect(placeEntries(times, []).bySeq.size).toBe(0);
    expect(placeEntries(times, []).last).toBe(T0 + 5_000);
  });

  it('corrects entries written after a step back by the later step that put the clock right', () => {
    // 1, 2 sound; 3 the step back (stamped on the old clock); 4, 5 in doubt; 6 the step forward
    // (2 s really passed since entry 5, the clock read 3 h + 2 s later); 7 sound; 8 confirmed.
    const times = entries(0, 7_000, 9_000, 9_000 - 3 * HOUR, 16_000 - 3 * HOUR, 18_000, 19_000, 20_000);
    const steps = [step(3, 7_000, 9_000 - 3 * HOUR, 2_000, 8), step(6, 16_000 - 3 * HOUR, 18_000, 2_000, 8)];
    expect(placed(times, steps)).toEqual([
      [0, ''],
      [7_000, ''],
      [9_000, ''],
      [9_000, 'correction'],
      [16_000, 'correction'],
      [18_000, ''],
      [19_000, ''],
      [20_000, ''],
    ]);
    expect(placeEntries(times, steps).last).toBe(T0 + 20_000);
  });

  it('continues the clock before a step nothing has confirmed, by the real time since, instead of piling entries up', () => {
    // 3 the step back (stamped on the old clock); 4 and 5 after it, 7 s of real time apart; no confirmation.
    const times = entries(0, 7_000, 9_000, 9_000 - 3 * HOUR, 16_000 - 3 * HOUR);
    const steps = [step(3, 7_000, 9_000 - 3 * HOUR, 2_000, null)];
    expect(placed(times, steps)).toEqual([
      [0, ''],
      [7_000, ''],
      [9_000, ''],
      [9_000, 'continued'],
      [16_000, 'continued'],
    ]);
    expect(placeEntries(times, steps).last).toBe(T0 + 16_000);
    expect(placeEntries(times, steps).first).toBe(T0);
  });

  it('corrects what was written before a step when the feed confirms the clock it stepped to', () => {
    // The clock was 3 h ahead from the start; 3 the step back to the right time; 5 the feed confirms it.
    const times = entries(3 * HOUR, 3 * HOUR + 7_000, 3 * HOUR + 9_000, 9_000, 16_000);
    const steps = [step(3, 3 * HOUR + 7_000, 9_000, 2_000, 5)];
    expect(placed(times, steps)).toEqual([
      [0, 'correction'],
      [7_000, 'correction'],
      [9_000, 'correction'],
      [9_000, ''],
      [16_000, ''],
    ]);
    // The axis starts where the first entry is placed, before the first recorded time.
    expect(placeEntries(times, steps).first).toBe(T0);
  });

  it('takes a correction under a second for two readings of one clock, not a step', () => {
    // Stepped back 3 h and forward 3 h + 400 ms, then confirmed: the entry before both is left as written.
    const times = entries(0, 1_000, 2_000 - 3 * HOUR, 3_000, 4_000);
    const steps = [step(2, 0, 1_000 - 3 * HOUR, 1_000, 5), step(4, 2_000 - 3 * HOUR, 3_000, 600, 5)];
    expect(placed(times, steps).map(([, by]) => by)).toEqual(['', '', 'correction', '', '']);
  });

  it('corrects a step forward, its own entry stamped with the clock it stepped to', () => {
    // 2 the step forward by 3 h (stamped on the new clock); 3 in doubt; 4 the step back, stamped
    // with the entry before's time (the clock is never stamped back); 5 sound; 6 confirmed.
    const times = entries(0, 3 * HOUR + 2_000, 3 * HOUR + 5_000, 3 * HOUR + 5_000, 8_000, 9_000);
    const steps = [step(2, 0, 3 * HOUR + 2_000, 2_000, 6), step(4, 3 * HOUR + 5_000, 7_000, 2_000, 6)];
    expect(placed(times, steps)).toEqual([
      [0, ''],
      [2_000, 'correction'],
      [5_000, 'correction'],
      [5_000, 'correction'],
      [8_000, ''],
      [9_000, ''],
    ]);
  });

  it('takes no correction from a later step across a restart (no real time known between)', () => {
    const times = entries(0, 1_000, 1_000 - 3 * HOUR, 5_000, 6_000);
    const steps = [step(2, 0, 1_000 - 3 * HOUR, 1_000, 5), step(4, 1_000 - 3 * HOUR, 5_000, null, 5)];
    expect(placed(times, steps)).toEqual([
      [0, ''],
      [1_000, ''],
      [1_000, 'order'],
      [5_000, ''],
      [6_000, ''],
    ]);
  });

  it('ends a doubt at its confirmation: a step after it corrects nothing before it', () => {
    // 2 a step back of 3 h that the feed confirms at 4 (the clock had been 3 h ahead); 5 a step
    // forward of 3 h + 1 s that nothing confirms: 6 is continued in the clock confirmed at 4.
    const times = entries(0, 1_000, 2_000 - 3 * HOUR, 3_000 - 3 * HOUR, 4_000 - 3 * HOUR, 5_000);
    const steps = [step(2, 0, 2_000 - 3 * HOUR, 2_000, 4), step(5, 3_000 - 3 * HOUR, 5_000, 1_000, null)];
    expect(placed(times, steps)).toEqual([
      [-3 * HOUR, 'correction'],
      [1_000 - 3 * HOUR, 'correction'],
      [2_000 - 3 * HOUR, ''],
      [3_000 - 3 * HOUR, ''],
      [4_000 - 3 * HOUR, ''],
      [4_000 - 3 * HOUR, 'continued'],
    ]);
  });
});

describe('a replay across stations on the time axis', () => {
  const alert = (alertId: string, receivedAt: string, placedAt?: string) =>
    ({
      alertId,
      seq: 1,
      receivedAt,
      ...(placedAt ? { placedReceived: { at: placedAt, by: 'correction' } } : {}),
      decisions: [],
      outcomes: [],
      shown: [],
      reviews: [],
      timeToDecisionMs: null,
    }) as Partial<ReplayAlert> as ReplayAlert;
  const part = (stationId: string, alerts: ReplayAlert[], placedTo?: string, placedFrom?: string) =>
    stationReplayPart(
      stationId,
      alerts,
      { from: iso(T0), to: iso(T0 + HOUR) },
      { ...(placedTo ? { placedTo } : {}), ...(placedFrom ? { placedFrom } : {}) },
    );

  it("orders each station's alerts where its own journal placed them, and keeps what each recorded", () => {
    const merged = mergeStationReplays('D1', [
      // Station A's clock was 3 h back while it received A1; its journal placed it at 09:30.
      part('A', [alert('A1', iso(T0 - 2.5 * HOUR), iso(T0 + 0.5 * HOUR))], iso(T0 + 2 * HOUR)),
      part('B', [alert('B1', iso(T0 + 0.25 * HOUR)), alert('B2', iso(T0 + 0.75 * HOUR))]),
    ]);
    expect(merged.alerts.map((a) => a.alertId)).toEqual(['B1', 'A1', 'B2']);
    const a1 = merged.alerts[1]!;
    expect(a1.receivedAt).toBe(iso(T0 - 2.5 * HOUR));
    expect(a1.placedReceived?.at).toBe(iso(T0 + 0.5 * HOUR));
    expect(merged.placedTo).toBe(iso(T0 + 2 * HOUR));
    expect(merged.placedFrom).toBeUndefined();
  });

  it("starts the merged axis where a station's journal placed its first entry before every recorded time", () => {
    const merged = mergeStationReplays('D1', [
      part('A', [alert('A1', iso(T0 + 2.5 * HOUR), iso(T0 - 0.5 * HOUR))], undefined, iso(T0 - HOUR)),
      part('B', [alert('B1', iso(T0 + 0.25 * HOUR))]),
    ]);
    expect(merged.range.from).toBe(iso(T0));
    expect(merged.placedFrom).toBe(iso(T0 - HOUR));
    expect(merged.alerts.map((a) => a.alertId)).toEqual(['A1', 'B1']);
  });

  it('an alert both received: the first to receive it by the axis, with its own recorded time', () => {
    const merged = mergeStationReplays('D1', [
      part('A', [alert('X', iso(T0 - 2.5 * HOUR), iso(T0 + 0.5 * HOUR))]),
      part('B', [alert('X', iso(T0 + 0.25 * HOUR))]),
    ]);
    expect(merged.alerts[0]!.receivedAt).toBe(iso(T0 + 0.25 * HOUR));
    expect(merged.alerts[0]!.placedReceived).toBeUndefined();
  });
});
