/**
 * Equality monitoring figures (issue 27): how engagements came out for each observed
 * group (the engagement officer's perception, lfr-feed-v1 `outcome.observed`). Pure, so
 * replay statistics, the oversight PDF and the force-wide transparency report agree.
 *
 * Definitions (docs/replay.md says the same in prose):
 * - An alert counts here when it has an outcome; its result and its observed group are
 *   those of its LATEST outcome revision; observed members left out are "not-recorded".
 * - False alert share of a group = confirmed false ÷ (confirmed true + confirmed false):
 *   the engagements whose identity was settled. Not located says nothing either way.
 * - Its 95% interval is Wilson's score interval (z = 1.959964), which stays inside 0–1 and
 *   behaves at 0 and n, unlike the normal approximation.
 * - Figures are split by algorithm (name and version) and the threshold the alert carried.
 *   False alerts per faces compared is given for a split only where tallies counted faces.
 */
import {
  OBSERVED_ETHNICITIES,
  OBSERVED_SEXES,
  type Observed,
  type ObservedEthnicity,
  type ObservedSex,
  type OutcomeResult,
} from './vocabulary';
import type { ReplayAlert, ReplayData } from './replay';

/** The 97.5th percentile of the standard normal distribution. */
const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson's score interval for `successes` out of `trials`; null when there are no trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials <= 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 and n the exact bound is 0 or 1; clamp away floating-point dust either side.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

export type ObservedDimension = 'sex' | 'ethnicity';
const OBSERVED_GROUPS: { sex: readonly ObservedSex[]; ethnicity: readonly ObservedEthnicity[] } = {
  sex: OBSERVED_SEXES,
  ethnicity: OBSERVED_ETHNICITIES,
};

export interface GroupCounts {
  /** Alerts with an outcome (engagements). */
  alerts: number;
  confirmedTrue: number;
  confirmedFalse: number;
  notLocated: number;
}

export interface GroupFigures extends GroupCounts {
  group: string;
  /** Confirmed false ÷ (confirmed true + confirmed false); null when neither happened. */
  falseShare: number | null;
  interval: Interval | null;
}

export interface EqualityTable {
  dimension: ObservedDimension;
  /** One row per group, in the vocabulary's order, every group present even at zero. */
  groups: GroupFigures[];
  total: GroupFigures;
}

export interface EqualityStratum {
  /** "<name> <version>" of the algorithm, or "algorithm not recorded". */
  algorithm: string;
  threshold: number;
  sex: EqualityTable;
  ethnicity: EqualityTable;
  /** Faces compared under this algorithm and threshold; null where no tally counted them. */
  facesCompared: number | null;
  /** Confirmed false alerts per 1,000,000 faces compared; null without faces. */
  falsePerMillionFaces: number | null;
}

export interface EqualityStats {
  /** Every engagement together. */
  sex: EqualityTable;
  ethnicity: EqualityTable;
  strata: EqualityStratum[];
}

/** One engagement (or `count` alike), as the replay or the archive reads it. */
export interface EqualityRecord {
  result: OutcomeResult;
  observed?: Observed | null;
  algorithm: string;
  threshold: number;
  count?: number;
}

export const NO_ALGORITHM = 'algorithm not recorded';
const algorithmLabel = (a: { name: string; version: string } | null | undefined) =>
  a ? `${a.name} ${a.version}` : NO_ALGORITHM;
export const stratumKey = (algorithm: string, threshold: number) => `${algorithm}\n${threshold}`;

const emptyCounts = (): GroupCounts => ({ alerts: 0, confirmedTrue: 0, confirmedFalse: 0, notLocated: 0 });

function addTo(counts: GroupCounts, result: OutcomeResult, n: number) {
  counts.alerts += n;
  if (result === 'confirmed-true') counts.confirmedTrue += n;
  else if (result === 'confirmed-false') counts.confirmedFalse += n;
  else counts.notLocated += n;
}

function groupFigures(group: string, c: GroupCounts): GroupFigures {
  const settled = c.confirmedTrue + c.confirmedFalse;
  return {
    group,
    ...c,
    falseShare: settled ? c.confirmedFalse / settled : null,
    interval: wilsonInterval(c.confirmedFalse, settled),
  };
}

const groupOf = (observed: Observed | null | undefined, dimension: ObservedDimension): string =>
  observed?.[dimension] ?? 'not-recorded';

function table(records: EqualityRecord[], dimension: ObservedDimension): EqualityTable {
  const byGroup = new Map<string, GroupCounts>(OBSERVED_GROUPS[dimension].map((g) => [g, emptyCounts()]));
  const total = emptyCounts();
  for (const r of records) {
    const n = r.count ?? 1;
    addTo(byGroup.get(groupOf(r.observed, dimension)) ?? byGroup.get('not-recorded')!, r.result, n);
    addTo(total, r.result, n);
  }
  return {
    dimension,
    groups: [...byGroup].map(([group, counts]) => groupFigures(group, counts)),
    total: groupFigures('total', total),
  };
}

/**
 * The figures for these engagements; `faces` holds faces compared by stratumKey where
 * tallies counted them (a split with no entry there has no faces figure).
 */
export function equalityStats(
  records: EqualityRecord[],
  faces: Map<string, number> = new Map(),
): EqualityStats {
  const strata = new Map<string, EqualityRecord[]>();
  for (const r of records) {
    const key = stratumKey(r.algorithm, r.threshold);
    const list = strata.get(key);
    if (list) list.push(r);
    else strata.set(key, [r]);
  }
  const ordered = [...strata.values()].sort(
    (a, b) => a[0]!.algorithm.localeCompare(b[0]!.algorithm) || a[0]!.threshold - b[0]!.threshold,
  );
  return {
    sex: table(records, 'sex'),
    ethnicity: table(records, 'ethnicity'),
    strata: ordered.map((list) => {
      const { algorithm, threshold } = list[0]!;
      const sex = table(list, 'sex');
      const found = faces.get(stratumKey(algorithm, threshold));
      const facesCompared = found !== undefined && found > 0 ? found : null;
      return {
        algorithm,
        threshold,
        sex,
        ethnicity: table(list, 'ethnicity'),
        facesCompared,
        falsePerMillionFaces:
          facesCompared === null ? null : (sex.total.confirmedFalse / facesCompared) * 1_000_000,
      };
    }),
  };
}

/** A replay's engagements: alerts with an outcome, at the deployment's algorithm and the alert's threshold. */
export function replayEqualityStats(
  replay: ReplayData,
  alerts: ReplayAlert[] = replay.alerts,
): EqualityStats {
  const algorithm = algorithmLabel(replay.deployment?.algorithm);
  const records: EqualityRecord[] = [];
  for (const alert of alerts) {
    const outcome = alert.outcomes.at(-1);
    if (outcome)
      records.push({
        result: outcome.result,
        observed: alert.observed,
        algorithm,
        threshold: alert.threshold,
      });
  }
  // Tallies count the deployment's faces, compared at its authorised threshold.
  const faces = new Map<string, number>();
  const threshold = replay.deployment?.threshold;
  if (replay.facesCompared && threshold !== undefined)
    faces.set(stratumKey(algorithm, threshold), replay.facesCompared);
  return equalityStats(records, faces);
}
