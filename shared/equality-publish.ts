/**
 * Publication rules for equality figures (issue 27): a count from 1 to 4 is shown as "<5",
 * and further cells are hidden ("[c]") so that no hidden count can be worked out from
 * what is shown: a row's alerts are the sum of its results, a table's total is the sum of
 * its groups, and every split by algorithm and threshold adds up to the whole.
 *
 * Method: each such sum is an equation among cells. While some equation has exactly one
 * hidden cell (which the others would give away), the smallest shown cell of that equation
 * is hidden too. This guards every single sum; it is the usual table-by-table practice,
 * not a proof against every combination of sums, so small totals are better left out.
 * Shares and intervals are shown only where both counts they are made of are shown.
 * A zero is shown as 0: it tells nothing about any person, and hiding every zero would
 * hide nearly every table of a small deployment through the sums.
 */
import type { EqualityStats, EqualityTable, GroupCounts, GroupFigures, Interval } from './equality-stats';

const SUPPRESS_BELOW = 5;
export const PRIMARY_MARK = '<5';
export const SECONDARY_MARK = '[c]';

const MEASURES = ['alerts', 'confirmedTrue', 'confirmedFalse', 'notLocated'] as const satisfies ReadonlyArray<
  keyof GroupCounts
>;
type Measure = (typeof MEASURES)[number];

/** A count as published: its figure, or a mark saying it is hidden and why. */
export interface PublishedCount {
  text: string;
  /** The count when shown; null when hidden. */
  value: number | null;
}

export interface PublishedGroup {
  group: string;
  counts: Record<Measure, PublishedCount>;
  /** Null when hidden or when nothing was settled. */
  falseShare: number | null;
  interval: Interval | null;
}

export interface PublishedTable {
  dimension: EqualityTable['dimension'];
  groups: PublishedGroup[];
  total: PublishedGroup;
}

export interface PublishedStratum {
  algorithm: string;
  threshold: number;
  sex: PublishedTable;
  ethnicity: PublishedTable;
  facesCompared: number | null;
  falsePerMillionFaces: number | null;
}

export interface PublishedEquality {
  sex: PublishedTable;
  ethnicity: PublishedTable;
  strata: PublishedStratum[];
  /** How many counts were hidden under 5, and how many more to protect them. */
  hidden: { primary: number; secondary: number };
}

/**
 * Which cells to hide: every value under the limit, then, equation by equation, the
 * smallest shown member wherever exactly one member is hidden. Returns hidden ids with
 * whether each was primary.
 */
export function suppressCells(
  values: ReadonlyMap<string, number>,
  equations: readonly (readonly string[])[],
  below = SUPPRESS_BELOW,
): Map<string, 'primary' | 'secondary'> {
  const hidden = new Map<string, 'primary' | 'secondary'>();
  for (const [id, v] of values) if (v > 0 && v < below) hidden.set(id, 'primary');
  for (let changed = true; changed;) {
    changed = false;
    for (const eq of equations) {
      if (eq.filter((id) => hidden.has(id)).length !== 1) continue;
      // Hiding a zero protects nothing (a sum with a hidden zero still has the other cells' worth).
      const shown = eq.filter((id) => !hidden.has(id) && values.get(id)! > 0);
      if (shown.length === 0) continue;
      const smallest = shown.reduce((a, b) => (values.get(b)! < values.get(a)! ? b : a));
      hidden.set(smallest, 'secondary');
      changed = true;
    }
  }
  return hidden;
}

type Scope = { key: string; sex: EqualityTable; ethnicity: EqualityTable };

const cellId = (scope: string, dimension: string, group: string, m: Measure) =>
  // The total row is one set of cells shared by the sex and ethnicity tables of a scope.
  group === 'total' ? `${scope}|total|${m}` : `${scope}|${dimension}|${group}|${m}`;

function collect(scopes: Scope[]) {
  const values = new Map<string, number>();
  const equations: string[][] = [];
  for (const scope of scopes)
    for (const table of [scope.sex, scope.ethnicity]) {
      for (const row of [...table.groups, table.total]) {
        const ids = MEASURES.map((m) => cellId(scope.key, table.dimension, row.group, m));
        MEASURES.forEach((m, i) => values.set(ids[i]!, row[m]));
        equations.push(ids); // alerts = true + false + not located
      }
      for (const m of MEASURES)
        equations.push([
          cellId(scope.key, table.dimension, 'total', m),
          ...table.groups.map((g) => cellId(scope.key, table.dimension, g.group, m)),
        ]);
    }
  // Every split adds up to the whole, cell by cell.
  const [whole, ...splits] = scopes;
  if (whole && splits.length > 0)
    for (const table of [whole.sex, whole.ethnicity])
      for (const row of [...table.groups, table.total])
        for (const m of MEASURES)
          equations.push([
            cellId(whole.key, table.dimension, row.group, m),
            ...splits.map((s) => cellId(s.key, table.dimension, row.group, m)),
          ]);
  return { values, equations };
}

function publishRow(
  scope: string,
  dimension: string,
  row: GroupFigures,
  hidden: Map<string, string>,
): PublishedGroup {
  const counts = {} as Record<Measure, PublishedCount>;
  for (const m of MEASURES) {
    const why = hidden.get(cellId(scope, dimension, row.group, m));
    counts[m] = why
      ? { text: why === 'primary' ? PRIMARY_MARK : SECONDARY_MARK, value: null }
      : { text: String(row[m]), value: row[m] };
  }
  const shown = counts.confirmedTrue.value !== null && counts.confirmedFalse.value !== null;
  return {
    group: row.group,
    counts,
    falseShare: shown ? row.falseShare : null,
    interval: shown ? row.interval : null,
  };
}

const publishTable = (scope: string, table: EqualityTable, hidden: Map<string, string>): PublishedTable => ({
  dimension: table.dimension,
  groups: table.groups.map((g) => publishRow(scope, table.dimension, g, hidden)),
  total: publishRow(scope, table.dimension, table.total, hidden),
});

/** The figures as they may be published: small counts hidden, and what would give them away. */
export function publishEquality(stats: EqualityStats): PublishedEquality {
  const scopes: Scope[] = [
    { key: 'all', sex: stats.sex, ethnicity: stats.ethnicity },
    ...stats.strata.map((s, i) => ({ key: `split${i}`, sex: s.sex, ethnicity: s.ethnicity })),
  ];
  const { values, equations } = collect(scopes);
  const hidden = suppressCells(values, equations);
  let primary = 0;
  for (const why of hidden.values()) if (why === 'primary') primary += 1;
  return {
    sex: publishTable('all', stats.sex, hidden),
    ethnicity: publishTable('all', stats.ethnicity, hidden),
    strata: stats.strata.map((s, i) => {
      const falseHidden = hidden.has(cellId(`split${i}`, 'sex', 'total', 'confirmedFalse'));
      return {
        algorithm: s.algorithm,
        threshold: s.threshold,
        sex: publishTable(`split${i}`, s.sex, hidden),
        ethnicity: publishTable(`split${i}`, s.ethnicity, hidden),
        facesCompared: s.facesCompared,
        falsePerMillionFaces: falseHidden ? null : s.falsePerMillionFaces,
      };
    }),
    hidden: { primary, secondary: hidden.size - primary },
  };
}
