/**
 * `npm run bench -- archive`: the evidence archive on a real PostgreSQL (Debian's server,
 * started here with fsync and synchronous commit on, as a force would run it).
 *  1. Replication during a 200-alert burst: the station's journal takes the burst (two
 *     20 KiB images an alert) while the shipper copies it; lag = from the entry's fsync in
 *     the journal to its row being visible in the archive.
 *  2. Catch-up: a 5,000-entry journal shipped from nothing (entries/s).
 *  3. The transparency report over 1,000 deployments and 1,000,000 entries: every journal
 *     verified (cold, `--reverify`), and again with the recorded verdicts (warm).
 * The data for 3 are real signed journals made in this process and written with
 * INSERT ... SELECT FROM unnest() in 10,000-row statements.
 */
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createArchivePool } from '../electron/archive/connection';
import { addStation } from '../electron/archive/enrol';
import { migrateArchive } from '../electron/archive/migrate';
import { ArchiveShipper } from '../electron/archive/shipper';
import { buildTransparencyReport } from '../electron/archive/transparency';
import { deploymentFigures } from '../electron/archive/transparency-figures';
import { entryHash } from '../electron/core/journal/chain';
import { ImageStore } from '../electron/core/journal/images';
import { Journal } from '../electron/core/journal/journal';
import { createEphemeralSigner, type Signer } from '../electron/core/identity';
import { checkpointSigningText, GENESIS_HASH, type JournalEntry } from '../shared/journal/entries';
import { startPostgres, type TestPostgres } from '../tests/helpers/postgres';
import { percentile } from './stats';

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
  transparency: {
    deployments: number;
    entries: number;
    loadSeconds: number;
    figuresMs: number;
    coldMs: number;
    warmMs: number;
    counted: number;
  };
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

/** One deployment's journal, exactly `size` entries, signed as a station writes it. */
function deploymentJournal(
  signer: Signer,
  deploymentId: string,
  startsAt: number,
  size: number,
  images: Map<string, Buffer>,
): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let since = 0;
  const add = (type: string, actor: JournalEntry['actor'], data: Record<string, unknown>) => {
    const prev = entries.at(-1)?.hash ?? GENESIS_HASH;
    const at = new Date(startsAt + entries.length * 25_000).toISOString();
    const base = { seq: entries.length + 1, at, type, actor, data, prev };
    entries.push({ ...base, hash: entryHash(base) });
    if (type === 'checkpoint') since = 0;
    else since += 1;
  };
  const checkpoint = () => {
    const last = entries.at(-1)!;
    add('checkpoint', null, {
      seq: last.seq,
      hash: last.hash,
      signature: signer.sign(checkpointSigningText(signer.stationId, deploymentId, last.seq, last.hash)),
    });
  };
  const officer = { id: 'PC1', name: 'PC One' };
  add('journal-opened', null, {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    appVersion: 'bench',
    deploymentId,
  });
  add('deployment', null, {
    v: 1,
    deploymentId,
    title: `Deployment ${deploymentId}`,
    location: { name: `Place ${deploymentId.slice(-2)}` },
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 8 * 3600_000).toISOString(),
    watchlist: { size: 1000 + (startsAt % 997) },
  });
  let alert = 0;
  let minute = 0;
  // Leave room for journal-closed and its checkpoint.
  while (entries.length < size - 2) {
    const room = size - 2 - entries.length;
    if (since >= 49) checkpoint();
    else if (alert < 10 && minute % 90 === 45 && room >= 6) {
      const alertId = `${deploymentId}-a${alert}`;
      const sha = (n: number) => {
        const bytes = Buffer.from(`${deploymentId}/${alert}/${n}`);
        const digest = createHash('sha256').update(bytes).digest('hex');
        images.set(digest, bytes);
        return digest;
      };
      const image = (n: number) => ({ sha256: sha(n), mime: 'image/jpeg', width: 8, height: 8, bytes: 64 });
      add('alert-received', null, {
        alertId,
        seq: alert + 1,
        deploymentId,
        capturedAt: new Date(startsAt + minute * 60_000).toISOString(),
        camera: { id: 'cam-1', label: 'Cam 1' },
        score: 0.7,
        threshold: 0.6,
        probe: image(1),
        subject: { entryId: `w${alert}`, category: 'c', tier: 'amber', reason: 'r', image: image(2) },
      });
      const engage = alert % 5 !== 4;
      add('decision', officer, {
        alertId,
        deploymentId,
        revision: 1,
        decision: engage ? 'engage' : 'no-engage',
        reasons: engage ? ['strong-likeness'] : ['subject-features-differ'],
        rationale: 'bench',
        operator: officer,
      });
      checkpoint();
      if (engage) {
        add('outcome', officer, {
          alertId,
          deploymentId,
          revision: 1,
          result: alert % 3 === 0 ? 'confirmed-false' : 'confirmed-true',
          action: alert % 3 === 0 ? 'advice' : 'arrest',
          stopMinutes: 5 + (alert % 7),
          notes: '',
          recordedBy: officer,
          recordedAt: new Date(startsAt + minute * 60_000).toISOString(),
        });
        checkpoint();
      }
      alert += 1;
    } else {
      add('tally', null, {
        deploymentId,
        cameraId: 'cam-1',
        from: new Date(startsAt + minute * 60_000).toISOString(),
        to: new Date(startsAt + (minute + 1) * 60_000).toISOString(),
        faces: 200 + (minute % 400),
      });
      minute += 1;
    }
  }
  add('journal-closed', null, { reason: 'bench' });
  checkpoint();
  return entries;
}

async function loadTransparencyData(
  ownerUrl: string,
  deployments: number,
  perDeployment: number,
): Promise<number> {
  const db = new pg.Client({ connectionString: ownerUrl });
  db.on('error', () => undefined);
  await db.connect();
  const signers = Array.from({ length: 50 }, (_, i) =>
    createEphemeralSigner(`station-${String(i).padStart(2, '0')}`),
  );
  for (const s of signers)
    await db.query('INSERT INTO lfr.stations (station_id, public_key, login) VALUES ($1, $2, $3)', [
      s.stationId,
      s.publicKey,
      `bench_${s.stationId.replace(/-/g, '_')}`,
    ]);
  // The owner's bulk load of made-up history: the per-row chain triggers (which guard what
  // stations send) are off for it, and on again after.
  await db.query('ALTER TABLE lfr.entries DISABLE TRIGGER entries_follow_chain');
  await db.query('ALTER TABLE lfr.entry_index DISABLE TRIGGER entry_index_in_order');
  const images = new Map<string, Buffer>();
  let rows: Array<{ station: string; dep: string; e: JournalEntry; line: string }> = [];
  let total = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await db.query(
      `INSERT INTO lfr.entry_index (station_id, deployment_id, seq, hash)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])`,
      [col((r) => r.station), col((r) => r.dep), col((r) => r.e.seq), col((r) => r.e.hash)],
    );
    await db.query(
      `INSERT INTO lfr.entries (station_id, deployment_id, seq, at, type, actor_id, hash, line)
       SELECT s, d, q, a, t, ac, h, l
       FROM unnest($1::text[], $2::text[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(s, d, q, a, t, ac, h, l)`,
      [
        col((r) => r.station),
        col((r) => r.dep),
        col((r) => r.e.seq),
        col((r) => r.e.at),
        col((r) => r.e.type),
        col((r) => r.e.actor?.id ?? null),
        col((r) => r.e.hash),
        col((r) => r.line),
      ],
    );
    total += rows.length;
    rows = [];
  };
  const start = Date.parse('2025-01-02T08:00:00Z');
  for (let d = 0; d < deployments; d++) {
    const signer = signers[d % signers.length]!;
    const dep = `DEP-${String(d).padStart(4, '0')}`;
    const startsAt = start + Math.floor((d * 362 * 86_400_000) / deployments);
    const journal = deploymentJournal(signer, dep, startsAt, perDeployment, images);
    await db.query(
      `INSERT INTO lfr.journals (station_id, deployment_id, public_key, opened_at) VALUES ($1, $2, $3, $4)`,
      [signer.stationId, dep, signer.publicKey, journal[0]!.at],
    );
    const refs: Array<[number, string]> = [];
    for (const e of journal) {
      rows.push({ station: signer.stationId, dep, e, line: JSON.stringify(e) });
      if (e.type === 'alert-received')
        for (const n of [1, 2]) {
          const sha = (
            (n === 1 ? e.data.probe : (e.data.subject as { image: unknown }).image) as { sha256: string }
          ).sha256;
          refs.push([e.seq, sha]);
        }
    }
    await db.query(
      `INSERT INTO lfr.image_refs (station_id, deployment_id, seq, sha256)
       SELECT $1, $2, * FROM unnest($3::bigint[], $4::text[])`,
      [signer.stationId, dep, refs.map((r) => r[0]), refs.map((r) => r[1])],
    );
    if (rows.length >= 10_000) await flush();
  }
  await flush();
  // Image bytes named by their hash (tiny: the images' cost is in the count, not the size).
  const shas = [...images.keys()];
  for (let i = 0; i < shas.length; i += 5000) {
    const part = shas.slice(i, i + 5000);
    await db.query(
      `INSERT INTO lfr.images (sha256, size, bytes) SELECT s, length(b), b FROM unnest($1::text[], $2::bytea[]) AS u(s, b)`,
      [part, part.map((s) => images.get(s)!)],
    );
  }
  await db.query('ALTER TABLE lfr.entries ENABLE TRIGGER entries_follow_chain');
  await db.query('ALTER TABLE lfr.entry_index ENABLE TRIGGER entry_index_in_order');
  await db.query('ANALYZE');
  await db.end();
  return total;
}

export async function benchArchive(): Promise<ArchiveBench> {
  const server = await startPostgres({ durable: true });
  try {
    const { ownerUrl, burstUrl, backlogUrl } = await stationArchive(server);
    const burst = await benchBurst(burstUrl, ownerUrl);
    const catchUp = await benchCatchUp(backlogUrl);

    const deployments = 1000;
    const loadStarted = performance.now();
    const entries = await loadTransparencyData(ownerUrl, deployments, 1000);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const db = createArchivePool(ownerUrl, { max: 2 });
    try {
      let t = performance.now();
      const journals = (
        await db.query<{ station_id: string; deployment_id: string }>(
          'SELECT station_id, deployment_id FROM lfr.journals',
        )
      ).rows.map((r) => ({ stationId: r.station_id, deploymentId: r.deployment_id }));
      await deploymentFigures(db, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', journals);
      const figuresMs = performance.now() - t;
      t = performance.now();
      const cold = await buildTransparencyReport(db, {
        from: '2025-01-01',
        to: '2025-12-31',
        reverify: true,
      });
      const coldMs = performance.now() - t;
      t = performance.now();
      await buildTransparencyReport(db, { from: '2025-01-01', to: '2025-12-31' });
      const warmMs = performance.now() - t;
      return {
        burst,
        catchUp,
        transparency: {
          deployments,
          entries,
          loadSeconds,
          figuresMs,
          coldMs,
          warmMs,
          counted: cold.rows.length,
        },
      };
    } finally {
      await db.end();
    }
  } finally {
    await server.stop();
  }
}
