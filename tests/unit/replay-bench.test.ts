import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeStats } from '../../shared/replay-stats';
import { writeSyntheticJournal } from '../../bench/replay';
import { loadReplay } from '../../electron/core/replay/load';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-bench-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the replay benchmark’s journals', () => {
  it('verify and fold like the station’s own', async () => {
    const j = await writeSyntheticJournal(dir, { alerts: 300 });
    const replay = await loadReplay({
      key: `station:${j.deploymentId}`,
      source: 'station',
      journalFile: j.file,
      imagesDir: j.imagesDir,
    });
    expect(replay.integrity).toMatchObject({
      status: 'verified',
      entries: j.entries,
      images: { checked: 20 },
    });
    expect(replay.alerts).toHaveLength(300);
    const stats = computeStats(replay);
    expect(stats.totals.engage + stats.totals.noEngage).toBe(300);
    expect(stats.perOfficer.map((o) => o.id)).toEqual(expect.arrayContaining(['PC-101']));
  });

  it('stops near a target entry count', async () => {
    const j = await writeSyntheticJournal(dir, { targetEntries: 1000 });
    expect(j.entries).toBeGreaterThanOrEqual(998);
    expect(j.entries).toBeLessThan(1016);
  });
});
