/**
 * Whether the station can write to its data folder, and if not, why in words. A failed
 * write never pretends: alerts are not acknowledged, a decision says it was not saved,
 * and the officer sees a banner naming the cause until a write succeeds again.
 */
import { JournalFileError } from './journal/journal';

export type StorageView = { ok: true } | { ok: false; cause: string; since: string };

const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk has become read-only',
  EACCES: 'the station is no longer allowed to write to its data folder',
  EPERM: 'the station is no longer allowed to write to its data folder',
  ENOENT: 'the data folder, or part of it, has been removed',
  EIO: 'the disk reported an input/output error',
  ENOTDIR: 'part of the data folder has been replaced by a file',
  EMFILE: 'the station has too many files open',
  ENFILE: 'the system has too many files open',
};

/** Why a write failed, in words an officer can act on. */
export function describeStorageError(error: unknown): string {
  if (error instanceof JournalFileError)
    return `the journal file was ${error.problem} while the station was using it`;
  let cursor: unknown = error;
  // A journal wraps the system error it met ("journal fsync failed: ..."): look through to it.
  for (let depth = 0; cursor && depth < 4; depth++) {
    const code = (cursor as NodeJS.ErrnoException).code;
    if (code && CAUSES[code]) return CAUSES[code];
    cursor = (cursor as { cause?: unknown }).cause;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `writing failed (${text.slice(0, 160)})`;
}

export class StorageHealth {
  private problem: { cause: string; since: string } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Record a failed write; returns its cause in words. */
  failed(error: unknown): string {
    const cause = describeStorageError(error);
    this.problem = { cause, since: this.problem?.since ?? new Date(this.now()).toISOString() };
    return cause;
  }

  /** Record a write that succeeded; true when that ends a failure. */
  succeeded(): boolean {
    const was = this.problem !== null;
    this.problem = null;
    return was;
  }

  get ok(): boolean {
    return this.problem === null;
  }

  get view(): StorageView {
    return this.problem ? { ok: false, ...this.problem } : { ok: true };
  }
}
