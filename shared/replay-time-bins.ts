/**
 * The time figures of an oversight report (replay-stats.ts): decision times in fixed
 * bins, alerts over time in round-width bins, and each person's signed-in review time.
 * Pure, and apart from the counting so each can be read (and tested) on its own.
 */
import type { OperatorSpan, ReplayAlert, ReplayData } from './replay';
import { placedReceivedMs } from './replay-placed';

export interface HistogramBin {
  label: string;
  /** Milliseconds, from inclusive, to exclusive (to is null for the open last bin). */
  from: number;
  to: number | null;
  count: number;
}

export interface TimeBin {
  from: string;
  to: string;
  red: number;
  amber: number;
  green: number;
  total: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const DECISION_BINS: Array<[number, number | null, string]> = [
  [0, 5 * SECOND, '< 5 s'],
  [5 * SECOND, 10 * SECOND, '5–10 s'],
  [10 * SECOND, 20 * SECOND, '10–20 s'],
  [20 * SECOND, 30 * SECOND, '20–30 s'],
  [30 * SECOND, MINUTE, '30–60 s'],
  [MINUTE, 2 * MINUTE, '1–2 min'],
  [2 * MINUTE, 5 * MINUTE, '2–5 min'],
  [5 * MINUTE, null, '≥ 5 min'],
];

const NICE_WIDTHS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  7 * 24 * HOUR,
];
const MAX_TIME_BINS = 48;

/** The smallest round width that covers the range in at most 48 bins. */
export function timeBinWidth(spanMs: number): number {
  for (const w of NICE_WIDTHS) if (spanMs / w <= MAX_TIME_BINS) return w;
  return Math.ceil(spanMs / MAX_TIME_BINS / (24 * HOUR)) * 24 * HOUR;
}

/**
 * Alerts per bin by where the replay's axis puts their receipt (shared/replay-placed.ts): after
 * a step of the station's clock, by the corrected time, as on the timeline; `range` is the axis.
 */
export function alertsOverTime(
  range: ReplayData['range'],
  alerts: ReplayAlert[],
): { binMs: number; bins: TimeBin[] } {
  let from = Date.parse(range.from);
  let to = Date.parse(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    from = Number.POSITIVE_INFINITY;
    to = Number.NEGATIVE_INFINITY;
    for (const a of alerts) {
      const t = placedReceivedMs(a);
      if (t < from) from = t;
      if (t > to) to = t;
    }
    if (!Number.isFinite(from)) return { binMs: MINUTE, bins: [] };
  }
  const binMs = timeBinWidth(to - from);
  const start = Math.floor(from / binMs) * binMs;
  const count = Math.floor((to - start) / binMs) + 1;
  const bins: TimeBin[] = Array.from({ length: count }, (_, i) => ({
    from: new Date(start + i * binMs).toISOString(),
    to: new Date(start + (i + 1) * binMs).toISOString(),
    red: 0,
    amber: 0,
    green: 0,
    total: 0,
  }));
  for (const a of alerts) {
    const t = placedReceivedMs(a);
    if (!Number.isFinite(t)) continue;
    const bin = bins[Math.min(count - 1, Math.max(0, Math.floor((t - start) / binMs)))];
    if (!bin) continue;
    bin[a.subject.tier] += 1;
    bin.total += 1;
  }
  return { binMs, bins };
}

/** Signed-in time per person, each span clipped to the range; an open span runs to its end. */
export function reviewTimeByPerson(
  operators: OperatorSpan[],
  range: ReplayData['range'],
): Map<string, number> {
  const lo = Date.parse(range.from);
  const hi = Date.parse(range.to);
  const out = new Map<string, number>();
  for (const span of operators) {
    const from = Math.max(Date.parse(span.from), lo);
    const to = Math.min(span.to === null ? hi : Date.parse(span.to), hi);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    out.set(span.operator.id, (out.get(span.operator.id) ?? 0) + Math.max(0, to - from));
  }
  return out;
}

/** Decision times (any order) counted into the fixed bins, from under 5 s to 5 min and over. */
export function decisionHistogram(durations: readonly number[]): HistogramBin[] {
  const histogram: HistogramBin[] = DECISION_BINS.map(([from, to, label]) => ({ label, from, to, count: 0 }));
  for (const ms of durations) {
    // Only a time that is not a number fits no bin: it is counted in the first, as it always was.
    const bin = histogram.find((b) => ms < (b.to ?? Number.POSITIVE_INFINITY)) ?? histogram[0];
    if (bin) bin.count += 1;
  }
  return histogram;
}
