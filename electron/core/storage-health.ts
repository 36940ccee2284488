/**
 * Whether the station can write to its data folder, and if not, why in words. A failed
 * write never pretends: alerts are not acknowledged, a decision says it was not saved,
 * and the officer sees a banner naming the cause until a write succeeds again.
 */
import { translatorFor } from '../../shared/i18n/translator';
import {
  storageCauseText,
  type JournalFileCause,
  type PlainStorageCause,
  type StorageCause,
} from '../../shared/storage-messages';
import { JournalFileError } from './journal/journal';

/**
 * `cause`: the English words (logs, and readers of older snapshots); `why`: the same as a
 * code and values, for the screen to say in the officer's language (issue 26).
 */
export type StorageView = { ok: true } | { ok: false; cause: string; why: StorageCause; since: string };

const CAUSES: Record<string, PlainStorageCause> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'quota-used',
  EROFS: 'read-only',
  EACCES: 'not-allowed',
  EPERM: 'not-allowed',
  ENOENT: 'folder-removed',
  EIO: 'io-error',
  ENOTDIR: 'folder-replaced',
  EMFILE: 'station-files',
  ENFILE: 'system-files',
};

/**
 * A journal file that is no longer the one at its path, and what the officer must do. Only
 * a moved folder put back can be taken up again by itself (the same file, checked on disk);
 * a deleted or replaced file cannot: the station never writes into a file it did not write,
 * nor starts a new record where its own one was (the words: shared/storage-messages.ts).
 */
const JOURNAL_FILE_CAUSES: Record<JournalFileError['problem'], JournalFileCause> = {
  moved: 'journal-moved',
  replaced: 'journal-replaced',
  deleted: 'journal-deleted',
};

/** Why a write failed, as a code and values (language-neutral). */
export function storageCause(error: unknown): StorageCause {
  if (error instanceof JournalFileError)
    return { code: JOURNAL_FILE_CAUSES[error.problem], values: { path: error.path } };
  let cursor: unknown = error;
  // A journal wraps the system error it met ("journal fsync failed: ..."): look through to it.
  for (let depth = 0; cursor && depth < 4; depth++) {
    const code = (cursor as NodeJS.ErrnoException).code;
    const plain = code ? CAUSES[code] : undefined;
    if (plain) return { code: plain };
    cursor = (cursor as { cause?: unknown }).cause;
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: 'write-failed', values: { detail: text.slice(0, 160) } };
}

const english = translatorFor('en-GB');

/** Why a write failed, in English words an officer can act on (the log's words). */
export function describeStorageError(error: unknown): string {
  return storageCauseText(english, storageCause(error));
}

export class StorageHealth {
  private problem: { cause: string; why: StorageCause; since: string } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Record a failed write; returns its cause in words. */
  failed(error: unknown): string {
    const why = storageCause(error);
    const cause = storageCauseText(english, why);
    this.problem = { cause, why, since: this.problem?.since ?? new Date(this.now()).toISOString() };
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
