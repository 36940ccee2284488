/**
 * What a journal's rows hash to, for many journals in one query (the transparency report's
 * check that recorded verdicts and resume points still describe the rows).
 *
 * The digest of a journal's rows is the SHA-256 of the concatenated SHA-256 of each row's
 * `type`, a tab and its `line`, in seq order (`rowsDigest` computes the same in Node for
 * a materialised journal). Hashing each row on its own and then the 32-byte row digests,
 * rather than one string of every line, lets one pass give the digest of any prefix (the
 * rows up to a resume point, up to the last checkpoint) by slicing, and keeps the
 * aggregate small. One set-based query for all journals replaces a function call per
 * journal (each planned again over every partition): on the bench archive that call was
 * most of the report's time (docs/archive.md, "Measured").
 *
 * Only built-in functions are used: lfr.* functions belong to the archive's owner, who
 * could replace one with something that returns the digest recorded before an edit.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';

export interface JournalDigests {
  headSeq: number;
  headHash: string | null;
  /** The last checkpoint entry's seq (0: none). */
  checkpointSeq: number;
  /** Digest of the rows with seq ≤ the `through` asked for. */
  throughDigest: string;
  /** Digest of the rows up to the last checkpoint. */
  checkpointDigest: string;
  /** Digest of every row. */
  rowsDigest: string;
}

interface DigestRequest {
  stationId: string;
  deploymentId: string;
  /** The seq of a resume point whose prefix is to be checked (0: none). */
  through: number;
}

const DIGESTS_SQL = `
SELECT j.station_id, j.deployment_id, d.*
FROM unnest($1::text[], $2::text[], $3::bigint[]) AS j(station_id, deployment_id, through)
CROSS JOIN LATERAL (
  -- One journal at a time: its rows by index, each hashed once, sorted in memory.
  WITH r AS MATERIALIZED (
    SELECT x.seq, x.hash, x.type = 'checkpoint' AS checkpoint,
      sha256(convert_to(x.type || E'\\t' || x.line, 'UTF8')) AS d
    FROM lfr.entries x WHERE x.station_id = j.station_id AND x.deployment_id = j.deployment_id
  ), c AS (
    SELECT coalesce(max(seq) FILTER (WHERE checkpoint), 0) AS cp FROM r
  ), g AS (
    -- Rows in seq order: those up to a seq are the first k, so each prefix is a slice.
    SELECT max(r.seq) AS head_seq, c.cp AS checkpoint_seq,
      count(*) FILTER (WHERE r.seq <= j.through) AS k_through,
      count(*) FILTER (WHERE r.seq <= c.cp) AS k_checkpoint,
      coalesce(string_agg(r.d, ''::bytea ORDER BY r.seq, r.d), '') AS ds
    FROM c LEFT JOIN r ON true GROUP BY c.cp
  )
  SELECT g.head_seq, (SELECT hash FROM r ORDER BY seq DESC, d DESC LIMIT 1) AS head_hash, g.checkpoint_seq,
    encode(sha256(substring(ds FROM 1 FOR 32 * k_through::int)), 'hex') AS through_digest,
    encode(sha256(substring(ds FROM 1 FOR 32 * k_checkpoint::int)), 'hex') AS checkpoint_digest,
    encode(sha256(ds), 'hex') AS rows_digest
  FROM g
) d`;

/** The digest of no rows at all (a journal with nothing archived). */
const EMPTY = createHash('sha256').digest('hex');

export const journalKey = (stationId: string, deploymentId: string) => `${stationId}\n${deploymentId}`;

/** Digests of each journal asked for, read in the caller's transaction (so its snapshot). */
export async function journalDigests(
  db: pg.ClientBase | pg.Pool,
  journals: readonly DigestRequest[],
): Promise<Map<string, JournalDigests>> {
  const out = new Map<string, JournalDigests>(
    journals.map((j) => [
      journalKey(j.stationId, j.deploymentId),
      {
        headSeq: 0,
        headHash: null,
        checkpointSeq: 0,
        throughDigest: EMPTY,
        checkpointDigest: EMPTY,
        rowsDigest: EMPTY,
      },
    ]),
  );
  if (journals.length === 0) return out;
  const { rows } = await db.query<{
    station_id: string;
    deployment_id: string;
    head_seq: string;
    head_hash: string | null;
    checkpoint_seq: string;
    through_digest: string;
    checkpoint_digest: string;
    rows_digest: string;
  }>(DIGESTS_SQL, [
    journals.map((j) => j.stationId),
    journals.map((j) => j.deploymentId),
    journals.map((j) => j.through),
  ]);
  for (const r of rows)
    out.set(journalKey(r.station_id, r.deployment_id), {
      headSeq: Number(r.head_seq),
      headHash: r.head_hash,
      checkpointSeq: Number(r.checkpoint_seq),
      throughDigest: r.through_digest,
      checkpointDigest: r.checkpoint_digest,
      rowsDigest: r.rows_digest,
    });
  return out;
}

/** The same digest in Node, over rows given in seq order (materialize.ts). */
export class RowsDigest {
  private readonly outer = createHash('sha256');

  add(type: string, line: string): void {
    this.outer.update(createHash('sha256').update(`${type}\t${line}`, 'utf8').digest());
  }

  digest(): string {
    return this.outer.digest('hex');
  }
}

/**
 * A REPEATABLE READ transaction whose snapshot is exported, so the digests computed in it
 * and the lines each verifier job then reads (verify-rows.ts imports it) are of the same
 * rows. Closed (committed) once every job is done.
 */
export async function digestSnapshot(
  db: pg.Pool,
): Promise<{ client: pg.PoolClient; id: string; close: () => Promise<void> }> {
  const client = await db.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // One query over every journal: compiling it (JIT) cost more than it saved (docs/archive.md).
    await client.query('SET LOCAL jit = off');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const id = rows[0]?.id;
    if (!id) throw new Error('no snapshot exported');
    return {
      client,
      id,
      close: async () => {
        await client.query('COMMIT').catch(() => undefined);
        client.release();
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
}
