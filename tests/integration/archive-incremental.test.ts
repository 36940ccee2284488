/**
 * Incremental verification on a real PostgreSQL (issue 25 item 4): the transparency
 * report's `--reverify` picks a journal up at the last checkpoint the verifier recorded
 * and hashes only the lines after it (counted, not timed); the worker threads give the
 * same verdicts as this thread; a resume point is used only while the rows before it are
 * unchanged (an owner's edit with the triggers off sends it back to seq 1, and is caught);
 * and no station or reader can record a verdict or a resume point.
 */
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArchivePool } from '../../electron/archive/connection';
import { buildTransparencyReport } from '../../electron/archive/transparency';
import { batchesOf, bundledWorker } from '../../electron/archive/verify-pool';
import {
  digestSnapshot,
  journalDigests,
  journalKey,
  rowDigestsKept,
} from '../../electron/archive/journal-digests';
import { verifyArchivedBatch, verifyArchivedRows } from '../../electron/archive/verify-rows';
import { materializeJournal } from '../../electron/archive/materialize';
import { createEphemeralSigner } from '../../electron/core/identity';
import { ImageStore } from '../../electron/core/journal/images';
import type { Journal } from '../../electron/core/journal/journal';
import {
  createTestArchive,
  enrolStation,
  openStationJournal,
  storedImage,
  withClient,
  writeDeploymentJournal,
  type TestArchive,
  shipAll,
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
  expect((await shipAll(root, url)).behindEntries).toBe(0);
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

it('starts its worker threads from one bundled script: no loader, no package left to resolve but pg-native', async () => {
  const script = await bundledWorker(
    fileURLToPath(new URL('../../electron/archive/verify-worker.ts', import.meta.url)),
  );
  expect(script).not.toBeNull();
  const required = [...(script ?? '').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
  expect(required.filter((name) => !name.startsWith('node:') && !builtinModules.includes(name))).toEqual([
    'pg-native',
  ]);
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
  ].map((j) => ({ ...j, resume: null, compareData: false, keptDigests: true }));
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

it('reads a journal whose rows lie in several monthly partitions, and never verifies fewer rows than it holds', async () => {
  // The verifier bounds each read by the span of `at` its digest query saw, so PostgreSQL
  // plans only the partitions holding the journal. Moved by the owner into the months
  // either side (the lines untouched), every row must still be read and verified.
  const job = {
    stationId: stationB.stationId,
    deploymentId: 'DONE',
    resume: null,
    compareData: false,
    keptDigests: true,
  };
  const head = lastSeq(rootB, 'DONE');
  await withClient(archive.ownerUrl, async (c) => {
    await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
    await c.query(
      `UPDATE lfr.entries SET at = CASE WHEN seq = 1 THEN timestamptz '2020-01-20T08:00:00Z' ELSE timestamptz '2099-03-03T08:00:00Z' END
       WHERE station_id = $1 AND deployment_id = 'DONE' AND seq IN (1, $2)`,
      [stationB.stationId, head],
    );
    await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
  });
  const [spread, narrowed] = await withClient(archive.verifierUrl, async (c) => {
    const spread = await verifyArchivedRows(c, job);
    // The same journal with a span that leaves out its last row (as a wrong bound would):
    // the read stops short of the head the digests saw, and that is a failure, not a shorter journal.
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    const digests = (await journalDigests(c, [{ ...job, through: 0 }], true)).get(
      journalKey(job.stationId, 'DONE'),
    )!;
    await c.query('COMMIT');
    expect(digests.atSpan).toEqual({
      from: '2020-01-20T08:00:00.000000Z',
      to: '2099-03-03T08:00:00.000000Z',
    });
    const narrowed = await verifyArchivedRows(c, {
      ...job,
      digests: { ...digests, atSpan: { from: digests.atSpan!.from, to: '2098-01-01T00:00:00Z' } },
    });
    return [spread, narrowed];
  });
  expect(spread.report.ok).toBe(true);
  expect(spread.linesHashed).toBe(head);
  // An `at` with no instant to bound a read by ('infinity'): every partition is read instead.
  await withClient(archive.ownerUrl, async (c) => {
    await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
    await c.query(
      `UPDATE lfr.entries SET at = 'infinity' WHERE station_id = $1 AND deployment_id = 'DONE' AND seq = $2`,
      [stationB.stationId, head],
    );
    await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
  });
  const unbounded = await withClient(archive.verifierUrl, (c) => verifyArchivedRows(c, job));
  expect(unbounded.report.ok).toBe(true);
  expect(unbounded.linesHashed).toBe(head);
  expect(narrowed.report.ok).toBe(false);
  expect(narrowed.report.failure).toEqual({
    seq: head,
    reason: `the archive holds rows to seq ${head} but the verifier read to seq ${head - 1}`,
  });
});

it('reads what the lines say about images: an image a retention purge names is purged, not missing; a malformed reference is tampering', async () => {
  const root = tempDir('rs-incr-img-');
  const alert = (id: string, probe: unknown, image: unknown) => ({
    alertId: `${id}-1`,
    seq: 1,
    deploymentId: id,
    capturedAt: `${DAY}T09:00:00.000Z`,
    camera: { id: 'cam-1', label: 'Cam 1' },
    score: 0.7,
    threshold: 0.6,
    probe,
    subject: { entryId: 'w-1', category: 'wanted', tier: 'amber', reason: 'r', image },
  });
  // PURGED: its probe removed by the station's retention job before it was shipped, so the
  // archive never held its bytes, and a later retention-purge names it.
  const purged = await openStationJournal(root, 'PURGED', stationA);
  const probe = await storedImage(root, 'PURGED');
  await purged.journal.append(
    'alert-received',
    null,
    alert('PURGED', probe, await storedImage(root, 'PURGED')),
  );
  await new ImageStore(join(root, 'deployments', 'PURGED', 'images')).remove(probe.sha256);
  await purged.journal.append('retention-purge', null, { images: [probe.sha256], reason: 'retention' });
  await purged.journal.close();
  // BADREF: its probe named with no sha256 that could be one.
  const bad = await openStationJournal(root, 'BADREF', stationA);
  await bad.journal.append(
    'alert-received',
    null,
    alert('BADREF', { sha256: 'not-a-digest', mime: 'image/jpeg' }, await storedImage(root, 'BADREF')),
  );
  await bad.journal.close();
  await ship(root, archive.stationUrl);
  const [ok, tampered] = await withClient(archive.verifierUrl, (c) =>
    verifyArchivedBatch(
      c,
      ['PURGED', 'BADREF'].map((deploymentId) => ({
        stationId: stationA.stationId,
        deploymentId,
        resume: null,
        compareData: false,
        keptDigests: true,
      })),
    ),
  );
  expect(ok?.report).toMatchObject({ ok: true, images: { checked: 2, purged: 1, missing: [], altered: [] } });
  expect(tampered?.report.failure).toEqual({
    seq: 2,
    reason: 'alert-received names its probe image without a valid sha256',
  });
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

it('reads a journal back for a replay in one snapshot, under a lock no ALTER of the table gets past', async () => {
  // The owner holds lfr.images, so the read-back stops at its images query, after its rows:
  // while it waits there, the table's definition must still be the one it checked.
  const db = createArchivePool(archive.readerUrl);
  const holder = new pg.Client({ connectionString: archive.ownerUrl });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE lfr.images IN ACCESS EXCLUSIVE MODE');
    const reading = materializeJournal(db, { stationId: stationB.stationId, deploymentId: 'DONE' });
    await expect
      .poll(
        async () =>
          (
            await holder.query<{ n: number }>(
              `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'lfr.images'::regclass`,
            )
          ).rows[0]?.n,
        { timeout: 10_000 },
      )
      .toBe(1);
    await withClient(archive.ownerUrl, async (c) => {
      await c.query('BEGIN');
      await c.query(`SET LOCAL lock_timeout = '300ms'`);
      await expect(
        c.query('ALTER TABLE lfr.entries ALTER COLUMN data DROP EXPRESSION'),
      ).rejects.toMatchObject({
        code: '55P03',
      });
      await c.query('ROLLBACK');
    });
    await holder.query('ROLLBACK');
    const journal = await reading;
    try {
      expect(journal.entries).toBe(lastSeq(rootB, 'DONE'));
      expect(journal.drift).toBeNull();
    } finally {
      await journal.dispose();
    }
  } finally {
    await holder.query('ROLLBACK').catch(() => undefined);
    await holder.end();
    await db.end();
  }
});

it('hashes the lines itself once PostgreSQL no longer keeps each row digest, and catches an edit left behind the old digest', async () => {
  const db = createArchivePool(archive.verifierUrl);
  try {
    // While a report holds its snapshot, the table's definition cannot change under it.
    const snapshot = await digestSnapshot(db);
    try {
      expect(await rowDigestsKept(snapshot.client)).toBe(true);
      await withClient(archive.ownerUrl, async (c) => {
        await c.query(`SET lock_timeout = '300ms'`);
        await expect(
          c.query('ALTER TABLE lfr.entries ALTER COLUMN row_sha256 DROP EXPRESSION'),
        ).rejects.toMatchObject({ code: '55P03' });
      });
    } finally {
      await snapshot.close();
    }
    // The owner stops PostgreSQL keeping the digests, then edits a line verified before the
    // recorded resume point and puts back the digest the row had: read from the column, the
    // journal's prefix would hash as before and the edit would never be looked at.
    await withClient(archive.ownerUrl, async (c) => {
      await c.query('ALTER TABLE lfr.entries ALTER COLUMN row_sha256 DROP EXPRESSION');
      await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
      const edited = await c.query(
        `UPDATE lfr.entries SET line = regexp_replace(line, '"faces":101([,}])', '"faces":901\\1'), row_sha256 = row_sha256
         WHERE station_id = $1 AND deployment_id = 'DONE' AND type = 'tally' AND line ~ '"faces":101[,}]'`,
        [stationA.stationId],
      );
      expect(edited.rowCount).toBe(1);
      await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
    });
    expect(await rowDigestsKept(db)).toBe(false);
  } finally {
    await db.end();
  }
  const report = await reverify();
  const done = report.unverified.find((u) => u.deploymentId === 'DONE');
  expect(done?.journals.find((j) => j.stationId === stationA.stationId)?.detail).toMatch(
    /^tampered at seq \d+: hash/,
  );
  expect(report.rows.map((r) => r.deploymentId)).not.toContain('DONE');
});
