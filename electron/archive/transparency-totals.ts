/**
 * Rows, totals and months of the transparency report. Totals and months are sums of the
 * rows (never figures computed another way), rates are recomputed from those sums, and
 * stop durations are pooled: a total's median is the median of every stop it covers.
 * Pure, so the sum rule can be tested on its own.
 */
import type { DeploymentFigures } from './transparency-figures';

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
  stops: number[],
): Figures {
  const sorted = [...stops].sort((a, b) => a - b);
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
  };
}

export function reportRow(d: DeploymentFigures): ReportRow {
  const counts = Object.fromEntries(COUNTED_FIELDS.map((f) => [f, d[f]])) as Record<CountedField, number>;
  return {
    ...figuresOf(counts, 1, d.watchlistSize ?? 0, d.stopMinutes),
    deploymentId: d.deploymentId,
    date: d.date,
    title: d.title,
    place: d.place,
    stations: d.stations,
    watchlistKnown: d.watchlistSize !== null,
  };
}

/** The sum of some rows (their stops pooled), from the rows alone. */
export function sumRows(rows: readonly ReportRow[], stopsOf: (row: ReportRow) => number[]): Figures {
  const counts = Object.fromEntries(COUNTED_FIELDS.map((f) => [f, 0])) as Record<CountedField, number>;
  let watchlist = 0;
  const stops: number[] = [];
  for (const row of rows) {
    for (const f of COUNTED_FIELDS) counts[f] += row[f];
    watchlist += row.watchlistSize;
    stops.push(...stopsOf(row));
  }
  return figuresOf(counts, rows.length, watchlist, stops);
}

export interface MonthFigures extends Figures {
  month: string;
}

export function byMonth(rows: readonly ReportRow[], stopsOf: (row: ReportRow) => number[]): MonthFigures[] {
  const groups = new Map<string, ReportRow[]>();
  for (const row of rows) {
    const month = row.date.slice(0, 7);
    let list = groups.get(month);
    if (!list) groups.set(month, (list = []));
    list.push(row);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => ({ month, ...sumRows(list, stopsOf) }));
}
