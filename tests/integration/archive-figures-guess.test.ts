/**
 * The transparency report's figures when its early guess is wrong (issue 25 item 4), on a
 * real PostgreSQL: the report starts the figures query while the rows are still being
 * hashed, on a guess of which journals will count (on a first run, every journal whose
 * deployment has ended). The guess is wrong both ways here: a journal of an ended
 * deployment left unsealed (guessed in, does not count), and a sealed journal of a
 * deployment whose authorised window has not ended (guessed out, counts). The report must
 * give exactly the figures of a run that waited for the verdicts (a pool of two
 * connections never guesses), each deployment from its own counted journals.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArchivePool } from '../../electron/archive/connection';
import { buildTransparencyReport, type TransparencyReport } from '../../electron/archive/transparency';
import { createEphemeralSigner } from '../../electron/core/identity';
import {
  createTestArchive,
  enrolStation,
  writeDeploymentJournal,
  type TestArchive,
  shipAll,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDir } from './util';

let server: TestPostgres;
let archive: TestArchive;
const stationA = createEphemeralSigner('station-A');
const stationB = createEphemeralSigner('station-B');
const rootA = tempDir('rs-guess-a-');
const rootB = tempDir('rs-guess-b-');
const DAY = '2026-02-02';

async function ship(root: string, url: string) {
  expect((await shipAll(root, url)).behindEntries).toBe(0);
}

/** The report as the command opens it: three connections (the early figures need the third) or two (no early figures). */
async function report(connections: 2 | 3): Promise<TransparencyReport> {
  const db = createArchivePool(archive.verifierUrl, { max: connections });
  try {
    return await buildTransparencyReport(db, {
      from: DAY,
      to: DAY,
      reverify: true,
      url: archive.verifierUrl,
      threads: 2,
      // Each deployment's window is 8 hours: BOTH (08:00) and OPEN (09:00) have ended, MIXED
      // (10:00) and LATE (11:00) have not.
      now: () => Date.parse(`${DAY}T17:30:00Z`),
    });
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'guess', stationA);
  const stationBUrl = await enrolStation(archive, stationB);
  const plan = (deploymentId: string, hour: number, tallies: number[], alerts: number) => ({
    deploymentId,
    startsAt: `${DAY}T${String(hour).padStart(2, '0')}:00:00Z`,
    place: 'Leeds',
    watchlistSize: 900,
    tallies,
    alerts: Array.from({ length: alerts }, () => ({
      decision: 'engage' as const,
      result: 'confirmed-true' as const,
    })),
  });
  // BOTH: two stations, both sealed (guessed in, counts). OPEN: left unsealed (guessed in,
  // does not count). MIXED: station A sealed, station B still writing (guessed out, in
  // progress). LATE: sealed before its window ends (guessed out, counts).
  await writeDeploymentJournal(rootA, stationA, plan('BOTH', 8, [10, 20], 1));
  await writeDeploymentJournal(rootB, stationB, plan('BOTH', 8, [30, 40, 50], 2), 'b');
  const open = await writeDeploymentJournal(rootA, stationA, { ...plan('OPEN', 9, [5], 1), leaveOpen: true });
  await writeDeploymentJournal(rootA, stationA, plan('MIXED', 10, [7, 8], 1));
  const writing = await writeDeploymentJournal(
    rootB,
    stationB,
    { ...plan('MIXED', 10, [100, 200, 300], 3), leaveOpen: true },
    'b',
  );
  // Left unsealed, as a station that stopped (or is still writing) leaves them.
  await open.abandon();
  await writing.abandon();
  await writeDeploymentJournal(rootA, stationA, plan('LATE', 11, [1], 1));
  await ship(rootA, archive.stationUrl);
  await ship(rootB, stationBUrl);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

it('keeps the guessed figures only where the guess named the journals that count', async () => {
  // First: nothing recorded, so the guess is every journal of an ended deployment.
  const guessed = await report(3);
  const waited = await report(2);
  expect(guessed.rows).toEqual(waited.rows);
  expect(guessed.totals).toEqual(waited.totals);
  expect(guessed.months).toEqual(waited.months);
  expect(guessed.rows.map((r) => r.deploymentId)).toEqual(['BOTH', 'LATE']);
  expect(guessed.unverified.map((u) => u.deploymentId)).toEqual(['OPEN']);
  expect(guessed.inProgress.map((u) => u.deploymentId)).toEqual(['MIXED']);
  // Each counted deployment's figures are its own journals' (periods both stations
  // journalled counted once, at the higher count) and nothing else's.
  expect(guessed.rows.find((r) => r.deploymentId === 'BOTH')).toMatchObject({
    stations: ['station-A', 'station-B'],
    faces: 30 + 40 + 50,
    alerts: 3,
  });
  expect(guessed.rows.find((r) => r.deploymentId === 'LATE')).toMatchObject({
    stations: ['station-A'],
    faces: 1,
    alerts: 1,
  });
});
