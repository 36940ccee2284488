/**
 * Issue 27: observed round-trips from a real journal into a replay (the latest outcome's
 * observed, on the replay alert only) and into its equality figures, with the faces the
 * tallies counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { loadReplay } from '../../electron/core/replay/load';
import { replayCsv } from '../../electron/core/replay/csv';
import { replayEqualityStats } from '../../shared/equality-stats';
import type { ReplayData } from '../../shared/replay';
import { ALERT_IDS, DEPLOYMENT_ID, PC1, at, writeFixture } from './replay-fixture';

let dir: string;
let replay: ReplayData;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equality-replay-'));
  const fx = await writeFixture(dir, createEphemeralSigner(), {
    extra: async (journal, clock) => {
      const outcome = (alertId: string, revision: number, result: string, observed?: object) => {
        clock.ms = at(9, 30 + revision);
        return journal.append('outcome', PC1, {
          alertId,
          deploymentId: DEPLOYMENT_ID,
          revision,
          result,
          notes: '',
          ...(observed ? { observed } : {}),
          recordedBy: PC1,
          recordedAt: new Date(clock.ms).toISOString(),
        });
      };
      // A: confirmed true (revision 1, no observed) then corrected with observed.
      await outcome(ALERT_IDS.A, 2, 'confirmed-true', { sex: 'female', ethnicity: 'white' });
      // C: confirmed false, observed given only for sex.
      await outcome(ALERT_IDS.C, 2, 'confirmed-false', { sex: 'male' });
      // B: engaged at revision 2, not located, nothing observed.
      await outcome(ALERT_IDS.B, 1, 'not-located');
      clock.ms = at(9, 40);
      await journal.append('tally', null, {
        deploymentId: DEPLOYMENT_ID,
        cameraId: 'cam-1',
        from: new Date(at(0)).toISOString(),
        to: new Date(at(9)).toISOString(),
        faces: 4000,
      });
    },
  });
  replay = await loadReplay({
    key: `station:${DEPLOYMENT_ID}`,
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('puts the latest outcome’s observed on the replay alert, and nowhere in the events', () => {
  const byId = (id: string) => replay.alerts.find((a) => a.alertId === id)!;
  expect(byId(ALERT_IDS.A).observed).toEqual({ sex: 'female', ethnicity: 'white' });
  expect(byId(ALERT_IDS.C).observed).toEqual({ sex: 'male' });
  expect(byId(ALERT_IDS.B)).not.toHaveProperty('observed');
  expect(JSON.stringify(byId(ALERT_IDS.A).outcomes)).not.toContain('observed');
  expect(JSON.stringify(replay.events)).not.toMatch(/observed|female|white/);
  expect(replay.facesCompared).toBe(4000);
});

it('counts each engagement once, by its latest outcome, in its group', () => {
  const stats = replayEqualityStats(replay);
  expect(
    stats.sex.groups.map((g) => [g.group, g.alerts, g.confirmedTrue, g.confirmedFalse, g.notLocated]),
  ).toEqual([
    ['female', 1, 1, 0, 0],
    ['male', 1, 0, 1, 0],
    ['not-recorded', 1, 0, 0, 1],
  ]);
  expect(stats.ethnicity.groups.find((g) => g.group === 'white')!.alerts).toBe(1);
  expect(stats.ethnicity.groups.find((g) => g.group === 'not-recorded')!.alerts).toBe(2);
  expect(stats.sex.total.alerts).toBe(3);
  expect(stats.strata).toHaveLength(1);
  expect(stats.strata[0]).toMatchObject({ algorithm: 'Algo 1', threshold: 0.64, facesCompared: 4000 });
  expect(stats.strata[0]!.falsePerMillionFaces).toBe(250);
});

it('gives the CSV each outcome revision’s observed columns, "not-recorded" where none was given', () => {
  const { text } = replayCsv(replay);
  const lines = text.slice(1).split('\r\n');
  // Columns may be added after these (appended at the end only): find them by name, counted
  // from the row's end, since a quoted rationale earlier in a row may hold commas.
  const header = lines[0]!.split(',');
  expect(header.slice(header.indexOf('observedSex'), header.indexOf('observedSex') + 2)).toEqual([
    'observedSex',
    'observedEthnicity',
  ]);
  const fromEnd = header.length - header.indexOf('observedSex');
  const observedCells = (l: string) => {
    const cells = l.split(',');
    return cells.slice(cells.length - fromEnd, cells.length - fromEnd + 2);
  };
  const observedOf = (alertId: string) =>
    lines
      .filter((l) => l.startsWith('outcome,') && l.includes(alertId))
      .map((l) => observedCells(l).join(' '));
  expect(observedOf(ALERT_IDS.A)).toEqual(['not-recorded not-recorded', 'female white']);
  expect(observedOf(ALERT_IDS.C)).toEqual(['not-recorded not-recorded', 'male not-recorded']);
  expect(observedOf(ALERT_IDS.B)).toEqual(['not-recorded not-recorded']);
  // Decision rows leave them empty: observed belongs to outcomes.
  const decisions = lines.filter((l) => l.startsWith('decision,'));
  expect(decisions.length).toBeGreaterThan(0);
  for (const l of decisions) expect(observedCells(l)).toEqual(['', '']);
});
