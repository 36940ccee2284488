/**
 * Reading a journal file on open (journal-v1 "Durability"): every line is checked
 * against the chain; a final line cut short or failing its check is a write a crash
 * interrupted and is truncated (what was cut is returned, to be journalled as
 * `recovered`); any earlier failure is tampering and nothing is changed.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalEntry, JournalOpenedData } from '../../../shared/journal/entries';
import { ChainChecker, readLines } from './chain';
import { readRange } from './file-io';
import { JournalTamperedError } from './journal-errors';
import type { EntryPlace, JournalOpenOptions, RecoveredTail } from './journal-types';
import { PRIVATE_FILE_MODE, ensureDirDurable, fsyncDir } from './fsync';

interface LoadedFile {
  checker: ChainChecker;
  /** Every verified entry, in order; empty when a visitor was given (it had them instead). */
  entries: JournalEntry[];
  recovered: RecoveredTail | null;
  /** Length of the file up to its last good entry (after any truncation). */
  goodSize: number;
}

/**
 * Takes each verified entry as it is read, so a large journal is never held whole
 * (issue 25.5: memory bounded by what is open, not by the deployment).
 */
export interface LoadVisitor {
  /**
   * Each verified entry, in file order. What it saw before a later line turns out to be
   * tampered is not to be trusted: the load then throws, and the caller drops it all.
   * What it throws stops the load at once, with the file unchanged.
   */
  onEntry: (entry: JournalEntry, place: EntryPlace) => void;
  /**
   * The journal-opened data, once, before any entry is visited: so a journal that is not
   * the caller's to continue is refused before its entries are folded. Asked only once
   * the second line has chained to the first (or there is none), so an edited first
   * line is still found as tampering, as it is when the whole file is read first.
   */
  onOpened?: (opened: JournalOpenedData) => void;
}

export async function loadAndRecover(handle: FileHandle, visitor?: LoadVisitor): Promise<LoadedFile> {
  const size = (await handle.stat()).size;
  const checker = new ChainChecker();
  const entries: JournalEntry[] = [];
  // The first entry waits for the second (see LoadVisitor.onOpened).
  let held: { entry: JournalEntry; place: EntryPlace } | null = null;
  const release = () => {
    if (!visitor || !held) return;
    if (checker.opened) visitor.onOpened?.(checker.opened);
    const first = held;
    held = null;
    visitor.onEntry(first.entry, first.place);
  };
  let cut: { start: number; reason: string } | null = null;
  for await (const line of readLines(handle)) {
    const result = checker.feed(line.text, line.terminated);
    if (result.ok) {
      if (!visitor) entries.push(result.entry);
      else if (result.entry.seq === 1)
        held = { entry: result.entry, place: { start: line.start, end: line.end } };
      else {
        release();
        visitor.onEntry(result.entry, { start: line.start, end: line.end });
      }
      continue;
    }
    // Only the final line can be a write the crash interrupted; anything earlier was altered.
    if (line.end < size) throw new JournalTamperedError(result.seq, result.reason);
    cut = { start: line.start, reason: result.reason };
    break;
  }
  release();
  if (!cut) return { checker, entries, recovered: null, goodSize: size };
  const tail = await readRange(handle, cut.start, size);
  const recovered = {
    bytes: tail.length,
    sha256: createHash('sha256').update(tail).digest('hex'),
    reason: cut.reason,
  };
  await handle.truncate(cut.start);
  await handle.sync();
  return { checker, entries, recovered, goodSize: cut.start };
}

/** Opens the journal file for reading and appending, creating it (and making that durable) if new. */
export async function openOrCreate(path: string): Promise<FileHandle> {
  await ensureDirDurable(dirname(path));
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx+', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return open(path, 'r+');
  }
  try {
    await fsyncDir(dirname(path));
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** A journal this station may continue: its deployment, opened by this station's key. */
export function checkOwnership(
  opened: JournalOpenedData,
  opts: Pick<JournalOpenOptions, 'deploymentId' | 'signer'>,
  path: string,
): void {
  if (opened.deploymentId !== opts.deploymentId)
    throw new Error(`journal ${path} belongs to deployment ${opened.deploymentId}, not ${opts.deploymentId}`);
  if (opened.publicKey !== opts.signer.publicKey || opened.stationId !== opts.signer.stationId)
    throw new Error(`journal ${path} was opened by another station key; this station cannot continue it`);
}
