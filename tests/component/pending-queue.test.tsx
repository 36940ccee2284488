/**
 * The pending queue kept in order change by change (issue 13): after any sequence of
 * arrivals, decisions and withdrawals it is exactly what sorting every alert gives.
 */
import { describe, expect, it } from 'vitest';
import type { Tier } from '../../shared/feed/schemas';
import type { StationAlert } from '../../shared/view';
import { pendingAfter } from '../../renderer/src/state/pending-queue';
import { pendingQueue } from '../../renderer/src/state/selection';
import { iso, makeAlert, makeDecision } from './fixtures';

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('pending queue kept as alerts change', () => {
  for (const seed of [1, 7, 42, 1234]) {
    it(`matches a full sort after 400 random changes (seed ${seed})`, () => {
      const next = random(seed);
      const tiers: Tier[] = ['red', 'amber', 'green'];
      let alerts = new Map<string, StationAlert>();
      let queue: readonly StationAlert[] = [];
      for (let step = 0; step < 400; step++) {
        const ids = [...alerts.keys()];
        const roll = next();
        let changed: StationAlert;
        if (roll < 0.55 || ids.length === 0) {
          // Same capture times on purpose (ties are broken by seq, then arrival).
          changed = makeAlert({
            tier: tiers[Math.floor(next() * 3)]!,
            capturedAt: iso(Math.floor(next() * 20) * 1000),
          });
        } else {
          const old = alerts.get(ids[Math.floor(next() * ids.length)]!)!;
          changed =
            roll < 0.8
              ? { ...old, status: 'decided', decisions: [makeDecision()] }
              : roll < 0.9
                ? { ...old, status: 'withdrawn', withdrawnReason: 'feed withdrew it' }
                : { ...old, shownAt: iso(5) };
        }
        queue = pendingAfter(queue, [changed], alerts);
        alerts = new Map(alerts).set(changed.alertId, changed);
        expect(queue.map((a) => a.alertId)).toEqual(pendingQueue([...alerts.values()]).map((a) => a.alertId));
      }
    });
  }

  it('keeps the same list when nothing pending changed', () => {
    const decided = makeAlert({ status: 'decided' });
    const queue = [makeAlert()];
    expect(pendingAfter(queue, [decided], new Map())).toBe(queue);
  });
});
