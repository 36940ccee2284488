/**
 * Issue 27: equality monitoring figures. Wilson intervals against published values,
 * totals that are the sum of the groups, splits by algorithm and threshold, the rate per
 * faces compared, and the publication rules (counts under 5 hidden, and what would give
 * them away hidden too).
 */
import { describe, expect, it } from 'vitest';
import {
  equalityStats,
  wilsonInterval,
  type EqualityRecord,
  type EqualityTable,
} from '../../shared/equality-stats';
import { publishEquality, suppressCells, type PublishedTable } from '../../shared/equality-publish';
import type { ObservedEthnicity, ObservedSex, OutcomeResult } from '../../shared/vocabulary';

describe('wilsonInterval', () => {
  // Reference values: Newcombe RG (1998), "Two-sided confidence intervals for the single
  // proportion: comparison of seven methods", Statistics in Medicine 17:857–872, Table I,
  // method 3 (Wilson score, no continuity correction): 81/263, 15/148, 0/20, 1/29.
  // 0/10, 5/10, 10/10, 1/100: computed here independently of the closed form, by bisection
  // on the score test (p̂ − p)² = z²·p(1 − p)/n with z = NormalDist().inv_cdf(0.975) in
  // Python 3's statistics module, rounded to 6 places; they agree with Newcombe's to 4.
  const cases: Array<[number, number, number, number]> = [
    [0, 10, 0, 0.277533],
    [5, 10, 0.236593, 0.763407],
    [10, 10, 0.722467, 1],
    [1, 100, 0.001767, 0.054486],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  it.each(cases)('%i of %i', (x, n, low, high) => {
    const interval = wilsonInterval(x, n)!;
    const places = String(low).length > 6 || String(high).length > 6 ? 6 : 4;
    expect(interval.low).toBeCloseTo(low, places);
    expect(interval.high).toBeCloseTo(high, places);
  });
  it('has no interval without trials, and stays within 0–1', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    for (let n = 1; n <= 40; n++)
      for (let x = 0; x <= n; x++) {
        const { low, high } = wilsonInterval(x, n)!;
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(x / n);
        expect(high).toBeGreaterThanOrEqual(x / n);
      }
  });
});

const rec = (
  result: OutcomeResult,
  sex?: ObservedSex,
  ethnicity?: ObservedEthnicity,
  extra: Partial<EqualityRecord> = {},
): EqualityRecord => ({
  result,
  observed: sex || ethnicity ? { ...(sex ? { sex } : {}), ...(ethnicity ? { ethnicity } : {}) } : undefined,
  algorithm: 'NEC NeoFace 5.0',
  threshold: 0.64,
  ...extra,
});

function expectTotalsAreSums(table: EqualityTable) {
  for (const m of ['alerts', 'confirmedTrue', 'confirmedFalse', 'notLocated'] as const)
    expect(table.total[m]).toBe(table.groups.reduce((s, g) => s + g[m], 0));
  for (const g of [...table.groups, table.total])
    expect(g.alerts).toBe(g.confirmedTrue + g.confirmedFalse + g.notLocated);
}

describe('equalityStats', () => {
  const records: EqualityRecord[] = [
    rec('confirmed-false', 'female', 'black'),
    rec('confirmed-false', 'female', 'black'),
    rec('confirmed-true', 'female', 'white'),
    rec('confirmed-true', 'male', 'white', { count: 7 }),
    rec('confirmed-false', 'male', 'asian'),
    rec('not-located', 'male'),
    rec('not-located'),
    rec('confirmed-true', undefined, 'mixed', { threshold: 0.6 }),
    rec('confirmed-false', 'male', 'other', { algorithm: 'Other vendor 2.1', threshold: 0.7 }),
  ];
  const stats = equalityStats(
    records,
    new Map([
      ['NEC NeoFace 5.0\n0.64', 250_000],
      ['Other vendor 2.1\n0.7', 0],
    ]),
  );

  it('counts each group, with every group present and totals that are the sum of the groups', () => {
    expect(stats.sex.groups.map((g) => [g.group, g.alerts])).toEqual([
      ['female', 3],
      ['male', 10],
      ['not-recorded', 2],
    ]);
    expect(stats.ethnicity.groups.map((g) => g.group)).toEqual([
      'asian',
      'black',
      'mixed',
      'white',
      'other',
      'not-recorded',
    ]);
    expect(stats.sex.total).toMatchObject({ alerts: 15, confirmedTrue: 9, confirmedFalse: 4, notLocated: 2 });
    for (const t of [stats.sex, stats.ethnicity, ...stats.strata.flatMap((s) => [s.sex, s.ethnicity])])
      expectTotalsAreSums(t);
    expect(stats.sex.total).toEqual({ ...stats.ethnicity.total });
    // Every split adds up to the whole.
    expect(stats.strata.reduce((s, x) => s + x.sex.total.alerts, 0)).toBe(stats.sex.total.alerts);
  });

  it('gives the false share of settled engagements with its Wilson interval', () => {
    const black = stats.ethnicity.groups.find((g) => g.group === 'black')!;
    expect(black.falseShare).toBe(1);
    expect(black.interval).toEqual(wilsonInterval(2, 2));
    const female = stats.sex.groups.find((g) => g.group === 'female')!;
    expect(female.falseShare).toBeCloseTo(2 / 3, 12);
    // Not located is counted but not settled: no share for a group with nothing settled.
    const unrecorded = stats.sex.groups.find((g) => g.group === 'not-recorded')!;
    expect(unrecorded).toMatchObject({ alerts: 2, notLocated: 1, confirmedTrue: 1 });
    expect(stats.ethnicity.groups.find((g) => g.group === 'not-recorded')).toMatchObject({
      alerts: 2,
      falseShare: null,
      interval: null,
    });
  });

  it('splits by algorithm and threshold, with false alerts per faces only where tallies counted faces', () => {
    expect(stats.strata.map((s) => [s.algorithm, s.threshold, s.sex.total.alerts])).toEqual([
      ['NEC NeoFace 5.0', 0.6, 1],
      ['NEC NeoFace 5.0', 0.64, 13],
      ['Other vendor 2.1', 0.7, 1],
    ]);
    expect(stats.strata[1]!.facesCompared).toBe(250_000);
    expect(stats.strata[1]!.falsePerMillionFaces).toBeCloseTo((3 / 250_000) * 1e6, 9);
    expect(stats.strata[0]!.falsePerMillionFaces).toBeNull();
    expect(stats.strata[2]!.facesCompared).toBeNull();
  });
});

const shown = (t: PublishedTable, group: string) =>
  (group === 'total' ? t.total : t.groups.find((g) => g.group === group)!).counts;

describe('suppression', () => {
  it('hides counts under 5, then the smallest other member of any sum with one hidden member', () => {
    // a + b + c = t, with b small: b is hidden, and so is the next smallest, a.
    const values = new Map([
      ['a', 6],
      ['b', 3],
      ['c', 20],
      ['t', 29],
    ]);
    const hidden = suppressCells(values, [['t', 'a', 'b', 'c']]);
    expect([...hidden]).toEqual([
      ['b', 'primary'],
      ['a', 'secondary'],
    ]);
  });

  it('hides a total when nothing else in its sum is left to hide, and follows chains of sums', () => {
    const values = new Map([
      ['x', 2],
      ['y', 9],
      ['xy', 11],
      ['z', 9],
      ['yz', 18],
    ]);
    // xy = x + y hides y; yz = y + z then has one hidden (y) and hides z.
    const hidden = suppressCells(values, [
      ['xy', 'x', 'y'],
      ['yz', 'y', 'z'],
    ]);
    expect(new Set(hidden.keys())).toEqual(new Set(['x', 'y', 'z']));
    expect(
      suppressCells(
        new Map([
          ['t', 12],
          ['a', 1],
        ]),
        [['t', 'a']],
      ).get('t'),
    ).toBe('secondary');
  });

  it('publishes no hidden count that a row, column or split sum would recover', () => {
    const records = [
      ...Array.from({ length: 30 }, () => rec('confirmed-true', 'male', 'white')),
      ...Array.from({ length: 8 }, () => rec('confirmed-false', 'male', 'white')),
      ...Array.from({ length: 12 }, () => rec('confirmed-true', 'female', 'white')),
      ...Array.from({ length: 6 }, () => rec('confirmed-false', 'female', 'black')),
      rec('confirmed-false', 'female', 'asian'),
      rec('not-located', 'male', 'black', { threshold: 0.7 }),
    ];
    const stats = equalityStats(records);
    const published = publishEquality(stats);
    const female = shown(published.sex, 'female');
    const male = shown(published.sex, 'male');
    // Zeros are shown; asian (1) is "<5"; male not located (1) is "<5" and hides the
    // smallest other count of its row.
    expect(female.notLocated.text).toBe('0');
    expect(shown(published.ethnicity, 'asian').alerts.text).toBe('<5');
    expect(male.notLocated.text).toBe('<5');
    expect(male.confirmedFalse.text).toBe('[c]');
    expect(male.confirmedTrue.text).toBe('30');
    // No sum (row, column, or across splits) has exactly one hidden member.
    const tables = [
      published.sex,
      published.ethnicity,
      ...published.strata.flatMap((s) => [s.sex, s.ethnicity]),
    ];
    for (const t of tables) {
      for (const row of [...t.groups, t.total]) {
        const hiddenInRow = Object.values(row.counts).filter((c) => c.value === null).length;
        expect(hiddenInRow).not.toBe(1);
        if (row.counts.confirmedFalse.value === null || row.counts.confirmedTrue.value === null) {
          expect(row.falseShare).toBeNull();
          expect(row.interval).toBeNull();
        }
      }
      for (const m of ['alerts', 'confirmedTrue', 'confirmedFalse', 'notLocated'] as const) {
        const column = [...t.groups, t.total].filter((r) => r.counts[m].value === null).length;
        expect(column).not.toBe(1);
      }
    }
    for (const dim of ['sex', 'ethnicity'] as const)
      for (const [i, row] of published[dim].groups.entries())
        for (const m of ['alerts', 'confirmedTrue', 'confirmedFalse', 'notLocated'] as const) {
          const members = [row.counts[m], ...published.strata.map((s) => s[dim].groups[i]!.counts[m])];
          expect(members.filter((c) => c.value === null).length).not.toBe(1);
        }
    // Every count shown is exact, and every count under 5 is hidden.
    for (const t of tables)
      for (const row of [...t.groups, t.total])
        for (const c of Object.values(row.counts))
          if (c.value !== null) expect(c.value === 0 || c.value >= 5).toBe(true);
    expect(published.hidden.primary).toBeGreaterThan(0);
    expect(published.hidden.secondary).toBeGreaterThan(0);
  });

  it('shows everything when every count is 5 or more', () => {
    const groups: Array<[ObservedSex, ObservedEthnicity]> = [];
    for (const sex of ['female', 'male', 'not-recorded'] as const)
      for (const eth of ['asian', 'black', 'mixed', 'white', 'other', 'not-recorded'] as const)
        groups.push([sex, eth]);
    const records = groups.flatMap(([sex, eth]) =>
      (['confirmed-true', 'confirmed-false', 'not-located'] as const).map((r) =>
        rec(r, sex, eth, { count: 5 }),
      ),
    );
    const published = publishEquality(equalityStats(records));
    expect(published.hidden).toEqual({ primary: 0, secondary: 0 });
    expect(shown(published.ethnicity, 'total').alerts.text).toBe(String(18 * 15));
  });
});
