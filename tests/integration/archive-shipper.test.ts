/**
 * The archive on a real PostgreSQL: migrations, the shipper copying a real station journal
 * and its images, outages (connection killed, server stopped and started), a conflicting
 * seq raising the alarm, and the append-only rules enforced by the database itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveShipper, DEFAULT_BACKOFF } from '../../electron/archive/shipper';
import { main as archiveMain } from '../../electron/cli/archive';
import { main as verifyMain } from '../../electron/cli/verify';
import { migrateArchive } from '../../electron/archive/migrate';
import { ImageStore } from '../../electron/core/journal/images';
import type { Journal } from '../../electron/core/journal/journal';
import {
  createTestArchive,
  openStationJournal,
  withClient,
  withSecretFiles,
  writeDeploymentJournal,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDir, waitFor } from './util';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function appendAlert(journal: Journal, root: string, deploymentId: string, n: number) {
  const store = new ImageStore(join(root, 'deployments', deploymentId, 'images'));
  const probe = await store.put(randomBytes(64));
  const subject = await store.put(randomBytes(48));
  const image = (sha256: string, bytes: number) => ({
    sha256,
    mime: 'image/jpeg',
    width: 8,
    height: 8,
    bytes,
  });
  await journal.append('alert-received', null, {
    alertId: `a-${n}`,
    seq: n,
    deploymentId,
    capturedAt: new Date().toISOString(),
    camera: { id: 'cam-1', label: 'Cam 1' },
    score: 0.7,
    threshold: 0.6,
    probe: image(probe.sha256, 64),
    subject: {
      entryId: `w-${n}`,
      category: 'c',
      tier: 'amber',
      reason: 'r',
      image: image(subject.sha256, 48),
    },
  });
  return [probe.sha256, subject.sha256];
}

async function archivedSeqs(url: string, deploymentId: string): Promise<number[]> {
  return withClient(url, async (c) =>
    (
      await c.query<{ seq: string }>('SELECT seq FROM lfr.entries WHERE deployment_id = $1 ORDER BY seq', [
        deploymentId,
      ])
    ).rows.map((r) => Number(r.seq)),
  );
}

const lines = (root: string, id: string) =>
  readFileSync(join(root, 'deployments', id, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);

describe('archive migrations', () => {
  it('creates the schema, roles and monthly partitions, and a second run changes nothing', async () => {
    const archive = await createTestArchive(server, 'mig');
    const again = await migrateArchive(archive.ownerUrl);
    expect(again.applied).toEqual([]);
    expect(again.partitionsCreated).toBe(0);
    const { rows } = await server.query(
      `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'lfr.entries'::regclass`,
      [],
      archive.db,
    );
    expect(rows[0].n).toBe(37); // 36 months and the default partition
    const roles = await server.query(`SELECT rolname FROM pg_roles WHERE rolname LIKE 'lfr\\_%' ORDER BY 1`);
    expect(roles.rows.map((r) => String(r.rolname))).toEqual([
      'lfr_reader',
      'lfr_retention',
      'lfr_station',
      'lfr_verifier',
    ]);
  });
});

describe('npm run archive', () => {
  const run = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await archiveMain(
      withSecretFiles(argv),
      { write: (t: string) => (out += t) },
      { write: (t: string) => (err += t) },
    );
    return { code, out, err };
  };
  it('migrates (again: nothing to do), reports status with alarms, and refuses bad usage', async () => {
    const archive = await createTestArchive(server, 'cli');
    const again = await run(['migrate', '--archive', server.url(archive.db, 'postgres', 'sekret')]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/schema already current; 0 monthly partitions created/);
    // The URL is shown without its password.
    expect(again.out).toContain('postgres:***@');
    expect(again.out).not.toContain('sekret');
    // A station may not migrate.
    expect((await run(['migrate', '--archive', archive.stationUrl])).code).toBe(1);
    await withClient(archive.ownerUrl, (c) =>
      c.query(
        `INSERT INTO lfr.conflicts (station_id, deployment_id, seq, archived_hash, offered_hash) VALUES ('s', 'd', 3, 'a', 'b')`,
      ),
    );
    const status = await run(['status', '--archive', archive.readerUrl]);
    expect(status.out).toMatch(/ALARM: station s offered another entry at seq 3 of d/);
    expect(status.code).toBe(1);
    expect((await run([])).code).toBe(2);
    expect((await run(['nope'])).code).toBe(2);
    expect((await run(['migrate', '--archive', 'https://x/y'])).code).toBe(2);
    expect((await run(['migrate', '--archive', archive.ownerUrl, '--months', '0'])).code).toBe(2);
  });
});

describe('shipper', () => {
  it('ships every entry and image of a real journal in order, and only once', async () => {
    const archive = await createTestArchive(server);
    const root = tempDir('rs-archive-');
    const { journal } = await openStationJournal(root, 'dep-1', archive.stationSigner);
    const images: string[] = [];
    for (let n = 1; n <= 30; n++) images.push(...(await appendAlert(journal, root, 'dep-1', n)));
    const shipper = new ArchiveShipper({ url: archive.stationUrl, root, pollMs: 50 });
    shipper.start();
    const status = await shipper.drain();
    expect(status).toMatchObject({ state: 'current', behindEntries: 0, alarm: null });
    expect(status.lastShippedAt).not.toBeNull();
    const expected = lines(root, 'dep-1').map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(await archivedSeqs(archive.readerUrl, 'dep-1')).toEqual(expected);

    const stored = await withClient(archive.readerUrl, async (c) => ({
      lines: (await c.query('SELECT line FROM lfr.entries ORDER BY seq')).rows.map((r) => r.line as string),
      images: (await c.query('SELECT sha256, bytes FROM lfr.images')).rows as {
        sha256: string;
        bytes: Buffer;
      }[],
    }));
    expect(stored.lines).toEqual(lines(root, 'dep-1'));
    expect(new Set(stored.images.map((i) => i.sha256))).toEqual(new Set(images));
    for (const i of stored.images) expect(createHash('sha256').update(i.bytes).digest('hex')).toBe(i.sha256);

    // A second shipper (a restart) resumes from the archive's last seq and doubles nothing.
    await shipper.stop();
    await appendAlert(journal, root, 'dep-1', 31);
    await journal.close();
    const again = new ArchiveShipper({ url: archive.stationUrl, root, pollMs: 50 });
    again.start();
    expect((await again.drain()).behindEntries).toBe(0);
    await again.stop();
    const after = await archivedSeqs(archive.readerUrl, 'dep-1');
    expect(after).toEqual(lines(root, 'dep-1').map((l) => (JSON.parse(l) as { seq: number }).seq));
    expect(new Set(after).size).toBe(after.length);
  });

  it('retries at most every 1.5 s while the archive is down, and is current again after it returns', async () => {
    const archive = await createTestArchive(server);
    const root = tempDir('rs-archive-');
    const { journal } = await openStationJournal(root, 'dep-b1', archive.stationSigner);
    for (let n = 1; n <= 3; n++) await appendAlert(journal, root, 'dep-b1', n);
    expect(DEFAULT_BACKOFF.maxMs).toBeLessThanOrEqual(1500);
    const shipper = new ArchiveShipper({ url: archive.stationUrl, root, pollMs: 20 });
    shipper.start();
    expect((await shipper.drain()).behindEntries).toBe(0);
    const archived = lines(root, 'dep-b1').length;
    server.halt();
    try {
      // Appended while the shipper polls: the first offline cycle sees only some of them, and
      // the count must still come to every entry not in the archive (not the first few read).
      for (let n = 4; n <= 23; n++) {
        await appendAlert(journal, root, 'dep-b1', n);
        if (n === 6) await waitFor(() => shipper.status().state === 'offline', 'offline');
      }
      const backlog = lines(root, 'dep-b1').length - archived;
      expect(backlog).toBeGreaterThanOrEqual(20);
      await waitFor(() => shipper.status().behindEntries === backlog, `exactly ${backlog} behind`);
      expect(shipper.status()).toMatchObject({ state: 'offline', behindEntries: backlog });
    } finally {
      server.start();
    }
    await waitFor(() => shipper.status().state !== 'offline', 'no longer offline');
    await waitFor(() => shipper.status().state === 'current', 'current again');
    expect(shipper.status().behindEntries).toBe(0);
    await shipper.stop();
  });

  it('catches up after its connections are killed and after the server stops and starts', async () => {
    const archive = await createTestArchive(server);
    const root = tempDir('rs-archive-');
    const { journal } = await openStationJournal(root, 'dep-out', archive.stationSigner);
    const shipper = new ArchiveShipper({
      url: archive.stationUrl,
      root,
      pollMs: 20,
      backoff: { baseMs: 20, maxMs: 200 },
    });
    shipper.start();
    for (let n = 1; n <= 10; n++) await appendAlert(journal, root, 'dep-out', n);
    await shipper.drain();

    // The connection dropped under it while entries keep coming.
    const killed = await server.query(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = $2`,
      [new URL(archive.stationUrl).username, archive.db],
    );
    expect(killed.rows[0].n).toBeGreaterThan(0);
    for (let n = 11; n <= 20; n++) await appendAlert(journal, root, 'dep-out', n);
    shipper.nudge();

    // The whole server gone: the shipper goes offline, the journal keeps growing.
    server.halt();
    for (let n = 21; n <= 40; n++) await appendAlert(journal, root, 'dep-out', n);
    shipper.nudge();
    await waitFor(() => shipper.status().state === 'offline', 'shipper offline');
    expect(shipper.status().behindEntries).toBeGreaterThan(0);
    server.start();
    await waitFor(async () => (await shipper.drain(5000)).state === 'current', 'caught up', 60_000);
    await shipper.stop();
    await journal.close();
    const expected = lines(root, 'dep-out').map((l) => (JSON.parse(l) as { seq: number }).seq);
    // journal.close() wrote two more entries after the shipper stopped: a restart ships them.
    const restarted = new ArchiveShipper({ url: archive.stationUrl, root });
    restarted.start();
    await restarted.drain();
    await restarted.stop();
    expect(await archivedSeqs(archive.readerUrl, 'dep-out')).toEqual(expected);
  });

  it('raises an integrity alarm for the same seq with another hash and overwrites nothing', async () => {
    const archive = await createTestArchive(server);
    const root = tempDir('rs-archive-');
    const { journal } = await openStationJournal(root, 'dep-x', archive.stationSigner);
    await appendAlert(journal, root, 'dep-x', 1);
    const shipper = new ArchiveShipper({ url: archive.stationUrl, root, pollMs: 20 });
    shipper.start();
    await shipper.drain();
    const next = journal.lastSeq + 1;
    // Someone put another entry at the next seq into the archive (the owner, say).
    const forged = 'f'.repeat(64);
    await server.query(
      `INSERT INTO lfr.entry_index (station_id, deployment_id, seq, hash) VALUES ($1, 'dep-x', $2, $3)`,
      [journal.stationId, next, forged],
      archive.db,
    );
    await appendAlert(journal, root, 'dep-x', 2);
    shipper.nudge();
    await waitFor(() => shipper.status().alarm, 'alarm');
    expect(shipper.status().alarm).toMatch(new RegExp(`integrity alarm: .*seq ${next} of dep-x`));
    await shipper.stop();
    await journal.close();
    const rows = await withClient(archive.readerUrl, async (c) => ({
      index: (await c.query('SELECT hash FROM lfr.entry_index WHERE seq = $1', [next])).rows,
      conflicts: (await c.query('SELECT seq, archived_hash, offered_hash FROM lfr.conflicts')).rows,
    }));
    expect(rows.index).toEqual([{ hash: forged }]);
    expect(rows.conflicts).toEqual([
      {
        seq: String(next),
        archived_hash: forged,
        offered_hash: JSON.parse(lines(root, 'dep-x')[next - 1]!).hash,
      },
    ]);
  });
});

describe('append-only by construction', () => {
  it('refuses updates and deletes by the station, readers and even the owner; purges only image bytes, honouring legal holds', async () => {
    const archive = await createTestArchive(server);
    const root = tempDir('rs-archive-');
    const { journal } = await openStationJournal(root, 'dep-p', archive.stationSigner);
    const [probe] = await appendAlert(journal, root, 'dep-p', 1);
    const held = await openStationJournal(root, 'dep-held', archive.stationSigner);
    const [heldProbe] = await appendAlert(held.journal, root, 'dep-held', 1);
    await held.journal.append('legal-hold', { id: 'S1', name: 'Sup' }, { active: true, reason: 'complaint' });
    const shipper = new ArchiveShipper({ url: archive.stationUrl, root });
    shipper.start();
    await shipper.drain();
    await shipper.stop();

    const refused = async (url: string, sql: string, params: unknown[] = []) =>
      withClient(url, async (c) => {
        try {
          await c.query(sql, params);
          return null;
        } catch (error) {
          return (error as Error).message;
        }
      });
    for (const url of [archive.stationUrl, archive.readerUrl, archive.ownerUrl]) {
      expect(await refused(url, `UPDATE lfr.entries SET type = 'x' WHERE seq = 1`)).toMatch(
        /append-only|permission denied/,
      );
      expect(await refused(url, `DELETE FROM lfr.entries`)).toMatch(/append-only|permission denied/);
      expect(await refused(url, `DELETE FROM lfr.entry_index`)).toMatch(/append-only|permission denied/);
      expect(await refused(url, `UPDATE lfr.images SET bytes = NULL`)).toMatch(
        /lfr_retention|permission denied/,
      );
      expect(await refused(url, `DELETE FROM lfr.images`)).toMatch(/append-only|permission denied/);
      expect(await refused(url, `TRUNCATE lfr.entries`)).toMatch(/append-only|permission denied/);
    }
    // The station may not read other stations' entries or alter the schema.
    expect(await refused(archive.stationUrl, 'SELECT line FROM lfr.entries')).toMatch(/permission denied/);
    expect(await refused(archive.stationUrl, 'CREATE TABLE lfr.x (a int)')).toMatch(/permission denied/);

    // The purge role: bytes to NULL, with a record; never anything else; never under a hold.
    expect(
      await refused(archive.retentionUrl, `UPDATE lfr.images SET size = 1 WHERE sha256 = $1`, [probe]),
    ).toMatch(/permission denied|changes nothing else/);
    expect(
      await refused(archive.retentionUrl, `UPDATE lfr.images SET bytes = NULL WHERE sha256 = $1`, [
        heldProbe,
      ]),
    ).toMatch(/legal hold/);
    expect(
      await refused(archive.retentionUrl, `UPDATE lfr.images SET bytes = NULL WHERE sha256 = $1`, [probe]),
    ).toBeNull();
    const after = await withClient(archive.readerUrl, async (c) => ({
      image: (await c.query('SELECT bytes, purged_at FROM lfr.images WHERE sha256 = $1', [probe])).rows[0],
      purges: (await c.query('SELECT sha256, purged_by FROM lfr.image_purges')).rows,
    }));
    expect(after.image.bytes).toBeNull();
    expect(after.image.purged_at).not.toBeNull();
    expect(after.purges).toEqual([{ sha256: probe, purged_by: 'purger' }]);
    await journal.close();
    await held.journal.close();
  });

  it('purges image bytes past retention as the retention role, never under a legal hold, with a record', async () => {
    const archive = await createTestArchive(server);
    const root = tempDir('rs-archive-');
    const signer = archive.stationSigner;
    const old = { startsAt: '2025-01-10T09:00:00Z', place: 'X', watchlistSize: 1, tallies: [], alerts: [{}] };
    await writeDeploymentJournal(root, signer, { ...old, deploymentId: 'OLD' });
    await writeDeploymentJournal(root, signer, { ...old, deploymentId: 'HELD', legalHold: true });
    await writeDeploymentJournal(root, signer, {
      ...old,
      deploymentId: 'NEW',
      startsAt: new Date().toISOString(),
    });
    const shipper = new ArchiveShipper({ url: archive.stationUrl, root });
    shipper.start();
    await shipper.drain();
    await shipper.stop();
    const run = async (argv: string[]) => {
      let out = '';
      const code = await archiveMain(
        withSecretFiles(argv),
        { write: (t: string) => (out += t) },
        { write: () => undefined },
      );
      return { code, out };
    };
    expect((await run(['purge', '--archive', archive.retentionUrl, '--dry-run'])).out).toMatch(
      /^would purge the bytes of 2 images past retention; 2 kept under legal hold/,
    );
    const done = await run(['purge', '--archive', archive.retentionUrl]);
    expect(done).toEqual({
      code: 0,
      out: expect.stringMatching(/^purged the bytes of 2 images past retention; 2 kept/),
    });
    const state = await withClient(archive.readerUrl, (c) =>
      c.query<{ deployment_id: string; purged: boolean }>(
        `SELECT DISTINCT r.deployment_id, i.bytes IS NULL AS purged FROM lfr.image_refs r JOIN lfr.images i USING (sha256) ORDER BY 1`,
      ),
    );
    expect(state.rows).toEqual([
      { deployment_id: 'HELD', purged: false },
      { deployment_id: 'NEW', purged: false },
      { deployment_id: 'OLD', purged: true },
    ]);
    const records = await withClient(archive.readerUrl, (c) =>
      c.query('SELECT count(*)::int AS n FROM lfr.image_purges'),
    );
    expect(records.rows[0]).toEqual({ n: 2 });
    // The station's role cannot run it.
    expect((await run(['purge', '--archive', archive.stationUrl])).code).not.toBe(0);
    // The old deployment still verifies from the archive: purged bytes count as purged, not missing.
    let out = '';
    const code = await verifyMain(
      withSecretFiles(['--archive', archive.readerUrl, '--deployment', 'OLD']),
      { write: (t: string) => (out += t) },
      { write: () => undefined },
    );
    expect(out).toMatch(/verified: .*2 purged under retention/);
    expect(code).toBe(0);
  });
});
