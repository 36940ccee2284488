/**
 * The station core with --archive, on a real feed server and a real PostgreSQL: every
 * journal entry reaches the archive, the snapshot says how far behind it is, `tally`
 * is journalled once and counted in the deployment panel's figure; without --archive
 * the snapshot has no archive at all.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStationCore } from '../../electron/core/station-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import type { StationSnapshot } from '../../shared/view';
import {
  createTestArchive,
  enrolStation,
  journalIdentity,
  reserveStationLogin,
  withClient,
} from '../helpers/archive';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { journalFile, tempDir, waitFor } from './util';
import { archivePortsOf } from '../../electron/archive/station-link';
import { testKeyDir } from '../helpers/station';

const TOKEN = 'archive-token';
let server: TestPostgres;
let cleanup: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  cleanup = [];
});

async function station(feedUrl: string, archiveUrl: string | null) {
  const dataDir = tempDir();
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  writeFileSync(join(dataDir, 'station', 'settings.json'), JSON.stringify({ dwellMs: 0 }));
  const core = await startStationCore({
    dataDir,
    keyDir: testKeyDir(dataDir),
    feedUrl,
    token: TOKEN,
    mode: 'browser',
    appVersion: 'test',
    ackTimeoutMs: 1000,
    ...archivePortsOf({ archive: archiveUrl, archiveReader: null }),
  });
  cleanup.push(() => core.close());
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  return { core, dataDir, snapshot: () => latest };
}

describe('station with --archive', () => {
  it('ships its journal as it grows, shows the archive current, and journals tally once', async () => {
    const archive = await createTestArchive(server, 'station');
    const feed = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
    cleanup.push(() => feed.close());
    // The station makes its key at its first start; it is enrolled once it has one, and
    // its shipper, refused until then, catches up.
    const login = reserveStationLogin(archive);
    const { dataDir, snapshot } = await station(feed.url, login.url);
    await waitFor(() => feed.stations.length === 1, 'station connected');
    // Its first line whole, not only the file: the station creates the file, then writes it.
    await waitFor(() => {
      const file = journalFile(dataDir, feed.deployment.deploymentId);
      return existsSync(file) && readFileSync(file, 'utf8').includes('\n');
    }, 'journal opened');
    await enrolStation(archive, journalIdentity(journalFile(dataDir, feed.deployment.deploymentId)), login);
    for (let i = 0; i < 5; i++) await feed.emitAlert({ reuseImages: true });
    const answers = await feed.emitTallies();
    const stored = (answers as Array<{ status?: string } | null>).filter((a) => a?.status === 'stored');
    expect(stored.length).toBe(feed.deployment.cameras.length);
    // The same periods again (a server resending after a lost answer): stored, not counted twice.
    const faces = feed.talliesStored.reduce((s: number, t) => s + (t as { faces: number }).faces, 0);
    for (const t of feed.talliesStored) expect(await feed.emitRaw('tally', t)).toEqual({ status: 'stored' });
    expect(
      await feed.emitRaw('tally', {
        v: 1,
        deploymentId: 'nope',
        cameraId: 'c',
        from: 'x',
        to: 'y',
        faces: 1,
      }),
    ).toMatchObject({
      status: 'rejected',
    });
    await waitFor(() => snapshot()?.facesCompared === faces, 'faces compared in the snapshot');

    const file = journalFile(dataDir, feed.deployment.deploymentId);
    const lines = () => readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines().filter((l) => l.includes('"type":"tally"'))).toHaveLength(feed.deployment.cameras.length);
    const archived = () =>
      withClient(archive.readerUrl, async (c) =>
        (await c.query<{ line: string }>('SELECT line FROM lfr.entries ORDER BY seq')).rows.map(
          (r) => r.line,
        ),
      );
    await waitFor(async () => (await archived()).length === lines().length, 'every entry archived', 30_000);
    expect(await archived()).toEqual(lines());
    await waitFor(() => snapshot()?.archive?.behindEntries === 0, 'the status bar says so');
    expect(snapshot()?.archive).toMatchObject({
      state: 'current',
      alarm: null,
      lastShippedAt: expect.any(String),
    });
  });

  it('without --archive the snapshot has no archive', async () => {
    const feed = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
    cleanup.push(() => feed.close());
    const { snapshot } = await station(feed.url, null);
    await waitFor(() => snapshot()?.deployment, 'deployment');
    expect(snapshot()).not.toHaveProperty('archive');
  });
});
