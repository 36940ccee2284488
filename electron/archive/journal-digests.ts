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
 *
 * Each row's digest is kept by PostgreSQL in the stored generated column `row_sha256`
 * (migration 1764979200000): read, not computed, while the catalog says every partition
 * still generates it with the one expression (`rowDigestsKept`, checked under the report's
 * lock on the table, so no ALTER can come between the check and the reads). Otherwise the
 * query hashes each line with that same expression: the digests are the same either way,
 * only slower.
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
  /**
   * The earliest and latest `at` of the journal's rows, ISO 8601 in UTC to the microsecond
   * (null: no rows). `at` is the partition key and a journal's rows share a month or two of 36, so the
   * verifier's reads name this span and PostgreSQL plans only those partitions: planning
   * every partition for each journal's read cost more than reading its rows (docs/archive.md).
   * Exact, not a guess: it is taken over every row, in the snapshot the lines are read in.
   */
  atSpan: { from: string; to: string } | null;
}

interface DigestRequest {
  stationId: string;
  deploymentId: string;
  /** The seq of a resume point whose prefix is to be checked (0: none). */
  through: number;
}

/**
 * A row's digest as SQL over the row `x`: the generated column's expression, which is the
 * SHA-256 of the UTF-8 of type, tab and line in a UTF8 archive (see the migration for why
 * not convert_to). `ROW_DIGEST_GENERATED` is how PostgreSQL writes it back from the catalog.
 */
const ROW_DIGEST_SQL = `sha256(decode(replace(x.type || E'\\t' || x.line, '\\', '\\\\'), 'escape'))`;
const ROW_DIGEST_GENERATED =
  "sha256(decode(replace(((type || '\t'::text) || line), '\\'::text, '\\\\'::text), 'escape'::text))";

const digestsSql = (rowDigest: string) => `
SELECT j.station_id, j.deployment_id, d.*
FROM unnest($1::text[], $2::text[], $3::bigint[]) AS j(station_id, deployment_id, through)
CROSS JOIN LATERAL (
  -- One journal at a time: its rows by index, each hashed once, sorted in memory.
  WITH r AS MATERIALIZED (
    SELECT x.seq, x.hash, x.at, x.type = 'checkpoint' AS checkpoint,
      ${rowDigest} AS d
    FROM lfr.entries x WHERE x.station_id = j.station_id AND x.deployment_id = j.deployment_id
  ), c AS (
    SELECT coalesce(max(seq) FILTER (WHERE checkpoint), 0) AS cp FROM r
  ), g AS (
    -- Rows in seq order: those up to a seq are the first k, so each prefix is a slice.
    SELECT max(r.seq) AS head_seq, c.cp AS checkpoint_seq,
      count(*) FILTER (WHERE r.seq <= j.through) AS k_through,
      count(*) FILTER (WHERE r.seq <= c.cp) AS k_checkpoint,
      -- ISO 8601 in UTC to the microsecond, whatever the session's DateStyle and TimeZone.
      to_char(min(r.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_from,
      to_char(max(r.at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_to,
      coalesce(string_agg(r.d, ''::bytea ORDER BY r.seq, r.d), '') AS ds
    FROM c LEFT JOIN r ON true GROUP BY c.cp
  )
  SELECT g.head_seq, (SELECT hash FROM r ORDER BY seq DESC, d DESC LIMIT 1) AS head_hash, g.checkpoint_seq,
    encode(sha256(substring(ds FROM 1 FOR 32 * k_through::int)), 'hex') AS through_digest,
    encode(sha256(substring(ds FROM 1 FOR 32 * k_checkpoint::int)), 'hex') AS checkpoint_digest,
    encode(sha256(ds), 'hex') AS rows_digest, g.at_from, g.at_to
  FROM g
) d`;

const DIGESTS_KEPT = digestsSql('x.row_sha256');
const DIGESTS_HASHED = digestsSql(ROW_DIGEST_SQL);

/** The digest of no rows at all (a journal with nothing archived). */
const EMPTY = createHash('sha256').digest('hex');

export const journalKey = (stationId: string, deploymentId: string) => `${stationId}\n${deploymentId}`;

/**
 * Whether every partition of lfr.entries still generates `row_sha256` with the expression
 * the migration gave it. Ask under the report's lock on the table (digestSnapshot): the
 * owner could otherwise drop the expression, edit lines and leave the old digests.
 */
export async function rowDigestsKept(db: pg.ClientBase | pg.Pool): Promise<boolean> {
  const { rows } = await db.query<{ relid: string; attgenerated: string | null; expr: string | null }>(
    `SELECT t.relid::text, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) AS expr
     FROM pg_partition_tree('lfr.entries') t
     LEFT JOIN pg_attribute a ON a.attrelid = t.relid AND a.attname = 'row_sha256' AND NOT a.attisdropped
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum`,
  );
  return rows.length > 0 && rows.every((r) => r.attgenerated === 's' && r.expr === ROW_DIGEST_GENERATED);
}

/**
 * Digests of each journal asked for, read in the caller's transaction (so its snapshot):
 * from the kept column when `kept` (rowDigestsKept said so), else hashed from the lines.
 */
export async function journalDigests(
  db: pg.ClientBase | pg.Pool,
  journals: readonly DigestRequest[],
  kept: boolean,
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
        atSpan: null,
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
    at_from: string | null;
    at_to: string | null;
  }>(kept ? DIGESTS_KEPT : DIGESTS_HASHED, [
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
      atSpan: r.at_from !== null && r.at_to !== null ? { from: r.at_from, to: r.at_to } : null,
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
 * Begins a read-only REPEATABLE READ transaction on `client` that holds lfr.entries as it
 * stands: to its end, no ALTER of the table (dropping the expression that keeps each row's
 * digest, or the one that makes `data`) can come between the catalog checks made in it and
 * the rows read in its snapshot. Rows may still be added: the lock taken by INSERT does not
 * conflict with this one. The report's snapshot and an archive replay's read-back both
 * start this way.
 */
export async function beginEntriesAsTheyStand(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query('LOCK TABLE lfr.entries IN ACCESS SHARE MODE');
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
    // Held to the end of the report.
    await beginEntriesAsTheyStand(client);
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
