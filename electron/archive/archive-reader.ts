/**
 * The core's ArchiveReader port over PostgreSQL with the reader role: connects on first
 * use, so a station started with --archive-reader and an archive that is down still starts.
 */
import type pg from 'pg';
import type { ArchiveReader } from '../core/archive-ports';
import { archivedImage, listArchivedDeployments } from './archive-deployments';
import { createArchivePool, redactArchiveUrl } from './connection';
import { loadArchivedReplay } from './replay-archive';

export function createArchiveReader(url: string): ArchiveReader {
  let pool: pg.Pool | null = null;
  const db = () => (pool ??= createArchivePool(url, { application: 'review-station-replay' }));
  return {
    list: () => listArchivedDeployments(db()),
    load: (deploymentId, opts) => loadArchivedReplay(db(), deploymentId, opts),
    image: (sha256) => archivedImage(db(), sha256),
    redact: redactArchiveUrl,
    async close() {
      const p = pool;
      pool = null;
      await p?.end().catch(() => undefined);
    },
  };
}
