/**
 * `npm run bench -- archive`: the evidence archive on a real PostgreSQL (Debian's server,
 * started here with fsync and synchronous commit on, as a force would run it).
 *  1. Replication during a 200-alert burst: the station's journal takes the burst (two
 *     20 KiB images an alert) while the shipper copies it; lag = from the entry's fsync in
 *     the journal to its row being visible in the archive.
 *  2. Catch-up: a 5,000-entry journal shipped from nothing (entries/s).
 *  3. The transparency report over 1,000 deployments and 1,000,000 entries
 *     (archive-transparency.ts: first, incremental and from-scratch `--reverify`, and with
 *     recorded verdicts, beside a bare SHA-256 floor; archive-load.ts loads the data).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addStation } from '../electron/archive/enrol';
import { migrateArchive } from '../electron/archive/migrate';
import { ArchiveShipper } from '../electron/archive/shipper';
import { ImageStore } from '../electron/core/journal/images';
import { Journal } from '../electron/core/journal/journal';
import { createEphemeralSigner, type Signer } from '../electron/core/identity';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres';
import { percentile } from './stats';
import { benchTransparency, type TransparencyBench } from './archive-transparency';

export interface ArchiveBench {
  burst: {
    alerts: number;
    entries: number;
    imagesMiB: number;
    lagP50Ms: number;
    lagP99Ms: number;
    lagMaxMs: number;
    entriesPerSecond: number;
  };
  catchUp: { entries: number; entriesPerSecond: number };
  transparency: TransparencyBench;
}

const BURST_SIGNER = createEphemeralSigner('bench-burst');
const BACKLOG_SIGNER = createEphemeralSigner('bench-backlog');

/** The archive, with the two shipping stations enrolled (each writes only as itself). */
async function stationArchive(
  server: TestPostgres,
): Promise<{ ownerUrl: string; burstUrl: string; backlogUrl: string }> {
  const ownerUrl = await server.createDatabase('bench');
  await migrateArchive(ownerUrl, { partitionsFrom: new Date('2025-01-01T00:00:00Z'), months: 36 });
  const enrol = async (signer: Signer, login: string) => {
    const password = randomBytes(12).toString('hex');
    await addStation(ownerUrl, {
      stationId: signer.stationId,
      publicKey: signer.publicKey,
      login,
      label: login,
      password,
    });
    return server.url('bench', login, password);
  };
  return {
    ownerUrl,
    burstUrl: await enrol(BURST_SIGNER, 'bench_burst'),
    backlogUrl: await enrol(BACKLOG_SIGNER, 'bench_backlog'),
  };
}

async function benchBurst(stationUrl: string, readerUrl: string): Promise<ArchiveBench['burst']> {
  const root = mkdtempSync(join(tmpdir(), 'rs-bench-archive-'));
  const { journal } = await Journal.open({
    file: join(root, 'deployments', 'BURST', 'journal.jsonl'),
    deploymentId: 'BURST',
    signer: BURST_SIGNER,
    appVersion: 'bench',
  });
  const store = new ImageStore(join(root, 'deployments', 'BURST', 'images'));
  const shipper = new ArchiveShipper({ url: stationUrl, root });
  shipper.start();
  await shipper.drain();
  const watcher = new pg.Client({ connectionString: readerUrl });
  watcher.on('error', () => undefined);
  await watcher.connect();
  const seen = new Map<number, number>();
  let watching = true;
  const watch = (async () => {
    let last = 0;
    while (watching) {
      const { rows } = await watcher.query<{ m: string | null }>(
        `SELECT max(seq) AS m FROM lfr.entry_index WHERE deployment_id = 'BURST'`,
      );
      const now = performance.now();
      const max = Number(rows[0]?.m ?? 0);
      for (let s = last + 1; s <= max; s++) seen.set(s, now);
      last = Math.max(last, max);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const appended = new Map<number, number>();
  const alerts = 200;
  let imageBytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: alerts }, async (_, i) => {
      const probe = await store.put(randomBytes(20 * 1024));
      const subject = await store.put(randomBytes(20 * 1024));
      imageBytes += 40 * 1024;
      const image = (sha256: string) => ({
        sha256,
        mime: 'image/jpeg',
        width: 8,
        height: 8,
        bytes: 20 * 1024,
      });
      const entry = await journal.append('alert-received', null, {
        alertId: `burst-${i}`,
        seq: i + 1,
        deploymentId: 'BURST',
        capturedAt: new Date().toISOString(),
        camera: { id: 'cam-1', label: 'Cam 1' },
        score: 0.7,
        threshold: 0.6,
        probe: image(probe.sha256),
        subject: {
          entryId: `w-${i}`,
          category: 'c',
          tier: 'amber',
          reason: 'r',
          image: image(subject.sha256),
        },
      });
      appended.set(entry.seq, performance.now());
    }),
  );
  const lastSeq = journal.lastSeq;
  while (!seen.has(lastSeq)) await new Promise((r) => setTimeout(r, 10));
  const finished = seen.get(lastSeq)!;
  watching = false;
  await watch;
  await watcher.end();
  await shipper.stop();
  await journal.close();
  const lags = [...appended].map(([seq, at]) => seen.get(seq)! - at);
  return {
    alerts,
    entries: appended.size,
    imagesMiB: imageBytes / 2 ** 20,
    lagP50Ms: percentile(lags, 50),
    lagP99Ms: percentile(lags, 99),
    lagMaxMs: Math.max(...lags),
    entriesPerSecond: appended.size / ((finished - started) / 1000),
  };
}

async function benchCatchUp(stationUrl: string): Promise<ArchiveBench['catchUp']> {
  const root = mkdtempSync(join(tmpdir(), 'rs-bench-archive-'));
  const { journal } = await Journal.open({
    file: join(root, 'deployments', 'BACKLOG', 'journal.jsonl'),
    deploymentId: 'BACKLOG',
    signer: BACKLOG_SIGNER,
    appVersion: 'bench',
  });
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 4900 }, (_, i) =>
      journal.append('tally', null, {
        deploymentId: 'BACKLOG',
        cameraId: `cam-${i % 4}`,
        from: new Date(t0 + i * 60_000).toISOString(),
        to: new Date(t0 + (i + 1) * 60_000).toISOString(),
        faces: 300,
      }),
    ),
  );
  await journal.close();
  const entries = journal.lastSeq;
  const started = performance.now();
  const shipper = new ArchiveShipper({ url: stationUrl, root });
  shipper.start();
  await shipper.drain(300_000);
  const seconds = (performance.now() - started) / 1000;
  await shipper.stop();
  return { entries, entriesPerSecond: entries / seconds };
}

export async function benchArchive(): Promise<ArchiveBench> {
  const server = await startPostgres({ durable: true });
  try {
    const { ownerUrl, burstUrl, backlogUrl } = await stationArchive(server);
    const burst = await benchBurst(burstUrl, ownerUrl);
    const catchUp = await benchCatchUp(backlogUrl);

    const transparency = await benchTransparency(server, ownerUrl);
    return { burst, catchUp, transparency };
  } finally {
    await server.stop();
  }
}
