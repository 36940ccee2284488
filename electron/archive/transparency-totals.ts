/**
 * Rows, totals and months of the transparency report. Totals and months are sums of the
 * rows (never figures computed another way), rates are recomputed from those sums, and
 * stop durations and claim times are pooled: a total's median is the median of every stop
 * (or claim) it covers, never a median of medians. Pure, so the sum rule can be tested on
 * its own.
 */
import type { DeploymentFigures } from './transparency-figures';
import { summarise, type ClaimSample, type DurationSummary } from '../../shared/claim-stats';

export const COUNTED_FIELDS = [
  'faces',
  'alerts',
  'engaged',
  'confirmedTrue',
  'confirmedFalse',
  'notLocated',
  'arrests',
  'falseAlerts',
] as const;
export type CountedField = (typeof COUNTED_FIELDS)[number];

export interface Figures extends Record<CountedField, number> {
  deployments: number;
  /** Sum of the watchlist sizes (one per deployment; a deployment without one adds 0). */
  watchlistSize: number;
  falseAlertsPer1000Faces: number | null;
  falseAlertsPerAlert: number | null;
  stops: { count: number; totalMinutes: number; medianMinutes: number | null; maxMinutes: number | null };
  /** Shared deployments (claims) among those covered: claim times and take-overs; null when none was shared. */
  claims: ClaimFigures | null;
}

export interface ClaimFigures {
  /** Deployments whose stations journalled claims. */
  deployments: number;
  /** Alerts with at least one granted claim. */
  claimed: number;
  /** From an alert's arrival to its first claim. */
  toClaim: DurationSummary;
  /** From the deciding seat's claim to the decision. */
  claimToDecision: DurationSummary;
  /** Held alerts a supervisor took over from another seat. */
  takeOvers: number;
}

/** What a row's totals pool rather than add: its stop durations and its claim measurements. */
export interface RowSamples {
  stopMinutes: number[];
  claims: ClaimSample | null;
}

function claimFigures(samples: readonly ClaimSample[]): ClaimFigures | null {
  if (samples.length === 0) return null;
  return {
    deployments: samples.length,
    claimed: samples.reduce((n, s) => n + s.claimed, 0),
    toClaim: summarise(samples.flatMap((s) => s.toClaimMs)),
    claimToDecision: summarise(samples.flatMap((s) => s.claimToDecisionMs)),
    takeOvers: samples.reduce((n, s) => n + s.takeOvers, 0),
  };
}

export interface ReportRow extends Figures {
  deploymentId: string;
  date: string;
  title: string;
  place: string;
  stations: string[];
  watchlistKnown: boolean;
}

/** Nearest-rank median (shared/replay-stats.ts's rule: every figure is a real measurement). */
function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.ceil(0.5 * sorted.length) - 1]!;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

function figuresOf(
  counts: Record<CountedField, number>,
  deployments: number,
  watchlist: number,
  samples: readonly RowSamples[],
): Figures {
  const sorted = samples.flatMap((s) => s.stopMinutes).sort((a, b) => a - b);
  return {
    ...counts,
    deployments,
    watchlistSize: watchlist,
    falseAlertsPer1000Faces: counts.faces > 0 ? round((counts.falseAlerts / counts.faces) * 1000, 4) : null,
    falseAlertsPerAlert: counts.alerts > 0 ? round(counts.falseAlerts / counts.alerts, 4) : null,
    stops: {
      count: sorted.length,
      totalMinutes: round(
        sorted.reduce((s, m) => s + m, 0),
        2,
      ),
      medianMinutes: median(sorted),
      maxMinutes: sorted.length ? sorted[sorted.length - 1]! : null,
    },
    claims: claimFigures(samples.flatMap((s) => (s.claims ? [s.claims] : []))),
  };
}

export function reportRow(d: DeploymentFigures, claims: ClaimSample | null = null): ReportRow {
  const counts = Object.fromEntries(COUNTED_FIELDS.map((f) => [f, d[f]])) as Record<CountedField, number>;
  return {
    ...figuresOf(counts, 1, d.watchlistSize ?? 0, [{ stopMinutes: d.stopMinutes, claims }]),
    deploymentId: d.deploymentId,
    date: d.date,
    title: d.title,
    place: d.place,
    stations: d.stations,
    watchlistKnown: d.watchlistSize !== null,
  };
}

/** The sum of some rows (their stops and claim times pooled), from the rows alone. */
export function sumRows(rows: readonly ReportRow[], samplesOf: (row: ReportRow) => RowSamples): Figures {
  const counts = Object.fromEntries(COUNTED_FIELDS.map((f) => [f, 0])) as Record<CountedField, number>;
  let watchlist = 0;
  const samples: RowSamples[] = [];
  for (const row of rows) {
    for (const f of COUNTED_FIELDS) counts[f] += row[f];
    watchlist += row.watchlistSize;
    samples.push(samplesOf(row));
  }
  return figuresOf(counts, rows.length, watchlist, samples);
}

export interface MonthFigures extends Figures {
  month: string;
}

export function byMonth(
  rows: readonly ReportRow[],
  samplesOf: (row: ReportRow) => RowSamples,
): MonthFigures[] {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    let list = groups.get(month);
    if (!list) groups.set(month, (list = []));
    list.push(row);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => ({ month, ...sumRows(list, samplesOf) }));
}
