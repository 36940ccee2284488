/**
 * The frame every supervisor request on one deployment journal shares: a signed-in
 * supervisor, a journal that exists, one request at a time per journal, failures as answers.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSafeDeploymentId } from '../../../shared/feed/limits';
import type { Actor } from '../../../shared/journal/entries';
import type { Role } from '../../../shared/vocabulary';

/** Where one replayable journal lives: a station deployment or an imported bundle. */
export interface Location {
  key: string;
  source: 'station' | 'import';
  /** The folder name: deploymentId for station, importId for import. */
  id: string;
  dir: string;
  journalFile: string;
  imagesDir: string;
}

async function fileExists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}

interface RequestFrameDeps {
  /** <data> or <data>/training: holds deployments/. */
  stationRoot: string;
  importsDir: string;
  operator: () => { id: string; name: string; role: Role } | null;
  log: (line: string) => void;
}

export function createRequestFrame(deps: RequestFrameDeps) {
  const locks = new Map<string, Promise<unknown>>();

  /** One operation per key at a time: a journal is never read while this service appends to it. */
  function locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = locks.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key);
    });
    return next;
  }

  function locate(key: string): Location | null {
    const m = /^(station|import):(.+)$/.exec(key);
    if (!m || !isSafeDeploymentId(m[2]!)) return null;
    const source = m[1] as 'station' | 'import';
    const id = m[2]!;
    const dir = source === 'station' ? join(deps.stationRoot, 'deployments', id) : join(deps.importsDir, id);
    return { key, source, id, dir, journalFile: join(dir, 'journal.jsonl'), imagesDir: join(dir, 'images') };
  }

  function supervisor(): Actor | null {
    const op = deps.operator();
    return op && op.role === 'supervisor' ? { id: op.id, name: op.name } : null;
  }

  async function onJournal<T extends { ok: boolean }>(
    key: string,
    name: string,
    refused: string,
    failed: string,
    work: (loc: Location, actor: Actor) => Promise<T>,
  ): Promise<T | { ok: false; error: string }> {
    const actor = supervisor();
    if (!actor) return { ok: false, error: `only a signed-in supervisor can ${refused}` };
    const loc = locate(key);
    if (!loc || !(await fileExists(loc.journalFile)))
      return { ok: false, error: `no deployment journal for ${key}` };
    try {
      return await locked(loc.key, () => work(loc, actor));
    } catch (error) {
      deps.log(`${name} ${key}: ${String(error)}`);
      return { ok: false, error: `${failed}: ${(error as Error).message}` };
    }
  }

  return { locked, locate, supervisor, onJournal };
}

export type RequestFrame = ReturnType<typeof createRequestFrame>;
