/**
 * The transparency report's sum rule, for any rows: the total and the months are the sums
 * of the rows they cover, rates come from those sums, and stop medians pool the stops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeploymentFigures } from '../../electron/archive/transparency-figures';
import { byMonth, COUNTED_FIELDS, reportRow, sumRows } from '../../electron/archive/transparency-totals';

const figures = fc.record({
  deploymentId: fc.string({ minLength: 1, maxLength: 8 }),
  date: fc
    .date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  watchlistSize: fc.option(fc.nat(5000), { nil: null }),
  faces: fc.nat(1_000_000),
  alerts: fc.nat(50),
  engaged: fc.nat(50),
  confirmedTrue: fc.nat(50),
  confirmedFalse: fc.nat(50),
  notLocated: fc.nat(50),
  arrests: fc.nat(50),
  falseAlerts: fc.nat(50),
  stopMinutes: fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 10 }),
});

describe('transparency totals', () => {
  it('are the sums of the rows, by total and by month', () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 40 }), (list) => {
        const deployments: DeploymentFigures[] = list.map((f) => ({
          ...f,
          training: false,
          startsAt: `${f.date}T09:00:00.000Z`,
          title: '',
          place: '',
          stations: ['s'],
        }));
        const stops = new Map<object, number[]>();
        const rows = deployments.map((d) => {
          const row = reportRow(d);
          stops.set(row, d.stopMinutes);
          return row;
        });
        const stopsOf = (r: object) => stops.get(r) ?? [];
        const total = sumRows(rows, stopsOf);
        const months = byMonth(rows, stopsOf);
        for (const f of COUNTED_FIELDS) {
          const sum = rows.reduce((s, r) => s + r[f], 0);
          expect(total[f]).toBe(sum);
          expect(months.reduce((s, m) => s + m[f], 0)).toBe(sum);
        }
        expect(total.deployments).toBe(rows.length);
        expect(total.stops.count).toBe(deployments.reduce((s, d) => s + d.stopMinutes.length, 0));
        expect(total.watchlistSize).toBe(deployments.reduce((s, d) => s + (d.watchlistSize ?? 0), 0));
        expect(total.falseAlertsPer1000Faces).toBe(
          total.faces > 0 ? Math.round((total.falseAlerts / total.faces) * 1000 * 10_000) / 10_000 : null,
        );
        expect(months.map((m) => m.month)).toEqual([...new Set(rows.map((r) => r.date.slice(0, 7)))].sort());
      }),
    );
  });
});
