/**
 * Reading an entry's data with the entry map's schemas. A journal is input like any
 * other: the chain proves who wrote a line and that it was not changed since, not that
 * its data has the shape the fold expects. An entry of a known type whose data does not
 * match is a journal fault (named by its seq); an entry of a type this version does not
 * know is allowed (journal-v1: "data may carry more") and folds to nothing.
 */
import { describeZodError } from '../feed/schemas';
import type { JournalEntry, KnownEntry } from './entries';
import { entryDataSchemas, isEntryType } from './entry-data';

export class EntryDataError extends Error {
  override readonly name = 'EntryDataError';
  constructor(
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`entry ${seq}: ${reason}`);
  }
}

type EntryCheck = { ok: true; entry: KnownEntry | null } | { ok: false; reason: string };

/**
 * The entry checked last. The same entry object is read twice in a row where it is read
 * twice at all (replay's builder checks it, then the fold does): it is checked once. Not
 * a WeakMap of every entry checked: its table kept the size of the most entries it ever
 * held, and opening a 100,000-alert journal left one of 8 MiB in the large-object space
 * for good (issue 25.5). Holding one entry costs one entry.
 */
let last: { entry: JournalEntry; known: KnownEntry | null } | null = null;

/** The entry narrowed by its type, null for a type this version does not know, or why its data is wrong. */
export function checkEntryData(entry: JournalEntry): EntryCheck {
  if (last?.entry === entry) return { ok: true, entry: last.known };
  if (!isEntryType(entry.type)) {
    last = { entry, known: null };
    return { ok: true, entry: null };
  }
  const parsed = entryDataSchemas[entry.type].safeParse(entry.data);
  if (!parsed.success)
    return { ok: false, reason: `${entry.type} data is malformed: ${describeZodError(parsed.error)}` };
  // Validation only: the schemas have no transforms, so the data as written is the typed data.
  const known = entry as KnownEntry;
  last = { entry, known };
  return { ok: true, entry: known };
}

/** As checkEntryData, throwing EntryDataError for data that does not match its type. */
export function knownEntry(entry: JournalEntry): KnownEntry | null {
  const result = checkEntryData(entry);
  if (!result.ok) throw new EntryDataError(entry.seq, result.reason);
  return result.entry;
}
