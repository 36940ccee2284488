/**
 * The deployments the evidence archive holds, for the supervisor's replay home: one row
 * per deployment with the stations whose journals of it were shipped. Read with the
 * reader role (--archive-reader); the station's own role may only insert.
 */
import type pg from 'pg';
import type { ArchiveDeploymentListing } from '../../shared/replay';
import { ARCHIVE_KEY_PREFIX } from '../core/archive-ports';

/** The newest deployments first; a force's archive holds thousands, the screen lists the latest. */
const MAX_LISTED = 500;

export async function listArchivedDeployments(db: pg.Pool): Promise<ArchiveDeploymentListing[]> {
  const { rows } = await db.query<{
    deployment_id: string;
    stations: string[];
    training: boolean;
    opened_at: Date;
    entries: string;
  }>(
    `SELECT j.deployment_id, array_agg(j.station_id ORDER BY j.station_id) AS stations,
            bool_or(j.training) AS training, min(j.opened_at) AS opened_at,
            (SELECT count(*) FROM lfr.entry_index i WHERE i.deployment_id = j.deployment_id) AS entries
       FROM lfr.journals j
      GROUP BY j.deployment_id
      ORDER BY min(j.opened_at) DESC, j.deployment_id
      LIMIT ${MAX_LISTED}`,
  );
  return rows.map((r) => ({
    key: `${ARCHIVE_KEY_PREFIX}${r.deployment_id}`,
    deploymentId: r.deployment_id,
    stations: r.stations,
    training: r.training,
    openedAt: r.opened_at.toISOString(),
    entries: Number(r.entries),
  }));
}

/** An image's bytes from the archive (null: not there, or purged under retention). */
export async function archivedImage(db: pg.Pool, sha256: string): Promise<Buffer | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const { rows } = await db.query<{ bytes: Buffer | null }>(
    'SELECT bytes FROM lfr.images WHERE sha256 = $1',
    [sha256],
  );
  return rows[0]?.bytes ?? null;
}
