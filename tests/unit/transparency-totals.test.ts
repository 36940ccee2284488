/**
 * The transparency report's sum rule, for any rows: the total and the months are the sums
 * of the rows they cover, rates come from those sums, and stop medians pool the stops;
 * claim times pool the claims of the shared deployments (never a median of medians).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeploymentFigures } from '../../electron/archive/transparency-figures';
import {
  byMonth,
  COUNTED_FIELDS,
  reportRow,
  sumRows,
  type RowSamples,
} from '../../electron/archive/transparency-totals';
import { summarise, type ClaimSample } from '../../shared/claim-stats';

const ms = fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 6 });
const claimSample: fc.Arbitrary<ClaimSample> = fc
  .record({ toClaimMs: ms, claimToDecisionMs: ms, takeOvers: fc.nat(3) })
  .map((c) => ({ ...c, claimed: c.toClaimMs.length, decidedAtSeveralStations: 0 }));

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
  claims: fc.option(claimSample, { nil: null }),
});

describe('transparency totals', () => {
  it('are the sums of the rows, by total and by month', () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 40 }), (list) => {
        const deployments: Array<DeploymentFigures & { claims: ClaimSample | null }> = list.map((f) => ({
          ...f,
          training: false,
          startsAt: `${f.date}T09:00:00.000Z`,
          title: '',
          place: '',
          stations: ['s'],
        }));
        const samples = new Map<object, RowSamples>();
        const rows = deployments.map((d) => {
          const row = reportRow(d, d.claims);
          samples.set(row, { stopMinutes: d.stopMinutes, claims: d.claims });
          return row;
        });
        const samplesOf = (r: object) => samples.get(r) ?? { stopMinutes: [], claims: null };
        const total = sumRows(rows, samplesOf);
        const months = byMonth(rows, samplesOf);
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
        const shared = deployments.flatMap((d) => (d.claims ? [d.claims] : []));
        if (shared.length === 0) expect(total.claims).toBeNull();
        else
          expect(total.claims).toEqual({
            deployments: shared.length,
            claimed: shared.reduce((n, c) => n + c.claimed, 0),
            toClaim: summarise(shared.flatMap((c) => c.toClaimMs)),
            claimToDecision: summarise(shared.flatMap((c) => c.claimToDecisionMs)),
            takeOvers: shared.reduce((n, c) => n + c.takeOvers, 0),
          });
        for (const m of months)
          expect(m.claims?.takeOvers ?? 0).toBe(
            deployments
              .filter((d) => d.date.slice(0, 7) === m.month)
              .reduce((n, d) => n + (d.claims?.takeOvers ?? 0), 0),
          );
        expect(months.map((m) => m.month)).toEqual([...new Set(rows.map((r) => r.date.slice(0, 7)))].sort());
      }),
    );
  });
});
