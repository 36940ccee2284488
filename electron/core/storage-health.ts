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

/**
 * A journal file that is no longer the one at its path, and what the officer must do. Only
 * a moved folder put back can be taken up again by itself (the same file, checked on disk);
 * a deleted or replaced file cannot: the station never writes into a file it did not write,
 * nor starts a new record where its own one was.
 */
function journalFileCause(error: JournalFileError): string {
  switch (error.problem) {
    case 'moved':
      return (
        `the journal file is no longer at ${error.path} (its folder was moved or renamed). ` +
        'Put the folder back where it was: the station carries on by itself within a few seconds, no restart needed'
      );
    case 'replaced':
      return (
        `the journal file at ${error.path} was replaced by another file while the station was using it. ` +
        'Do not restart the station; tell your supervisor: the original file must be put back ' +
        '(the station then carries on by itself), or the station restarted so that it checks the file it finds'
      );
    case 'deleted':
      return (
        `the journal file ${error.path} was deleted while the station was using it. ` +
        'Keep the station running and tell your supervisor now: nothing more can be recorded for this deployment on this station'
      );
  }
}

/** Why a write failed, in words an officer can act on. */
export function describeStorageError(error: unknown): string {
  if (error instanceof JournalFileError) return journalFileCause(error);
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
