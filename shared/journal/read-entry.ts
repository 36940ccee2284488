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

// The same entry object is often read twice (on opening, then by the fold): check it once.
const checked = new WeakMap<object, KnownEntry | null>();

/** The entry narrowed by its type, null for a type this version does not know, or why its data is wrong. */
export function checkEntryData(entry: JournalEntry): EntryCheck {
  const memo = checked.get(entry);
  if (memo !== undefined) return { ok: true, entry: memo };
  if (!isEntryType(entry.type)) {
    checked.set(entry, null);
    return { ok: true, entry: null };
  }
  const parsed = entryDataSchemas[entry.type].safeParse(entry.data);
  if (!parsed.success)
    return { ok: false, reason: `${entry.type} data is malformed: ${describeZodError(parsed.error)}` };
  // Validation only: the schemas have no transforms, so the data as written is the typed data.
  const known = entry as KnownEntry;
  checked.set(entry, known);
  return { ok: true, entry: known };
}

/** As checkEntryData, throwing EntryDataError for data that does not match its type. */
export function knownEntry(entry: JournalEntry): KnownEntry | null {
  const result = checkEntryData(entry);
  if (!result.ok) throw new EntryDataError(entry.seq, result.reason);
  return result.entry;
}
