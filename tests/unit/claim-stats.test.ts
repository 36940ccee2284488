/**
 * Claim times (issue 22 item 5): holds collected from journal entries, and the statistics
 * made of them (time to claim, claim to decision, take-overs, alerts decided at two stations).
 */
import { describe, expect, it } from 'vitest';
import { ClaimHolds } from '../../electron/core/replay/claim-holds';
import { claimStats } from '../../shared/claim-stats';
import type { EntryOf } from '../../shared/journal/entries';
import type { ReplayAlert } from '../../shared/replay';

const A = '00000000-0000-4000-8000-00000000000a';
const T = (s: number) => new Date(Date.UTC(2025, 5, 1, 10, 0, s)).toISOString();
const REES = { id: 'PC 2', name: 'PC Rees' };
const HALL = { id: 'SGT 9', name: 'Sgt Hall' };

let seq = 0;
const entry = <K extends 'claim' | 'claim-released' | 'decision'>(
  type: K,
  at: number,
  actor: { id: string; name: string } | null,
  data: EntryOf<K>['data'],
) => ({ seq: ++seq, at: T(at), type, actor, data, prev: '', hash: '' }) as unknown as EntryOf<K>;

describe('claim holds', () => {
  it('a hold runs from the granted claim to the decision; a renewal continues it; a release ends it', () => {
    const holds = new ClaimHolds();
    holds.add(entry('claim', 5, REES, { alertId: A, status: 'granted' }));
    holds.add(entry('claim', 35, REES, { alertId: A, status: 'granted' })); // renewed at 30 s
    holds.add(entry('claim-released', 40, null, { alertId: A, reason: 'taken over', by: 'server' }));
    holds.add(entry('claim', 41, HALL, { alertId: A, status: 'granted', takeOver: true }));
    holds.add(entry('decision', 50, HALL, { alertId: A, decidedAt: T(50) } as EntryOf<'decision'>['data']));
    expect(holds.of(A)).toEqual([
      { operator: REES, from: T(5), to: T(40), takeOver: false, ended: { released: 'taken over' } },
      { operator: HALL, from: T(41), to: T(50), takeOver: true, ended: 'decided' },
    ]);
  });

  it('a held or refused answer is not a hold', () => {
    const holds = new ClaimHolds();
    holds.add(entry('claim', 5, REES, { alertId: A, status: 'held' }));
    holds.add(entry('claim', 6, REES, { alertId: A, status: 'rejected', reason: 'x' }));
    expect(holds.of(A)).toBeUndefined();
  });
});

describe('claim statistics', () => {
  const alert = (o: Partial<ReplayAlert>) =>
    ({ alertId: A, receivedAt: T(0), decisions: [], holds: [], ...o }) as Partial<ReplayAlert> as ReplayAlert;
  const decided = (at: number) => [{ decidedAt: T(at) }] as ReplayAlert['decisions'];

  it('to claim from arrival, claim to decision from the deciding seat’s hold, take-overs, several stations', () => {
    const stats = claimStats([
      alert({
        holds: [{ operator: REES, from: T(4), to: T(20), takeOver: false, ended: 'decided' }],
        decisions: decided(20),
      }),
      alert({
        holds: [
          { operator: REES, from: T(2), to: T(10), takeOver: false, ended: { released: 'taken over' } },
          { operator: HALL, from: T(11), to: T(15), takeOver: true, ended: 'decided' },
        ],
        decisions: decided(15),
        decidedAtStations: { stations: ['a', 'b'], differ: false },
      }),
      alert({}), // never claimed (a feed without claims)
    ]);
    expect(stats.claimed).toBe(2);
    expect(stats.toClaim).toEqual({ count: 2, p50Ms: 2000, p90Ms: 4000, maxMs: 4000 });
    expect(stats.claimToDecision).toEqual({ count: 2, p50Ms: 4000, p90Ms: 16_000, maxMs: 16_000 });
    expect(stats.takeOvers).toBe(1);
    expect(stats.decidedAtSeveralStations).toBe(1);
  });

  it('nothing claimed: counts of zero and no figures', () => {
    expect(claimStats([alert({})]).toClaim).toEqual({ count: 0, p50Ms: null, p90Ms: null, maxMs: null });
  });
});
