/**
 * What the station's archive role does, and all it may do: read where a journal stands in
 * the archive, insert entries, image bytes, image references and conflict records. Every
 * insert is idempotent (ON CONFLICT DO NOTHING); a stored seq is compared by hash, never
 * overwritten.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import type { JournalEntry } from '../../shared/journal/entries';
import type { TailEntry } from './journal-tail';

interface ArchivedHead {
  seq: number;
  hash: string | null;
}

interface Conflict {
  seq: number;
  archivedHash: string;
  offeredHash: string;
}

type BatchResult = { shipped: number; conflict: null } | { shipped: number; conflict: Conflict };

const IMAGE_STATEMENT_BYTES = 8 << 20;

const IMAGE_PATHS: Array<(d: Record<string, unknown>) => unknown> = [
  (d) => d.probe,
  (d) => d.scene,
  (d) =>
    typeof d.subject === 'object' && d.subject !== null
      ? (d.subject as Record<string, unknown>).image
      : undefined,
];

/** The image hashes an alert-received entry names. */
function imagesNamedBy(entry: JournalEntry): string[] {
  if (entry.type !== 'alert-received') return [];
  const out: string[] = [];
  for (const pick of IMAGE_PATHS) {
    const sha = (pick(entry.data) as { sha256?: unknown } | undefined)?.sha256;
    if (typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha) && !out.includes(sha)) out.push(sha);
  }
  return out;
}

function atOf(entry: JournalEntry): string {
  // The verifier only asks `at` to be a string; the partition key needs a time.
  return Number.isNaN(Date.parse(entry.at)) ? '1970-01-01T00:00:00Z' : entry.at;
}

export async function archivedHead(
  db: pg.Pool,
  stationId: string,
  deploymentId: string,
): Promise<ArchivedHead> {
  const { rows } = await db.query<{ seq: string; hash: string }>(
    `SELECT seq, hash FROM lfr.entry_index WHERE station_id = $1 AND deployment_id = $2 ORDER BY seq DESC LIMIT 1`,
    [stationId, deploymentId],
  );
  return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: null };
}

export async function archivedHashAt(
  db: pg.Pool,
  stationId: string,
  deploymentId: string,
  seq: number,
): Promise<string | null> {
  const { rows } = await db.query<{ hash: string }>(
    `SELECT hash FROM lfr.entry_index WHERE station_id = $1 AND deployment_id = $2 AND seq = $3`,
    [stationId, deploymentId, seq],
  );
  return rows[0]?.hash ?? null;
}

export async function recordConflict(
  db: pg.Pool,
  stationId: string,
  deploymentId: string,
  conflict: Conflict,
): Promise<void> {
  await db.query(
    `INSERT INTO lfr.conflicts (station_id, deployment_id, seq, archived_hash, offered_hash) VALUES ($1, $2, $3, $4, $5)`,
    [stationId, deploymentId, conflict.seq, conflict.archivedHash, conflict.offeredHash],
  );
}

/** How long a batch's images named by their journal lines may take to appear beside them (one wait a batch, not one an image). */
const IMAGE_SETTLE_MS = 2_000;

/**
 * The image file, or null if it is not there. An alert's journal line is written beside its
 * image files, not after them (issue 25, docs/journal.md "Durability"), so the shipper can
 * read the line while a file is still being renamed into place; shipped without it, the
 * archive would hold a line naming an image it lacks, which verifies as tampered. A file
 * that is missing is looked for again until `until`; one still missing then (lost, or
 * purged) is left out, as before.
 */
async function readImageSoon(path: string, until: number): Promise<Buffer | null> {
  for (;;) {
    try {
      return await readFile(path);
    } catch {
      if (Date.now() >= until) return null;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Uploads the images the entries name that the archive lacks. A file that is gone (purged
 * under retention before it was shipped) or does not hash to its name is left out: the
 * station's own verifier reports the second, and the archive never holds bytes under a
 * wrong name (a CHECK constraint refuses them too).
 */
export async function shipImages(
  db: pg.Pool,
  imagesDir: string,
  entries: TailEntry[],
  log: (line: string) => void,
): Promise<number> {
  const wanted = [...new Set(entries.flatMap((e) => imagesNamedBy(e.entry)))];
  if (wanted.length === 0) return 0;
  const { rows } = await db.query<{ sha256: string }>(
    'SELECT sha256 FROM lfr.images WHERE sha256 = ANY($1)',
    [wanted],
  );
  const have = new Set(rows.map((r) => r.sha256));
  let sent = 0;
  let chunk: Array<{ sha: string; bytes: Buffer }> = [];
  let chunkBytes = 0;
  // Several images a statement (one commit, one fsync on the server), a few MiB at most.
  const flush = async () => {
    if (chunk.length === 0) return;
    await db.query(
      `INSERT INTO lfr.images (sha256, size, bytes)
       SELECT s, length(b), b FROM unnest($1::text[], $2::bytea[]) AS u(s, b) ON CONFLICT (sha256) DO NOTHING`,
      [chunk.map((c) => c.sha), chunk.map((c) => c.bytes)],
    );
    sent += chunk.length;
    chunk = [];
    chunkBytes = 0;
  };
  const settled = Date.now() + IMAGE_SETTLE_MS;
  for (const sha of wanted) {
    if (have.has(sha)) continue;
    const bytes = await readImageSoon(join(imagesDir, sha), settled);
    if (!bytes) continue;
    if (createHash('sha256').update(bytes).digest('hex') !== sha) {
      log(`image ${sha} does not hash to its name; not archived`);
      continue;
    }
    chunk.push({ sha, bytes });
    chunkBytes += bytes.byteLength;
    if (chunkBytes >= IMAGE_STATEMENT_BYTES) await flush();
  }
  await flush();
  return sent;
}

/**
 * Inserts one batch of consecutive entries in one transaction. Seqs the archive already
 * holds are compared by hash: equal is a no-op (a resend after an outage), different is a
 * conflict, and nothing from that seq on is written.
 */
export async function shipBatch(
  db: pg.Pool,
  stationId: string,
  deploymentId: string,
  batch: TailEntry[],
): Promise<BatchResult> {
  if (batch.length === 0) return { shipped: 0, conflict: null };
  const client = await db.connect();
  // A connection cut between two queries of the batch would otherwise be an uncaught
  // 'error' event; the next query fails instead and the batch is retried.
  const ignore = () => undefined;
  client.on('error', ignore);
  let release = true;
  try {
    const seqs = batch.map((e) => e.entry.seq);
    const existing = await client.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM lfr.entry_index WHERE station_id = $1 AND deployment_id = $2 AND seq = ANY($3::bigint[])',
      [stationId, deploymentId, seqs],
    );
    const stored = new Map(existing.rows.map((r) => [Number(r.seq), r.hash]));
    let conflict: Conflict | null = null;
    const fresh: TailEntry[] = [];
    for (const item of batch) {
      const archived = stored.get(item.entry.seq);
      if (archived === undefined) fresh.push(item);
      else if (archived !== item.entry.hash) {
        conflict = { seq: item.entry.seq, archivedHash: archived, offeredHash: item.entry.hash };
        break;
      }
    }
    if (fresh.length === 0) return conflict ? { shipped: 0, conflict } : { shipped: 0, conflict: null };

    await client.query('BEGIN');
    const opened = fresh.find((e) => e.entry.seq === 1 && e.entry.type === 'journal-opened');
    if (opened) {
      const d = opened.entry.data;
      await client.query(
        `INSERT INTO lfr.journals (station_id, deployment_id, public_key, training, opened_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [stationId, deploymentId, String(d.publicKey), d.training === true, atOf(opened.entry)],
      );
    }
    const inserted = await client.query<{ seq: string }>(
      `INSERT INTO lfr.entry_index (station_id, deployment_id, seq, hash)
       SELECT $1, $2, t.seq, t.hash FROM unnest($3::bigint[], $4::text[]) AS t(seq, hash)
       ON CONFLICT DO NOTHING RETURNING seq`,
      [stationId, deploymentId, fresh.map((e) => e.entry.seq), fresh.map((e) => e.entry.hash)],
    );
    if (inserted.rowCount !== fresh.length) {
      // Another writer stored some of these seqs since the look above: start over, and the
      // next look compares them.
      await client.query('ROLLBACK');
      return { shipped: 0, conflict: null };
    }
    await client.query(
      // `data` is generated from `line` by the database (never a second copy to drift).
      `INSERT INTO lfr.entries (station_id, deployment_id, seq, at, type, actor_id, hash, line)
       SELECT $1, $2, t.seq, t.at, t.type, t.actor_id, t.hash, t.line
       FROM unnest($3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS t(seq, at, type, actor_id, hash, line)`,
      [
        stationId,
        deploymentId,
        fresh.map((e) => e.entry.seq),
        fresh.map((e) => atOf(e.entry)),
        fresh.map((e) => e.entry.type),
        fresh.map((e) => e.entry.actor?.id ?? null),
        fresh.map((e) => e.entry.hash),
        fresh.map((e) => e.line),
      ],
    );
    const refs = fresh.flatMap((e) => imagesNamedBy(e.entry).map((sha) => [e.entry.seq, sha] as const));
    if (refs.length > 0)
      await client.query(
        `INSERT INTO lfr.image_refs (station_id, deployment_id, seq, sha256)
         SELECT $1, $2, t.seq, t.sha256 FROM unnest($3::bigint[], $4::text[]) AS t(seq, sha256)
         ON CONFLICT DO NOTHING`,
        [stationId, deploymentId, refs.map((r) => r[0]), refs.map((r) => r[1])],
      );
    await recordShippedHead(client, stationId, deploymentId, fresh);
    await client.query('COMMIT');
    return conflict ? { shipped: fresh.length, conflict } : { shipped: fresh.length, conflict: null };
  } catch (error) {
    // A broken connection cannot take a ROLLBACK; such a client is thrown away, not reused.
    try {
      await client.query('ROLLBACK');
    } catch {
      release = false;
      client.release(true);
    }
    throw error;
  } finally {
    client.off('error', ignore);
    if (release) client.release();
  }
}

/**
 * The head this batch ships, as its last checkpoint signs it (seq, hash, signature), kept
 * apart from the rows in lfr.shipped_heads (shipped-heads.ts): in the same transaction, so
 * the archive never holds a head without its rows.
 */
async function recordShippedHead(
  client: pg.PoolClient,
  stationId: string,
  deploymentId: string,
  fresh: TailEntry[],
): Promise<void> {
  const last = fresh.findLast((e) => e.entry.type === 'checkpoint')?.entry;
  if (!last) return;
  const d = last.data;
  if (typeof d.seq !== 'number' || typeof d.hash !== 'string' || typeof d.signature !== 'string') return;
  await client.query(
    `INSERT INTO lfr.shipped_heads (station_id, deployment_id, seq, hash, signature)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [stationId, deploymentId, d.seq, d.hash, d.signature],
  );
}
