/**
 * The bench's scripted officer (issue 22): modelled time, not wall time. A repeat is never
 * confirmed before its own face has been on the strip for the look time; the flood drill's
 * shape (3,000 alerts on a 40-entry watchlist, entries picked uniformly as the training
 * feed does) is cleared in under an hour with the strip, against hours in full.
 */
import { describe, expect, it } from 'vitest';
import {
  clearBacklog,
  FULL_DECISION_KEYS,
  KEY_MS,
  LOOK_MS,
  queueFromJournal,
  stripMs,
  type QueuedAlert,
} from '../../bench/scripted-officer';
import { TIERS } from '../../shared/vocabulary';

/** A small seeded generator (the bench itself reads the drill's alerts from the station's journal). */
function floodShaped(alerts: number, entries: number, seed = 13): QueuedAlert[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: alerts }, (_, i) => {
    const e = Math.floor(next() * entries);
    return { alertId: `a${i}`, seq: i + 1, entryId: `E${e}`, subjectSha256: `s${e}`, tier: TIERS[e % 3]! };
  });
}

describe('the scripted officer', () => {
  it('waits for each repeat face’s own look time on the strip, one key each', () => {
    expect(stripMs(0)).toBe(0);
    expect(stripMs(1)).toBe(LOOK_MS + KEY_MS);
    // A row of 8 is ready together; the 9th joins when the first is confirmed and waits its own look.
    expect(stripMs(8)).toBe(LOOK_MS + 8 * KEY_MS);
    expect(stripMs(9)).toBe(LOOK_MS + KEY_MS + LOOK_MS + KEY_MS);
  });

  it('decides a lead in full and its repeats from the strip; a different watchlist image is not a repeat', () => {
    const queue: QueuedAlert[] = [
      { alertId: 'a', seq: 1, entryId: 'E1', subjectSha256: 's1', tier: 'amber' },
      { alertId: 'b', seq: 2, entryId: 'E1', subjectSha256: 's1', tier: 'amber' },
      { alertId: 'c', seq: 3, entryId: 'E1', subjectSha256: 's2', tier: 'amber' },
    ];
    const run = clearBacklog(queue);
    expect(run).toMatchObject({ alerts: 3, decidedInFull: 2, confirmedFromStrip: 1 });
    const full = LOOK_MS + FULL_DECISION_KEYS * KEY_MS;
    expect(run.modelledMs).toBe(2 * full + stripMs(1));
    expect(run.allInFullMs).toBe(3 * full);
  });

  it('clears a flood-shaped backlog of 3,000 in under an hour of modelled time', () => {
    const run = clearBacklog(floodShaped(3000, 40));
    console.log(
      `scripted officer, 3,000 flood-shaped alerts: ${(run.modelledMs / 3_600_000).toFixed(2)} h with the strip, ${(run.allInFullMs / 3_600_000).toFixed(2)} h in full`,
    );
    expect(run.decidedInFull).toBe(40);
    expect(run.modelledMs).toBeLessThan(3_600_000);
    expect(run.allInFullMs).toBeGreaterThan(4 * 3_600_000);
  });

  it('reads the backlog from journal lines', () => {
    const line = JSON.stringify({
      type: 'alert-received',
      data: { alertId: 'x', seq: 4, subject: { entryId: 'E9', tier: 'red', image: { sha256: 'h' } } },
    });
    expect(queueFromJournal([line, '{"type":"decision","data":{}}'])).toEqual([
      { alertId: 'x', seq: 4, entryId: 'E9', tier: 'red', subjectSha256: 'h' },
    ]);
  });
});
