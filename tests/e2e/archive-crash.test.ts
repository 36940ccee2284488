/**
 * The station with --archive in a child process, killed with SIGKILL in the middle of a
 * 200-alert burst and started again: the archive ends holding exactly the station's
 * journal, every seq once, no gap, and `npm run verify -- --archive` says verified.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as verifyMain } from '../../electron/cli/verify';
import { type TrainingFeedServer } from '../../electron/simulator/feed-server';
import {
  createTestArchive,
  enrolStation,
  journalIdentity,
  reserveStationLogin,
  withClient,
  withSecretFiles,
  type TestArchive,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { journalFile, waitFor } from '../integration/util';
import { burstUntil60Stored, startCrashFeed, startStation, type StationProcess } from './harness';

const TOKEN = 'archive-crash-token';
const children: StationProcess[] = [];
let pg: TestPostgres;
let archive: TestArchive;
let server: TrainingFeedServer;
beforeAll(async () => {
  pg = await startPostgres();
  archive = await createTestArchive(pg, 'crash');
});
afterAll(async () => {
  for (const c of children) await c.stop('SIGKILL');
  await server?.close();
  await pg?.stop();
});

const archivedSeqs = () =>
  withClient(archive.readerUrl, async (c) =>
    (await c.query<{ seq: string }>('SELECT seq FROM lfr.entries ORDER BY seq')).rows.map((r) =>
      Number(r.seq),
    ),
  );

describe('archive through a crash', () => {
  it(
    'ends complete, without gaps or doubles, after SIGKILL mid-burst and a restart',
    { timeout: 300_000 },
    async () => {
      server = await startCrashFeed(TOKEN, 9);
      // Enrolled once it has made its key (its shipper is refused until then, and catches up).
      const login = reserveStationLogin(archive);
      const args = withSecretFiles(['--feed', server.url, '--token', TOKEN, '--archive', login.url]);
      const first = await startStation(args);
      children.push(first);
      await waitFor(() => server.stations.length === 1, 'station connected');
      const file = journalFile(first.dataDir, server.deployment.deploymentId);
      // Its first line (journal-opened, naming the station's key), not just the file.
      await waitFor(() => existsSync(file) && readFileSync(file, 'utf8').includes('\n'), 'journal opened');
      await enrolStation(archive, journalIdentity(file), login);
      const burst = await burstUntil60Stored(server);
      // Some of it is in the archive already, some not: the kill lands mid-shipping.
      await waitFor(async () => (await archivedSeqs()).length > 0, 'shipping started', 60_000);
      await first.stop('SIGKILL');

      const second = await startStation(args, first.dataDir);
      children.push(second);
      await Promise.all(burst);
      await waitFor(
        () => [...server.alerts.values()].every((r) => r.ack === 'stored'),
        'all 200 stored',
        120_000,
      );
      expect(await second.stop('SIGTERM')).toBe(0);

      // The journal (closed by SIGTERM) is the truth; the archive must hold exactly it.
      const lines = readFileSync(journalFile(first.dataDir, server.deployment.deploymentId), 'utf8')
        .split('\n')
        .filter(Boolean);
      const seqs = await archivedSeqs();
      expect(seqs).toEqual(lines.map((_, i) => i + 1));
      const archivedLines = await withClient(archive.readerUrl, async (c) =>
        (await c.query<{ line: string }>('SELECT line FROM lfr.entries ORDER BY seq')).rows.map(
          (r) => r.line,
        ),
      );
      expect(archivedLines).toEqual(lines);
      const alertIds = lines
        .map((l) => JSON.parse(l) as { type: string; data: { alertId?: string } })
        .filter((e) => e.type === 'alert-received')
        .map((e) => e.data.alertId);
      expect(new Set(alertIds).size).toBe(200);
      expect(alertIds).toHaveLength(200);

      let out = '';
      const code = await verifyMain(
        withSecretFiles(['--archive', archive.readerUrl, '--deployment', server.deployment.deploymentId]),
        { write: (t: string) => (out += t) },
        { write: () => undefined },
      );
      expect(out).toMatch(/^station \S+: verified: /);
      expect(code).toBe(0);
    },
  );
});
