/**
 * An archive that trusts no single station, on a real PostgreSQL (issue 23.1-23.3, 22.5):
 * a station's login writes only its own rows, in seq order, chained; the reader writes
 * nothing; a fake station's self-signed journal never reaches the figures; stations that
 * disagree are said to; training never counts; a running deployment is in progress; an
 * owner who switches the triggers off and edits `data` or `line` is caught.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchivePool } from '../../electron/archive/connection';
import { buildTransparencyReport } from '../../electron/archive/transparency';
import { main as archiveMain } from '../../electron/cli/archive';
import { main as reportMain } from '../../electron/cli/report';
import { main as verifyMain } from '../../electron/cli/verify';
import { createEphemeralSigner } from '../../electron/core/identity';
import {
  createTestArchive,
  enrolStation,
  withClient,
  withSecretFiles,
  writeDeploymentJournal,
  type DeploymentPlan,
  type TestArchive,
  shipAll,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDir } from './util';
import { disagreementSentence } from '../../electron/archive/transparency-disagreements';

let server: TestPostgres;
let archive: TestArchive;
let stationBUrl: string;
const stationA = createEphemeralSigner('station-A');
const stationB = createEphemeralSigner('station-B');
const fake = createEphemeralSigner('station-F');
const rootA = tempDir('rs-trust-a-');
const rootB = tempDir('rs-trust-b-');
const rootF = tempDir('rs-trust-f-');

const plan = (deploymentId: string, day: number, more: Partial<DeploymentPlan> = {}): DeploymentPlan => ({
  deploymentId,
  startsAt: `2026-05-${String(day).padStart(2, '0')}T09:00:00.000Z`,
  place: 'Leeds',
  watchlistSize: 100,
  tallies: [1000],
  alerts: [{ decision: 'engage', result: 'confirmed-true', action: 'arrest', stopMinutes: 10 }],
  ...more,
});

async function ship(root: string, url: string) {
  expect(await shipAll(root, url)).toMatchObject({ behindEntries: 0, alarm: null });
}

async function run(main: typeof verifyMain, argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(
    withSecretFiles(argv),
    { write: (t: string) => (out += t) },
    { write: (t: string) => (err += t) },
  );
  return { code, out, err };
}

async function refusal(url: string, sql: string, params: unknown[] = []): Promise<string> {
  try {
    await withClient(url, (c) => c.query(sql, params));
    return 'accepted';
  } catch (error) {
    return (error as Error).message;
  }
}

const lineOf = (root: string, deploymentId: string, seq: number) =>
  readFileSync(join(root, 'deployments', deploymentId, 'journal.jsonl'), 'utf8').split('\n')[seq - 1]!;

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'trust', stationA);
  stationBUrl = await enrolStation(archive, stationB);
  await writeDeploymentJournal(rootA, stationA, plan('R1', 4));
  // Two stations decide the same alert differently (a feed without claims).
  await writeDeploymentJournal(rootA, stationA, plan('DIS', 6), 'same');
  await writeDeploymentJournal(
    rootB,
    stationB,
    plan('DIS', 6, { alerts: [{ decision: 'no-engage', reasons: ['subject-features-differ'] }] }),
    'same',
  );
  await writeDeploymentJournal(rootA, stationA, plan('TRN', 8, { training: true }));
  await writeDeploymentJournal(rootA, stationA, plan('RUN', 20, { leaveOpen: true }));
  await writeDeploymentJournal(rootA, stationA, plan('OWN', 10));
  await writeDeploymentJournal(rootA, stationA, plan('OWN2', 11));
  // A station nobody enrolled: a complete journal, signed with its own fresh key, for a
  // real deployment and for one of its own, with figures to publish.
  const forged = {
    tallies: [999_999_999],
    alerts: [{ decision: 'engage' as const, result: 'confirmed-true' as const, action: 'arrest' as const }],
  };
  await writeDeploymentJournal(rootF, fake, plan('R1', 4, forged), 'forged');
  await writeDeploymentJournal(rootF, fake, plan('FAKE', 5, forged), 'forged');
  await ship(rootA, archive.stationUrl);
  await ship(rootB, stationBUrl);
  // Only a role that bypasses row-level security (the owner) can put it in at all.
  await ship(rootF, archive.ownerUrl);
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('each station writes only as itself', () => {
  it("refuses, as one station's login, rows for another station, a new station, an existing seq, or out of order", async () => {
    const url = archive.stationUrl;
    const head = await withClient(url, async (c) =>
      Number(
        (await c.query(`SELECT max(seq) AS s FROM lfr.entry_index WHERE deployment_id = 'R1'`)).rows[0].s,
      ),
    );
    const index = `INSERT INTO lfr.entry_index (station_id, deployment_id, seq, hash) VALUES ($1, $2, $3, $4)`;
    const h = 'a'.repeat(64);
    expect(await refusal(url, index, ['station-B', 'NEW', 1, h])).toMatch(/row-level security/);
    expect(await refusal(url, index, ['station-N', 'NEW', 1, h])).toMatch(/row-level security/);
    expect(await refusal(url, index, ['station-A', 'R1', 1, h])).toMatch(
      /holds up to seq \d+, the next must be/,
    );
    expect(await refusal(url, index, ['station-A', 'R1', head + 2, h])).toMatch(/the next must be/);
    // An entries row for a seq already archived (another `at`, so the key differs).
    const first = lineOf(rootA, 'R1', 1);
    const parsed = JSON.parse(first) as { hash: string; type: string };
    const entry = `INSERT INTO lfr.entries (station_id, deployment_id, seq, at, type, hash, line) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    expect(
      await refusal(url, entry, [
        'station-A',
        'R1',
        1,
        '2020-01-01T00:00:00Z',
        parsed.type,
        parsed.hash,
        first,
      ]),
    ).toMatch(/archived already/);
    // Next seq indexed, but its line does not chain to the seq before.
    expect(
      await withClient(url, async (c) => {
        await c.query('BEGIN');
        await c.query(index, ['station-A', 'R1', head + 1, parsed.hash]);
        const line = first.replace(/"seq":1,/, `"seq":${head + 1},`);
        try {
          await c.query(entry, [
            'station-A',
            'R1',
            head + 1,
            '2026-05-04T10:00:00Z',
            parsed.type,
            parsed.hash,
            line,
          ]);
          return 'accepted';
        } catch (error) {
          return (error as Error).message;
        } finally {
          await c.query('ROLLBACK');
        }
      }),
    ).toMatch(/its prev is not the hash of seq/);
    // Nor may a station enrol itself, or another key.
    expect(
      await refusal(
        url,
        `INSERT INTO lfr.stations (station_id, public_key, login) VALUES ('station-N', $1, 'x')`,
        [fake.publicKey],
      ),
    ).toMatch(/permission denied/);
    // It sees only its own rows.
    const seen = await withClient(url, (c) => c.query('SELECT DISTINCT station_id FROM lfr.entry_index'));
    expect(seen.rows).toEqual([{ station_id: 'station-A' }]);
  });

  it('refuses every write by the reader, verdicts included', async () => {
    const url = archive.readerUrl;
    for (const sql of [
      `INSERT INTO lfr.verifications (station_id, deployment_id, through_seq, verdict, detail) VALUES ('station-F', 'FAKE', 1, 'verified', 'x')`,
      `INSERT INTO lfr.entry_index (station_id, deployment_id, seq, hash) VALUES ('station-A', 'X', 1, '${'a'.repeat(64)}')`,
      `INSERT INTO lfr.stations (station_id, public_key, login) VALUES ('station-N', '${fake.publicKey}', 'y')`,
      `INSERT INTO lfr.journals (station_id, deployment_id, public_key, opened_at) VALUES ('s', 'd', 'k', now())`,
      `UPDATE lfr.entries SET line = line`,
      `DELETE FROM lfr.verifications`,
    ])
      expect(await refusal(url, sql), sql).toMatch(/permission denied/);
  });

  it('enrols with add-station (password from stdin), refuses a password in argv, and remove-station keeps the rows', async () => {
    const owner = ['--archive', archive.ownerUrl];
    // From a 0600 file (withSecretFiles), not from the command line.
    expect((await run(archiveMain, ['status', '--archive', archive.readerUrl])).code).toBe(0);
    let said = '';
    const inArgv = await archiveMain(
      ['status', '--archive', archive.readerUrl],
      { write: () => 0 },
      { write: (t: string) => (said += t) },
    );
    expect(inArgv).toBe(2);
    expect(said).toMatch(/--archive has a password in it.*LFR_ARCHIVE_URL.*--archive-file/);
    expect(said).not.toContain(':pw@');
    const station = createEphemeralSigner('station-C');
    let out = '';
    const code = await archiveMain(
      withSecretFiles([
        'add-station',
        'station-C',
        '--key',
        station.publicKey,
        '--login',
        `c_${archive.db}`,
        ...owner,
      ]),
      { write: (t: string) => (out += t) },
      { write: () => 0 },
      { readPassword: async () => 'a long station password' },
    );
    expect(code).toBe(0);
    expect(out).toMatch(/enrolled station station-C/);
    const cUrl = archive.url(`c_${archive.db}`, 'a long station password');
    const root = tempDir('rs-trust-c-');
    await writeDeploymentJournal(root, station, plan('CEE', 12));
    await ship(root, cUrl);
    const removed = await run(archiveMain, ['remove-station', 'station-C', ...owner]);
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(/its rows stay/);
    expect(await refusal(cUrl, 'SELECT 1')).toMatch(/not permitted to log in/);
    const rows = await withClient(archive.readerUrl, (c) =>
      c.query(`SELECT count(*)::int AS n FROM lfr.entries WHERE station_id = 'station-C'`),
    );
    expect(rows.rows[0].n).toBeGreaterThan(0);
  });
});

describe('figures only from verified lines of enrolled stations', () => {
  it("never counts a fake station's journal, says where stations disagree, leaves training out and a running deployment in progress", async () => {
    const db = createArchivePool(archive.verifierUrl);
    try {
      const report = await buildTransparencyReport(db, {
        from: '2026-05-01',
        to: '2026-05-31',
        now: () => Date.parse('2026-05-20T10:00:00Z'),
      });
      expect(report.rows.map((r) => r.deploymentId)).toEqual(['R1', 'OWN', 'OWN2', 'CEE']);
      const r1 = report.rows[0]!;
      expect(r1.faces).toBe(1000);
      expect(r1.stations).toEqual(['station-A']);
      expect(report.totals.faces).toBe(4000);
      expect(report.setApart.map((j) => [j.deploymentId, j.stationId, j.standing])).toEqual([
        ['FAKE', 'station-F', 'not-enrolled'],
        ['R1', 'station-F', 'not-enrolled'],
      ]);
      expect(
        report.unverified.map((u) => [u.deploymentId, u.disagreements.map(disagreementSentence)]),
      ).toEqual([
        [
          'DIS',
          [
            'stations disagree about the decision of alert same-DIS-0 (station-A: engage; station-B: no-engage)',
          ],
        ],
      ]);
      expect(report.training).toEqual(['TRN']);
      expect(report.inProgress.map((u) => [u.deploymentId, u.journals.map((j) => j.standing)])).toEqual([
        ['RUN', ['in-progress']],
      ]);
    } finally {
      await db.end();
    }
  });
});

describe('an owner who edits is caught', () => {
  it('catches `data` rewritten with the triggers off (and its expression dropped): verify exits 1, the report marks it', async () => {
    await withClient(archive.ownerUrl, async (c) => {
      await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
      await c.query('ALTER TABLE lfr.entries ALTER COLUMN data DROP EXPRESSION');
      await c.query(
        `UPDATE lfr.entries SET data = jsonb_set(data, '{faces}', '99') WHERE deployment_id = 'OWN' AND type = 'tally'`,
      );
      await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
    });
    const v = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'OWN']);
    expect(v.out).toMatch(
      /^station station-A: tampered at seq \d+: the archived row's data is not what its line says/,
    );
    expect(v.code).toBe(1);
    const r = await run(reportMain, [
      '--archive',
      archive.readerUrl,
      '--from',
      '2026-05-01',
      '--to',
      '2026-05-31',
      '--transparency',
    ]);
    expect(r.out).toMatch(/NOT COUNTED OWN: station station-A: tampered at seq \d+: the archived row's data/);
    expect(r.code).toBe(1);
  });

  it('catches `line` rewritten with the triggers off', async () => {
    await withClient(archive.ownerUrl, async (c) => {
      await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
      await c.query(
        `UPDATE lfr.entries SET line = replace(line, '"faces":1000', '"faces":10') WHERE deployment_id = 'OWN2' AND type = 'tally'`,
      );
      await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
    });
    const v = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'OWN2']);
    expect(v.out).toMatch(/^station station-A: tampered at seq \d+/);
    expect(v.code).toBe(1);
    const r = await run(reportMain, [
      '--archive',
      archive.readerUrl,
      '--from',
      '2026-05-01',
      '--to',
      '2026-05-31',
      '--transparency',
    ]);
    expect(r.out).toMatch(/NOT COUNTED OWN2: station station-A: tampered/);
  });
});
