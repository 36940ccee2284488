/**
 * Where things sit on the timeline. Marks are drawn as one SVG path per tier and
 * decision, so 10,000 alerts cost twelve DOM nodes, not 10,000.
 */
import type { Tier } from '../../../shared/feed/schemas';
import type { ReplayAlert } from '../../../shared/replay';
import { placedReceivedMs } from '../../../shared/replay-placed';
import { TIERS } from '../../../shared/vocabulary';
import { finalClass, type DecisionClass } from './replay-index';

export const VIEW_W = 1000;
export const VIEW_H = 124;
export const LEFT = 64;
const RIGHT = 12;
export { TIERS };
export const LANE_Y: Record<Tier, number> = { red: 20, amber: 48, green: 76 };
export const AXIS_Y = 96;
export const CLASSES: readonly DecisionClass[] = ['engage', 'no-engage', 'undecided', 'withdrawn'];

export interface Scale {
  from: number;
  to: number;
  x: (t: number) => number;
  t: (x: number) => number;
}

export function scaleOf(from: number, to: number): Scale {
  const span = Math.max(1, to - from);
  const width = VIEW_W - LEFT - RIGHT;
  return {
    from,
    to,
    x: (t) => LEFT + ((Math.min(to, Math.max(from, t)) - from) / span) * width,
    t: (x) => from + ((Math.min(LEFT + width, Math.max(LEFT, x)) - LEFT) / width) * span,
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** One mark's outline: the shape tells the decision without colour. */
export function markPath(kind: DecisionClass, x: number, y: number): string {
  const cx = r1(x);
  switch (kind) {
    case 'engage': // filled square
      return `M${r1(cx - 4)} ${y - 4}h8v8h-8z`;
    case 'no-engage': // ring
      return `M${r1(cx - 4.5)} ${y}a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0`;
    case 'undecided': // upright bar
      return `M${cx} ${y - 6}v12`;
    case 'withdrawn': // cross
      return `M${r1(cx - 4)} ${y - 4}l8 8M${r1(cx + 4)} ${y - 4}l-8 8`;
  }
}

export interface MarkLayer {
  tier: Tier;
  kind: DecisionClass;
  count: number;
  d: string;
}

export interface Marks {
  layers: MarkLayer[];
  /** Alerts per tier, by (placed) time of receipt, for picking the mark nearest a click in that lane. */
  lanes: Record<Tier, { alerts: ReplayAlert[]; times: Float64Array }>;
  counts: Record<Tier, number>;
}

/** A mark's width on the axis: marks closer than this would overlap. */
const MARK_GAP = 10;
/** Rows within a lane, so alerts close in time sit one above another instead of on top of each other. */
export const ROW_OFFSETS = [0, -8, 8] as const;

/**
 * The row for a mark at x: the first row whose last mark is at least MARK_GAP to the left;
 * when every row is that busy (a burst wider than the lane can show), the row free the longest.
 */
function pickRow(lastX: number[], x: number): number {
  let best = 0;
  for (let i = 0; i < lastX.length; i++) {
    if (x - lastX[i]! >= MARK_GAP) return i;
    if (lastX[i]! < lastX[best]!) best = i;
  }
  return best;
}

export function buildMarks(alerts: readonly ReplayAlert[], scale: Scale): Marks {
  const parts = new Map<string, string[]>();
  const lanes = { red: [], amber: [], green: [] } as Record<Tier, ReplayAlert[]>;
  const rows = {
    red: ROW_OFFSETS.map(() => -Infinity),
    amber: ROW_OFFSETS.map(() => -Infinity),
    green: ROW_OFFSETS.map(() => -Infinity),
  } as Record<Tier, number[]>;
  // Placed where the clock's steps let us know better than the recorded time (replay-placed.ts).
  const byReceipt = [...alerts].sort((a, b) => placedReceivedMs(a) - placedReceivedMs(b));
  for (const alert of byReceipt) {
    const tier = alert.subject.tier;
    const kind = finalClass(alert);
    const key = `${tier}:${kind}`;
    let list = parts.get(key);
    if (!list) parts.set(key, (list = []));
    const x = scale.x(placedReceivedMs(alert));
    const row = pickRow(rows[tier], x);
    rows[tier][row] = x;
    list.push(markPath(kind, x, LANE_Y[tier] + ROW_OFFSETS[row]!));
  }
  for (const alert of alerts) lanes[alert.subject.tier].push(alert);
  const layers: MarkLayer[] = [];
  for (const tier of TIERS)
    for (const kind of CLASSES) {
      const list = parts.get(`${tier}:${kind}`);
      if (list) layers.push({ tier, kind, count: list.length, d: list.join('') });
    }
  const lane = (list: ReplayAlert[]) => ({
    alerts: list,
    times: Float64Array.from(list, placedReceivedMs),
  });
  return {
    layers,
    lanes: { red: lane(lanes.red), amber: lane(lanes.amber), green: lane(lanes.green) },
    counts: { red: lanes.red.length, amber: lanes.amber.length, green: lanes.green.length },
  };
}

const STEPS = [
  1_000, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000,
  10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** Round times along the axis, at most about eight of them. */
export function ticks(from: number, to: number): { t: number; step: number }[] {
  const span = Math.max(1, to - from);
  const step = STEPS.find((s) => span / s <= 8) ?? Math.ceil(span / 8 / 86_400_000) * 86_400_000;
  const out: { t: number; step: number }[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) out.push({ t, step });
  return out;
}

/** The lane a click's height falls in, or null between lanes and on the axis. */
export function laneAt(y: number): Tier | null {
  for (const tier of TIERS) if (Math.abs(y - LANE_Y[tier]) <= 12) return tier;
  return null;
}
