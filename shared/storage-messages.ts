/**
 * Why the station cannot write to its data folder (issue 26), as a code and values the
 * core sends with the storage banner, and the words for each code. The core makes its
 * English `cause` (logs, and any reader of an older snapshot) from these same messages,
 * so the banner's English and the log's never drift; the screen says it in the officer's
 * language.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { Formatter } from './problem-messages';

/** Causes that need no values: each is a system error code the station recognises. */
export const PLAIN_STORAGE_CAUSES = [
  'disk-full',
  'quota-used',
  'read-only',
  'not-allowed',
  'folder-removed',
  'io-error',
  'folder-replaced',
  'station-files',
  'system-files',
] as const;
export type PlainStorageCause = (typeof PLAIN_STORAGE_CAUSES)[number];

/** A journal file that is no longer the one at its path: how it went, and where it was. */
export type JournalFileCause = 'journal-moved' | 'journal-replaced' | 'journal-deleted';

/** Why writing failed, in codes: the banner's words are made from it on the screen. */
export type StorageCause =
  | { code: PlainStorageCause }
  | { code: JournalFileCause; values: { path: string } }
  /** A failure the station has no words for: the system's own message (English), shortened. */
  | { code: 'write-failed'; values: { detail: string } };

export type StorageCauseCode = StorageCause['code'];

export const STORAGE_CAUSE_MESSAGES: Record<StorageCauseCode, MessageDescriptor> = defineMessages({
  'disk-full': {
    id: 'components.storage.disk-full',
    defaultMessage: 'the disk is full',
    description: 'Storage banner: why the station cannot save (ENOSPC); follows "Storage failing since …:"',
  },
  'quota-used': {
    id: 'components.storage.quota-used',
    defaultMessage: 'the disk quota is used up',
    description: 'Storage banner: why the station cannot save (EDQUOT)',
  },
  'read-only': {
    id: 'components.storage.read-only',
    defaultMessage: 'the disk has become read-only',
    description: 'Storage banner: why the station cannot save (EROFS)',
  },
  'not-allowed': {
    id: 'components.storage.not-allowed',
    defaultMessage: 'the station is no longer allowed to write to its data folder',
    description: 'Storage banner: why the station cannot save (EACCES, EPERM)',
  },
  'folder-removed': {
    id: 'components.storage.folder-removed',
    defaultMessage: 'the data folder, or part of it, has been removed',
    description: 'Storage banner: why the station cannot save (ENOENT)',
  },
  'io-error': {
    id: 'components.storage.io-error',
    defaultMessage: 'the disk reported an input/output error',
    description: 'Storage banner: why the station cannot save (EIO)',
  },
  'folder-replaced': {
    id: 'components.storage.folder-replaced',
    defaultMessage: 'part of the data folder has been replaced by a file',
    description: 'Storage banner: why the station cannot save (ENOTDIR)',
  },
  'station-files': {
    id: 'components.storage.station-files',
    defaultMessage: 'the station has too many files open',
    description: 'Storage banner: why the station cannot save (EMFILE)',
  },
  'system-files': {
    id: 'components.storage.system-files',
    defaultMessage: 'the system has too many files open',
    description: 'Storage banner: why the station cannot save (ENFILE)',
  },
  'journal-moved': {
    id: 'components.storage.journal-moved',
    defaultMessage:
      'the journal file is no longer at {path} (its folder was moved or renamed). Put the folder back where it was: the station carries on by itself within a few seconds, no restart needed',
    description: 'Storage banner: the journal’s folder was moved away; {path} is the file’s path',
  },
  'journal-replaced': {
    id: 'components.storage.journal-replaced',
    defaultMessage:
      'the journal file at {path} was replaced by another file while the station was using it. Do not restart the station; tell your supervisor: the original file must be put back (the station then carries on by itself), or the station restarted so that it checks the file it finds',
    description: 'Storage banner: the journal file was swapped for another; {path} is the file’s path',
  },
  'journal-deleted': {
    id: 'components.storage.journal-deleted',
    defaultMessage:
      'the journal file {path} was deleted while the station was using it. Keep the station running and tell your supervisor now: nothing more can be recorded for this deployment on this station',
    description: 'Storage banner: the journal file was deleted; {path} is the file’s path',
  },
  'write-failed': {
    id: 'components.storage.write-failed',
    defaultMessage: 'writing failed ({detail})',
    description:
      'Storage banner: a write failure the station has no words for; {detail} is the system’s message, in English',
  },
});

/** Why writing failed, in the reader's language. */
export function storageCauseText(intl: Formatter, cause: StorageCause): string {
  return intl.formatMessage(STORAGE_CAUSE_MESSAGES[cause.code], 'values' in cause ? cause.values : {});
}
