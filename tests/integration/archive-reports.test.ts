/**
 * Reading the archive back, on a real PostgreSQL: `npm run verify -- --archive` gives the
 * journal-v1 verdict of each station's journal with the file verifier's exit codes, and
 * the transparency report counts only verified deployments, lists the rest apart, and its
 * totals are the sums of its rows.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArchivePool } from '../../electron/archive/connection';
import { loadArchivedReplay } from '../../electron/archive/replay-archive';
import { COUNTED_FIELDS } from '../../electron/archive/transparency-totals';
import { main as verifyMain } from '../../electron/cli/verify';
import { main as reportMain } from '../../electron/cli/report';
import { createEphemeralSigner } from '../../electron/core/identity';
import {
  createTestArchive,
  enrolStation,
  withClient,
  withSecretFiles,
  writeDeploymentJournal,
  type TestArchive,
  shipAll,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDir } from './util';
import { pdfTextRuns } from '../unit/report-pdf-text';

let server: TestPostgres;
let archive: TestArchive;
let stationBUrl: string;
const stationA = createEphemeralSigner('station-A');
const stationB = createEphemeralSigner('station-B');
const rootA = tempDir('rs-arch-a-');
const rootB = tempDir('rs-arch-b-');

async function ship(root: string, url = archive.stationUrl) {
  expect((await shipAll(root, url)).behindEntries).toBe(0);
}

function collect() {
  let text = '';
  return {
    write: (t: string) => (text += t),
    get text() {
      return text;
    },
  };
}

async function run(main: typeof verifyMain, argv: string[]) {
  const out = collect();
  const err = collect();
  const code = await main(withSecretFiles(argv), out, err);
  return { code, out: out.text, err: err.text };
}

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'reports', stationA);
  stationBUrl = await enrolStation(archive, stationB);
  // Two stations on one deployment, then deployments in two months, one left open, one tampered.
  await writeDeploymentJournal(rootA, stationA, {
    deploymentId: 'D1',
    startsAt: '2026-03-02T09:00:00Z',
    place: 'Oxford Circus',
    watchlistSize: 1200,
    tallies: [1000, 2500],
    alerts: [
      { decision: 'engage', result: 'confirmed-true', action: 'arrest', stopMinutes: 12 },
      { decision: 'no-engage', reasons: ['subject-features-differ'] },
    ],
  });
  await writeDeploymentJournal(
    rootB,
    stationB,
    {
      deploymentId: 'D1',
      startsAt: '2026-03-02T09:00:00Z',
      place: 'Oxford Circus',
      watchlistSize: 1200,
      tallies: [],
      alerts: [{ decision: 'engage', result: 'confirmed-false', action: 'advice', stopMinutes: 4 }],
    },
    'b',
  );
  await writeDeploymentJournal(rootA, stationA, {
    deploymentId: 'D2',
    startsAt: '2026-04-10T09:00:00Z',
    place: 'Croydon',
    watchlistSize: 800,
    tallies: [4000],
    alerts: [
      { decision: 'engage', result: 'not-located' },
      { decision: 'engage', result: 'confirmed-true', action: 'arrest', stopMinutes: 30 },
    ],
  });
  await writeDeploymentJournal(rootA, stationA, {
    deploymentId: 'D3',
    startsAt: '2026-04-20T09:00:00Z',
    place: 'Stratford',
    watchlistSize: 500,
    tallies: [700],
    alerts: [{ decision: 'engage' }],
    leaveOpen: true,
  });
  await writeDeploymentJournal(rootB, stationB, {
    deploymentId: 'D4',
    startsAt: '2026-04-22T09:00:00Z',
    place: 'Brixton',
    watchlistSize: 300,
    tallies: [900],
    alerts: [{ decision: 'engage', result: 'confirmed-true', action: 'arrest', stopMinutes: 20 }],
  });
  await ship(rootA);
  await ship(rootB, stationBUrl);
  // The owner goes around the triggers (only a superuser can) and edits an archived entry
  // of D4: the archive's own verification must catch it.
  await withClient(archive.ownerUrl, async (c) => {
    await c.query('ALTER TABLE lfr.entries DISABLE TRIGGER USER');
    await c.query(
      `UPDATE lfr.entries SET line = replace(line, '"faces":900', '"faces":9') WHERE deployment_id = 'D4' AND type = 'tally'`,
    );
    await c.query('ALTER TABLE lfr.entries ENABLE TRIGGER USER');
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('npm run verify -- --archive', () => {
  it('gives each station journal its verdict, one line each, exit 0 when all verify', async () => {
    const r = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'D1']);
    expect(r.err).toBe('');
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^station station-A: verified: signed by/);
    expect(lines[1]).toMatch(/^station station-B: verified: /);
    expect(r.code).toBe(0);
  });

  it('narrows to one station, and exits 3 for an unsealed journal and 1 for a tampered one', async () => {
    const one = await run(verifyMain, [
      '--archive',
      archive.readerUrl,
      '--deployment',
      'D1',
      '--station',
      'station-B',
    ]);
    expect(one.out.trim().split('\n')).toHaveLength(1);
    expect(one.code).toBe(0);
    const open = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'D3']);
    expect(open.out).toMatch(/^station station-A: unsealed: /);
    expect(open.code).toBe(3);
    const tampered = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'D4']);
    expect(tampered.out).toMatch(/^station station-B: tampered at seq \d+: hash does not match the entry/);
    expect(tampered.code).toBe(1);
  });

  it('refuses a journal filed under another deployment than its journal-opened names', async () => {
    await withClient(archive.ownerUrl, async (c) => {
      await c.query(
        `INSERT INTO lfr.entry_index SELECT station_id, 'D9', seq, hash FROM lfr.entry_index WHERE deployment_id = 'D2' ORDER BY seq`,
      );
      await c.query(
        `INSERT INTO lfr.entries (station_id, deployment_id, seq, at, type, actor_id, hash, line)
         SELECT station_id, 'D9', seq, at, type, actor_id, hash, line FROM lfr.entries WHERE deployment_id = 'D2' ORDER BY seq`,
      );
    });
    const r = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'D9']);
    expect(r.out).toMatch(
      /tampered at seq 1: archived as station station-A, deployment D9, but its journal-opened names .*deployment D2/,
    );
    expect(r.code).toBe(1);
  });

  it('with a trust file: a key not on it is an untrusted key (exit 1); on it, verified', async () => {
    const dir = tempDir('rs-trust-');
    const onlyA = join(dir, 'trust.txt');
    writeFileSync(onlyA, `station-A ${stationA.publicKey} Station A\n`);
    const b = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'D1', '--trust', onlyA]);
    expect(b.out).toMatch(/station station-A: verified: signed by a trusted key \(Station A\)/);
    expect(b.out).toMatch(/station station-B: untrusted key: /);
    expect(b.code).toBe(1);
  });

  it('usage errors and an unknown deployment exit 2', async () => {
    expect((await run(verifyMain, ['--archive', archive.readerUrl])).code).toBe(2);
    expect((await run(verifyMain, ['--archive', 'http://x/y', '--deployment', 'D1'])).code).toBe(2);
    const none = await run(verifyMain, ['--archive', archive.readerUrl, '--deployment', 'nope']);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/holds no journal for deployment nope/);
  });
});

describe('one replay across stations', () => {
  it('verifies each station journal and merges them on one timeline, each event with its station and officer', async () => {
    const db = createArchivePool(archive.readerUrl);
    try {
      const replay = await loadArchivedReplay(db, 'D1');
      expect(replay.stations?.map((s) => [s.stationId, s.integrity.status])).toEqual([
        ['station-A', 'verified'],
        ['station-B', 'verified'],
      ]);
      expect(replay.alerts).toHaveLength(3);
      expect(new Set(replay.alerts.flatMap((a) => a.stations))).toEqual(new Set(['station-A', 'station-B']));
      const decided = replay.events.filter((e) => e.type === 'decision');
      expect(decided.map((e) => e.station).sort()).toEqual(['station-A', 'station-A', 'station-B']);
      for (const e of decided) expect(e.actor).toEqual({ id: 'PC1', name: 'PC One' });
      const times = replay.events.map((e) => e.at);
      expect(times).toEqual([...times].sort());
    } finally {
      await db.end();
    }
    const dir = tempDir('rs-merged-');
    const r = await run(reportMain, [
      '--archive',
      archive.readerUrl,
      '--deployment',
      'D1',
      '--csv',
      join(dir, 'd1.csv'),
      '--pdf',
      join(dir, 'd1.pdf'),
    ]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^station station-A: verified/m);
    expect(r.out).toMatch(/^station station-B: verified/m);
    expect(r.out).toMatch(/deployment D1: 2 stations, 3 alerts/);
    expect(r.out).toMatch(/csv: .*d1\.csv/);
    expect(r.code).toBe(0);
    const tampered = await run(reportMain, ['--archive', archive.readerUrl, '--deployment', 'D4']);
    expect(tampered.code).toBe(1);
  });
});

describe('transparency report', () => {
  it('counts verified deployments only, lists the rest apart, and its totals are the sums of its rows', async () => {
    const dir = tempDir('rs-transp-');
    const csv = join(dir, 'report.csv');
    const pdf = join(dir, 'report.pdf');
    // Run as the verifier's role, the only one that may record verdicts.
    const r = await run(reportMain, [
      '--archive',
      archive.verifierUrl,
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-30',
      '--transparency',
      '--csv',
      csv,
      '--pdf',
      pdf,
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(1); // written, but D3, D4 and D9 (a misfiled copy of D2) are not counted
    expect(r.out).toMatch(/2 deployments counted, 3 not counted/);
    expect(r.out).toMatch(/NOT COUNTED D3: station station-A: unsealed/);
    expect(r.out).toMatch(/NOT COUNTED D4: station station-B: tampered/);

    const rows = readFileSync(csv, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const bySection = (s: string) => rows.filter((row) => row[0] === s);
    const deployments = bySection('deployment');
    expect(deployments.map((d) => d[col('deploymentId')])).toEqual(['D1', 'D2']);
    const d1 = deployments[0]!;
    // Both stations' alerts, faces from tally, false alerts by the replay definitions.
    expect(d1[col('facesCompared')]).toBe('3500');
    expect(d1[col('alerts')]).toBe('3');
    expect(d1[col('engaged')]).toBe('2');
    expect(d1[col('confirmedFalse')]).toBe('1');
    expect(d1[col('falseAlerts')]).toBe('2');
    expect(d1[col('arrests')]).toBe('1');
    expect(d1[col('stations')]).toBe('station-A;station-B');
    expect(d1[col('falseAlertsPer1000Faces')]).toBe(String(Math.round((2 / 3500) * 1000 * 10000) / 10000));

    const total = bySection('total')[0]!;
    const csvColumns = [
      'facesCompared',
      'alerts',
      'engaged',
      'confirmedTrue',
      'confirmedFalse',
      'notLocated',
      'arrests',
      'falseAlerts',
      'watchlistSize',
      'stops',
    ];
    expect(COUNTED_FIELDS.length).toBe(8);
    for (const name of csvColumns) {
      const sum = deployments.reduce((s, d) => s + Number(d[col(name)]), 0);
      expect(Number(total[col(name)]), `total ${name}`).toBe(sum);
      const monthSum = bySection('month').reduce((s, m) => s + Number(m[col(name)]), 0);
      expect(monthSum, `months ${name}`).toBe(sum);
    }
    expect(total[col('deployments')]).toBe('2');
    expect(bySection('month').map((m) => m[col('month')])).toEqual(['2026-03', '2026-04']);
    expect(bySection('not-counted').map((u) => u[col('deploymentId')])).toEqual(['D9', 'D3', 'D4']); // by date
    expect(total[col('facesCompared')]).toBe('7500'); // D3 and D4's faces are not in it

    expect(existsSync(pdf)).toBe(true);
    const text = pdfTextRuns(readFileSync(pdf)).join('\n');
    expect(text).toContain('transparency report');
    expect(text).toContain('Not counted');
    expect(text).toContain('Alerts by month');

    // A second run reuses the recorded verdicts of journals that did not grow.
    const again = await run(reportMain, [
      '--archive',
      archive.verifierUrl,
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-30',
      '--transparency',
    ]);
    expect(again.out).toMatch(/journals 0 verified now, 6 unchanged since recorded/);
    const forced = await run(reportMain, [
      '--archive',
      archive.readerUrl,
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-30',
      '--transparency',
      '--reverify',
    ]);
    expect(forced.out).toMatch(/journals 6 verified now, 0 unchanged/);
    // A reader may make the report, but records nothing (and so reuses nothing of its own).
    const asReader = await run(reportMain, [
      '--archive',
      archive.readerUrl,
      '--from',
      '2026-03-01',
      '--to',
      '2026-04-30',
      '--transparency',
    ]);
    expect(asReader.out).toMatch(/2 deployments counted, 3 not counted/);
  });

  it('refuses bad dates and a missing --transparency with exit 2', async () => {
    expect(
      (
        await run(reportMain, [
          '--archive',
          archive.readerUrl,
          '--from',
          '2026-02-30',
          '--to',
          '2026-03-01',
          '--transparency',
        ])
      ).code,
    ).toBe(2);
    expect(
      (await run(reportMain, ['--archive', archive.readerUrl, '--from', '2026-03-01', '--to', '2026-03-02']))
        .code,
    ).toBe(2);
  });
});
