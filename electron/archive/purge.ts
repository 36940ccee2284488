/**
 * The archive's retention purge (`npm run archive -- purge`), run as a member of
 * lfr_retention: the bytes of every image whose deployments' retention has ended (each
 * deployment's endsAt plus its retentionDays) become NULL; entries are never purged. An
 * image named by a deployment under legal hold, or by one with no deployment record, is
 * kept. The trigger on lfr.images checks the same and records each purge.
 */
import type pg from 'pg';
import { DEFAULT_RETENTION_DAYS } from '../../shared/feed/limits';

const DUE_SQL = `
WITH dep AS (
  SELECT DISTINCT ON (deployment_id) deployment_id,
    (data->>'endsAt')::timestamptz
      + make_interval(days => coalesce((data->>'retentionDays')::int, $2::int)) AS purge_after
  FROM lfr.entries WHERE type = 'deployment'
  ORDER BY deployment_id, at DESC
), due AS (
  SELECT r.sha256 FROM lfr.image_refs r LEFT JOIN dep USING (deployment_id)
  GROUP BY r.sha256
  HAVING bool_and(coalesce(dep.purge_after <= $1::timestamptz, false))
)`;

export async function purgeArchive(
  db: pg.Pool,
  opts: { now: Date; dryRun?: boolean },
): Promise<{ purged: string[]; held: number }> {
  const params = [opts.now.toISOString(), DEFAULT_RETENTION_DAYS];
  const held = await db.query<{ n: string }>(
    `${DUE_SQL} SELECT count(*) AS n FROM due JOIN lfr.images i USING (sha256)
     WHERE i.bytes IS NOT NULL AND lfr.is_under_legal_hold(i.sha256)`,
    params,
  );
  const sql = opts.dryRun
    ? `${DUE_SQL} SELECT i.sha256 FROM due JOIN lfr.images i USING (sha256)
       WHERE i.bytes IS NOT NULL AND NOT lfr.is_under_legal_hold(i.sha256)`
    : `${DUE_SQL} UPDATE lfr.images i SET bytes = NULL FROM due
       WHERE i.sha256 = due.sha256 AND i.bytes IS NOT NULL AND NOT lfr.is_under_legal_hold(i.sha256)
       RETURNING i.sha256`;
  const { rows } = await db.query<{ sha256: string }>(sql, params);
  return { purged: rows.map((r) => r.sha256).sort(), held: Number(held.rows[0]?.n ?? 0) };
}
