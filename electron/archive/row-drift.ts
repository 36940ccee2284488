/**
 * Rows that say something other than their line. The verifier checks `line` (hash chain,
 * signatures); reports read the parsed columns (`type`, `seq`, `hash`, `actor_id`, and
 * `data`, which the schema generates from `line`). An owner who switches the triggers off,
 * or drops the generation expression, can make a column say something the line does not:
 * this finds the first such row, so the verdict is "tampered" and the report leaves the
 * deployment out.
 */
import type pg from 'pg';
import { canonicalJson } from '../../shared/journal/canonical';

export interface ArchivedRow {
  seq: string;
  hash: string;
  type: string;
  actor_id: string | null;
  line: string;
  /** Present only when `data` is not (or no longer) generated from `line` as the schema says. */
  data?: string | null;
}

export interface RowDrift {
  seq: number;
  reason: string;
}

const DATA_EXPRESSION = /^\(\(line\)::jsonb -> 'data'::text\)$/;

/**
 * True when `data` is still generated from `line` by the schema's expression in the table
 * and every partition (then it cannot differ from the line, and is not compared row by row).
 */
export async function dataIsGenerated(db: pg.Pool | pg.PoolClient): Promise<boolean> {
  const { rows } = await db.query<{ attgenerated: string; expr: string | null }>(
    `SELECT a.attgenerated, pg_get_expr(d.adbin, d.adrelid) AS expr
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'lfr'
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attname = 'data' AND NOT a.attisdropped
       AND (c.relname = 'entries' OR c.oid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'lfr.entries'::regclass))`,
  );
  return rows.length > 0 && rows.every((r) => r.attgenerated === 's' && DATA_EXPRESSION.test(r.expr ?? ''));
}

/** The first way this row's columns differ from its line, or null. */
export function rowDrift(row: ArchivedRow): RowDrift | null {
  const seq = Number(row.seq);
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(row.line) as Record<string, unknown>;
  } catch {
    return null; // Not JSON: the verifier says so.
  }
  if (typeof entry !== 'object' || entry === null) return null;
  const actor = entry.actor as { id?: unknown } | null | undefined;
  const differs: string[] = [];
  if (entry.seq !== seq) differs.push('seq');
  if (entry.hash !== row.hash) differs.push('hash');
  if (entry.type !== row.type) differs.push('type');
  if ((typeof actor?.id === 'string' ? actor.id : null) !== row.actor_id) differs.push('actor_id');
  if (row.data !== undefined) {
    const stored = row.data === null ? null : (JSON.parse(row.data) as unknown);
    if (canonicalJson(stored ?? null) !== canonicalJson(entry.data ?? null)) differs.push('data');
  }
  return differs.length === 0
    ? null
    : { seq, reason: `the archived row's ${differs.join(', ')} is not what its line says` };
}
