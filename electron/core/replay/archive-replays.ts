/**
 * Replays from the evidence archive (--archive-reader): the supervisor lists the archive's
 * deployments and opens one as a single replay across its stations (loadArchivedReplay:
 * each station journal verified on its own, then merged). This station holds no journal
 * of such a deployment, so opening and exporting it are journalled in its access journal.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResponseMap } from '../../../shared/contract';
import { isSafeDeploymentId } from '../../../shared/feed/limits';
import type { Actor } from '../../../shared/journal/entries';
import type { ReplayData } from '../../../shared/replay';
import { ARCHIVE_KEY_PREFIX, type ArchiveReader } from '../archive-ports';
import type { TrustEntry } from '../journal/trust';
import type { AccessRecord, Elsewhere } from './access-record';
import { writeExport, type ExportRequest } from './exports';

const NOT_HERE = 'a replay from the archive: this station holds no journal of that deployment';
/** Merged replays kept for exporting what was opened without reading the archive again. */
const MAX_CACHED = 2;

interface ArchiveReplayDeps {
  reader: ArchiveReader;
  supervisor: () => Actor | null;
  access: AccessRecord;
  trustNow: () => Promise<readonly TrustEntry[] | null>;
  exportsDir: string;
  /** Images of the archive replays opened this session, for the screen (cleared at start and close). */
  imageCacheDir: string;
  now: () => number;
  log: (line: string) => void;
}

export const isArchiveKey = (key: string): boolean => key.startsWith(ARCHIVE_KEY_PREFIX);

export function createArchiveReplays(deps: ArchiveReplayDeps) {
  const { reader } = deps;
  const opened = new Map<string, ReplayData>();
  const where = (key: string): Elsewhere => ({ key, fallback: NOT_HERE });
  // Faces read from the archive are kept only while this station runs: none left from before.
  const clearImageCache = () =>
    rm(deps.imageCacheDir, { recursive: true, force: true }).catch((error: Error) =>
      deps.log(`archive image cache not cleared: ${error.message}`),
    );
  let cacheCleared = clearImageCache();

  /** The archive's answer, or its failure in words (the URL's password never in them). */
  async function guarded<T extends { ok: boolean }>(
    what: string,
    work: () => Promise<T>,
  ): Promise<T | { ok: false; error: string }> {
    try {
      return await work();
    } catch (error) {
      const message = reader.redact((error as Error).message ?? String(error));
      deps.log(`archive ${what}: ${message}`);
      return { ok: false, error: `the archive could not ${what}: ${message}` };
    }
  }

  function deploymentOf(key: string): string | null {
    const id = key.slice(ARCHIVE_KEY_PREFIX.length);
    return isArchiveKey(key) && isSafeDeploymentId(id) ? id : null;
  }

  async function load(deploymentId: string, key: string): Promise<ReplayData> {
    await cacheCleared;
    const replay = await reader.load(deploymentId, {
      trust: await deps.trustNow(),
      now: deps.now,
      keepImagesIn: join(deps.imageCacheDir, deploymentId),
    });
    opened.delete(key);
    opened.set(key, replay);
    while (opened.size > MAX_CACHED) opened.delete(opened.keys().next().value!);
    return replay;
  }

  return {
    async list(): Promise<ResponseMap['listArchiveDeployments']> {
      if (!deps.supervisor()) return { ok: false, error: 'only a signed-in supervisor can list the archive' };
      return guarded('list its deployments', async () => ({
        ok: true as const,
        deployments: await reader.list(),
      }));
    },

    async open(key: string): Promise<ResponseMap['openReplay']> {
      const actor = deps.supervisor();
      if (!actor) return { ok: false, error: 'only a signed-in supervisor can open a replay' };
      const deploymentId = deploymentOf(key);
      if (!deploymentId) return { ok: false, error: `no deployment journal for ${key}` };
      return guarded('open the deployment', async () => {
        // Journalled before anything is shown: who looked is part of the record.
        await deps.access.appendElsewhere(where(key), 'replay-opened', actor, { key, by: actor });
        const replay = await load(deploymentId, key);
        deps.log(`archive replay ${key} opened by ${actor.id}: ${replay.stations?.length ?? 0} stations`);
        return { ok: true as const, replay };
      });
    },

    async export(key: string, p: ExportRequest): Promise<ResponseMap['exportReplay']> {
      const actor = deps.supervisor();
      if (!actor) return { ok: false, error: 'only a signed-in supervisor can export' };
      const deploymentId = deploymentOf(key);
      if (!deploymentId) return { ok: false, error: `no deployment journal for ${key}` };
      return guarded('export the deployment', async () => {
        const replay = opened.get(key) ?? (await load(deploymentId, key));
        return writeExport(
          {
            exportsDir: deps.exportsDir,
            now: deps.now,
            log: deps.log,
            record: (path, kind, images) =>
              deps.access.recordExport(where(key), deploymentId, actor, path, kind, images),
          },
          { key, replay, state: null, journal: null, readImage: (sha) => reader.image(sha) },
          actor,
          p,
        );
      });
    },

    /** An image of an archive replay opened this session, or null. */
    imagePath(deploymentId: string, sha256: string): string | null {
      if (!isSafeDeploymentId(deploymentId) || !/^[0-9a-f]{64}$/.test(sha256)) return null;
      const path = join(deps.imageCacheDir, deploymentId, sha256);
      return existsSync(path) ? path : null;
    },

    async close(): Promise<void> {
      cacheCleared = clearImageCache();
      await cacheCleared;
      opened.clear();
      await reader.close();
    },
  };
}

export type ArchiveReplays = ReturnType<typeof createArchiveReplays>;
