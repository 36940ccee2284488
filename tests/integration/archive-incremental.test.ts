/**
 * Incremental verification on a real PostgreSQL (issue 25 item 4): the transparency
 * report's `--reverify` picks a journal up at the last checkpoint the verifier recorded
 * and hashes only the lines after it (counted, not timed); the worker threads give the
 * same verdicts as this thread; a resume point is used only while the rows before it are
 * unchanged (an owner's edit with the triggers off sends it back to seq 1, and is caught);
 * and no station or reader can record a verdict or a resume point.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArchiveShipper } from '../../electron/archive/shipper';
import { createArchivePool } from '../../electron/archive/connection';
import { buildTransparencyReport } from '../../electron/archive/transparency';
import { batchesOf } from '../../electron/archive/verify-pool';
import { verifyArchivedBatch, verifyArchivedRows } from '../../electron/archive/verify-rows';
import { createEphemeralSigner } from '../../electron/core/identity';
import type { Journal } from '../../electron/core/journal/journal';
import {
  createTestArchive,
  enrolStation,
  withClient,
  writeDeploymentJournal,
  type TestArchive,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { journalFile, readJournal, tempDir } from './util';

let server: TestPostgres;
let archive: TestArchive;
const stationA = createEphemeralSigner('station-A');
const stationB = createEphemeralSigner('station-B');
const rootA = tempDir('rs-incr-a-');
const rootB = tempDir('rs-incr-b-');
let stationBUrl: string;
let growing: Journal;
const DAY = '2026-02-02';

async function ship(root: string, url: string) {
  const shipper = new ArchiveShipper({ url, root });
  shipper.start();
  const status = await shipper.drain();
  await shipper.stop();
  expect(status.behindEntries).toBe(0);
}

/** The report as the verifier's role runs it, verifying every journal again (on two worker threads). */
async function reverify(opts: { fromScratch?: boolean } = {}) {
  const db = createArchivePool(archive.verifierUrl);
  try {
    return await buildTransparencyReport(db, {
      from: DAY,
      to: DAY,
      reverify: true,
      url: archive.verifierUrl,
      threads: 2,
      ...opts,
    });
  } finally {
    await db.end();
  }
}

const lastCheckpointSeq = (root: string, id: string) =>
  Math.max(...readJournal(journalFile(root, id)).flatMap((e) => (e.type === 'checkpoint' ? [e.seq] : [])));
const lastSeq = (root: string, id: string) => readJournal(journalFile(root, id)).at(-1)!.seq;

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'incremental', stationA);
  stationBUrl = await enrolStation(archive, stationB);
  const plan = (deploymentId: string, tallies: number) => ({
    deploymentId,
    startsAt: `${DAY}T09:00:00Z`,
    place: 'Leeds',
    watchlistSize: 900,
    tallies: Array.from({ length: tallies }, (_, i) => 100 + i),
    alerts: [{ decision: 'engage' as const, result: 'confirmed-true' as const, action: 'arrest' as const }],
  });
  // One journal still being written (it grows between runs), one closed, one of another station.
  growing = await writeDeploymentJournal(rootA, stationA, { ...plan('GROW', 120), leaveOpen: true });
  await writeDeploymentJournal(rootA, stationA, plan('DONE', 70));
  await writeDeploymentJournal(rootB, stationB, plan('DONE', 10), 'b');
  await ship(rootA, archive.stationUrl);
  await ship(rootB, stationBUrl);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

it('hashes every line the first time, then only the lines after the recorded checkpoint', async () => {
  const all = lastSeq(rootA, 'GROW') + lastSeq(rootA, 'DONE') + lastSeq(rootB, 'DONE');
  const first = await reverify();
  expect(first.verification).toMatchObject({ verifiedNow: 3, resumed: 0, linesHashed: all });
  expect(first.unverified.flatMap((u) => u.journals.map((j) => j.standing))).toEqual(['unsealed']);
  const resumeAt = lastCheckpointSeq(rootA, 'GROW');

  // The open journal grows by 80 entries and is closed; the other two do not change.
  for (let i = 0; i < 80; i++)
    await growing.append('tally', null, {
      deploymentId: 'GROW',
      cameraId: 'cam-1',
      from: `${DAY}T12:00:00.000Z`,
      to: `${DAY}T12:01:00.000Z`,
      faces: i,
    });
  await growing.close();
  await ship(rootA, archive.stationUrl);
  const second = await reverify();
  const newLines = lastSeq(rootA, 'GROW') - resumeAt;
  const doneAtCheckpoints = lastSeq(rootA, 'DONE') - lastCheckpointSeq(rootA, 'DONE');
  expect(doneAtCheckpoints).toBe(0); // a closed journal ends with its checkpoint: nothing left to hash
  expect(second.verification).toMatchObject({ verifiedNow: 3, resumed: 3, linesHashed: newLines });
  expect(newLines).toBeLessThan(lastSeq(rootA, 'GROW') / 2);
  expect(second.rows.map((r) => r.deploymentId).sort()).toEqual(['DONE', 'GROW']);
  expect(second.unverified).toEqual([]);
  // The same figures and verdicts as a run that hashes everything from seq 1.
  const scratch = await reverify({ fromScratch: true });
  const allNow = lastSeq(rootA, 'GROW') + lastSeq(rootA, 'DONE') + lastSeq(rootB, 'DONE');
  expect(scratch.verification).toMatchObject({ resumed: 0, linesHashed: allNow });
  expect(scratch.rows).toEqual(second.rows);
  expect(scratch.totals).toEqual(second.totals);
});

it('goes back to seq 1 when a row before the resume point was rewritten with the triggers off, and catches it', async () => {
  await withClient(archive.ownerUrl, async (c) => {
    await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
    await c.query(
      // Whatever the member order of the line (the station writes canonical lines, keys sorted).
      `UPDATE lfr.entries SET line = regexp_replace(line, '"faces":105([,}])', '"faces":905\\1')
       WHERE deployment_id = 'GROW' AND type = 'tally' AND line ~ '"faces":105[,}]'`,
    );
    await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
  });
  const report = await reverify();
  expect(report.verification.resumed).toBe(2);
  const grow = report.unverified.find((u) => u.deploymentId === 'GROW');
  expect(grow?.journals.map((j) => j.detail)).toEqual([expect.stringMatching(/^tampered at seq \d+: hash/)]);
  expect(report.rows.map((r) => r.deploymentId)).toEqual(['DONE']);
});

it('verifies several journals in one batch (one snapshot, one digest query) exactly as each alone', async () => {
  // After the test above, GROW's rows were edited: a batch must not let one journal's
  // verdict, digests or image state leak into another's.
  const jobs = [
    { stationId: stationA.stationId, deploymentId: 'DONE' },
    { stationId: stationA.stationId, deploymentId: 'GROW' },
    { stationId: stationB.stationId, deploymentId: 'DONE' },
  ].map((j) => ({ ...j, resume: null, compareData: false }));
  const [together, alone] = await withClient(archive.verifierUrl, async (c) => {
    const batch = await verifyArchivedBatch(c, jobs);
    const each = [];
    for (const job of jobs) each.push(await verifyArchivedRows(c, job));
    return [batch, each];
  });
  expect(together.map((r) => [r.deploymentId, r.report.ok])).toEqual([
    ['DONE', true],
    ['GROW', false],
    ['DONE', true],
  ]);
  expect(together[1]?.report.failure?.reason).toMatch(/^hash/);
  expect(together).toEqual(alone);
  expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1], [2], [3], [4], [5]]);
  expect(
    batchesOf(
      Array.from({ length: 1000 }, (_, i) => i),
      2,
    ).map((b) => b.length),
  ).toEqual(Array.from({ length: 40 }, () => 25));
});

it('refuses a verdict or resume point written by a station login or a reader', async () => {
  const forged = JSON.stringify({
    seq: 999,
    hash: 'f'.repeat(64),
    prefixSha256: 'x',
    checker: {},
    images: {},
  });
  for (const url of [archive.stationUrl, archive.readerUrl])
    await withClient(url, async (c) => {
      await expect(
        c.query(
          `INSERT INTO lfr.verifications (station_id, deployment_id, through_seq, verdict, detail, rows_sha256, resume)
           VALUES ('station-A', 'GROW', 999, 'verified', 'forged', 'x', $1)`,
          [forged],
        ),
      ).rejects.toMatchObject({ code: '42501' });
    });
  // And the verifier's own rows are never changed afterwards, by the verifier either.
  await withClient(archive.verifierUrl, async (c) => {
    await expect(c.query(`UPDATE lfr.verifications SET resume = $1`, [forged])).rejects.toMatchObject({
      code: '42501',
    });
  });
});
