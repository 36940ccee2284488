/**
 * The head each station signed and shipped (issue 23 item 3), on a real PostgreSQL: the
 * shipper records it as the station's login; an owner who switches the triggers off and
 * cuts a journal's tail back to an earlier checkpoint (so the rows left verify as a
 * chain) is caught by `npm run verify -- --archive` (exit 1, "cut") and the report; an
 * owner who rewrites an entry's line is caught too; and no station can record a head for
 * another station, nor a reader any.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ArchiveShipper } from '../../electron/archive/shipper';
import { createArchivePool } from '../../electron/archive/connection';
import { buildTransparencyReport } from '../../electron/archive/transparency';
import { main as verifyMain } from '../../electron/cli/verify';
import { createEphemeralSigner } from '../../electron/core/identity';
import {
  createTestArchive,
  withClient,
  withSecretFiles,
  writeDeploymentJournal,
  type TestArchive,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { journalFile, readJournal, tempDir } from './util';

let server: TestPostgres;
let archive: TestArchive;
const stationA = createEphemeralSigner('station-A');
const root = tempDir('rs-heads-');
const DAY = '2026-06-03';

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await verifyMain(
    withSecretFiles(argv),
    { write: (t: string) => (out += t) },
    { write: (t: string) => (err += t) },
  );
  return { code, out, err };
}

async function report() {
  const db = createArchivePool(archive.verifierUrl);
  try {
    return await buildTransparencyReport(db, { from: DAY, to: DAY, url: archive.verifierUrl });
  } finally {
    await db.end();
  }
}

const checkpoints = (id: string) =>
  readJournal(journalFile(root, id)).flatMap((e) => (e.type === 'checkpoint' ? [e.seq] : []));

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'heads', stationA);
  for (const deploymentId of ['CUT', 'EDIT'])
    await writeDeploymentJournal(root, stationA, {
      deploymentId,
      startsAt: `${DAY}T09:00:00Z`,
      place: 'Hull',
      watchlistSize: 300,
      tallies: Array.from({ length: 120 }, (_, i) => 1000 + i),
      alerts: [{ decision: 'engage', result: 'confirmed-true', action: 'arrest' }],
    });
  const shipper = new ArchiveShipper({ url: archive.stationUrl, root });
  shipper.start();
  await shipper.drain();
  await shipper.stop();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

it('records, as the station, the head its last shipped checkpoint signs', async () => {
  const last = readJournal(journalFile(root, 'CUT')).at(-1)!;
  expect(last.type).toBe('checkpoint');
  await withClient(archive.readerUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT seq, hash, signature, shipped_by FROM lfr.shipped_heads WHERE deployment_id = 'CUT' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({
      seq: String(last.data.seq),
      hash: last.data.hash,
      signature: last.data.signature,
    });
    expect(rows[0].shipped_by).toMatch(/^st_/); // the station's own login
  });
  const v = await run(['--archive', archive.readerUrl, '--deployment', 'CUT']);
  expect(v.out).toMatch(/^station station-A: verified/);
  expect(v.code).toBe(0);
});

it('reads a tail cut back to an earlier checkpoint by an owner with the triggers off as cut, not verified', async () => {
  const keep = checkpoints('CUT')[0]!; // the journal's first checkpoint: the rows up to it verify as a chain
  await withClient(archive.ownerUrl, async (c) => {
    await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
    await c.query('ALTER TABLE lfr.entry_index DISABLE TRIGGER USER');
    await c.query(`DELETE FROM lfr.entries WHERE deployment_id = 'CUT' AND seq > $1`, [keep]);
    await c.query(`DELETE FROM lfr.entry_index WHERE deployment_id = 'CUT' AND seq > $1`, [keep]);
    await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
    await c.query('ALTER TABLE lfr.entry_index ENABLE TRIGGER USER');
  });
  const v = await run(['--archive', archive.readerUrl, '--deployment', 'CUT']);
  expect(v.out).toMatch(
    new RegExp(
      `^station station-A: tampered at seq ${keep + 1}: cut: the station signed and shipped entries up to seq \\d+, but the archive holds its journal only up to seq ${keep}`,
    ),
  );
  expect(v.code).toBe(1);
  const r = await report();
  expect(r.unverified.map((u) => [u.deploymentId, u.journals.map((j) => j.standing)])).toEqual([
    ['CUT', ['tampered']],
  ]);
  expect(r.rows.map((row) => row.deploymentId)).toEqual(['EDIT']);
});

it('catches a line rewritten with the triggers off', async () => {
  await withClient(archive.ownerUrl, async (c) => {
    await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
    await c.query(
      // Whatever the member order of the line (the station writes canonical lines, keys sorted).
      `UPDATE lfr.entries SET line = regexp_replace(line, '"faces":1100([,}])', '"faces":11\\1') WHERE deployment_id = 'EDIT' AND type = 'tally'`,
    );
    await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
  });
  const v = await run(['--archive', archive.readerUrl, '--deployment', 'EDIT']);
  expect(v.out).toMatch(/^station station-A: tampered at seq \d+: hash does not match the entry/);
  expect(v.code).toBe(1);
  expect((await report()).rows).toEqual([]);
});

it('refuses a head for another station from a station login, any head from a reader, and any change', async () => {
  const head = ['station-B', 'CUT', 7, 'a'.repeat(64), 'sig'];
  const insert = `INSERT INTO lfr.shipped_heads (station_id, deployment_id, seq, hash, signature) VALUES ($1, $2, $3, $4, $5)`;
  await withClient(archive.stationUrl, async (c) => {
    await expect(c.query(insert, head)).rejects.toMatchObject({ code: '42501' });
  });
  await withClient(archive.readerUrl, async (c) => {
    await expect(c.query(insert, ['station-A', 'CUT', 7, 'a'.repeat(64), 'sig'])).rejects.toMatchObject({
      code: '42501',
    });
  });
  await withClient(archive.ownerUrl, async (c) => {
    await expect(c.query(`DELETE FROM lfr.shipped_heads`)).rejects.toMatchObject({ code: '42501' });
  });
});
