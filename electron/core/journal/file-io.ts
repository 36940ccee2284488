/**
 * Positional file reads and writes that finish what the OS may do in parts: a write can
 * take fewer bytes than asked and a read can return fewer, so both loop until done.
 */
import { fstatSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { JournalFileError } from './journal-errors';
import { readSync } from 'node:fs';
// Through the module object, so a test can make one write fail part way (journal.test.ts).
import fs from 'node:fs';

/**
 * Writes every byte at `position` (looping over short writes), at once: a write into the
 * page cache takes microseconds, where an asynchronous one waits a turn of the event loop,
 * which a burst of alerts makes long (issue 25). The fsync after it, which waits for the
 * disk, stays asynchronous (the caller's).
 */
export function writeAllSync(handle: FileHandle, bytes: Buffer, position: number): void {
  let offset = 0;
  while (offset < bytes.length)
    offset += fs.writeSync(handle.fd, bytes, offset, bytes.length - offset, position + offset);
}

/** Reads bytes `start` to `end`; shorter only when the file ends first. */
export async function readRange(handle: FileHandle, start: number, end: number): Promise<Buffer> {
  const buffer = Buffer.alloc(end - start);
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesRead } = await handle.read(buffer, offset, buffer.length - offset, start + offset);
    if (bytesRead === 0) break;
    offset += bytesRead;
  }
  return buffer.subarray(0, offset);
}

/**
 * Checked before every write: the file held must still be the one at the journal's path.
 * Synchronous (two stats, microseconds): awaited, each would be a turn of the event loop,
 * which a burst makes long, before every group commit's write. Throws when the held file
 * cannot be looked at.
 */
export function fileGone(handle: FileHandle, path: string): JournalFileError | null {
  const held = fstatSync(handle.fd);
  let named;
  try {
    named = statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    named = null;
  }
  // Another file at its path (the one held may have been unlinked by that very rename).
  if (named && (named.ino !== held.ino || named.dev !== held.dev))
    return new JournalFileError('replaced', path);
  if (held.nlink === 0) return new JournalFileError('deleted', path);
  // Still linked somewhere but not at its path: its folder was moved or renamed (and may come back).
  if (!named) return new JournalFileError('moved', path);
  return null;
}

/** Reads bytes `start` to `end` at once (a synchronous pread); shorter only when the file ends first. */
export function readRangeSync(fd: number, start: number, end: number): Buffer {
  const buffer = Buffer.alloc(end - start);
  let offset = 0;
  while (offset < buffer.length) {
    const read = readSync(fd, buffer, offset, buffer.length - offset, start + offset);
    if (read === 0) break;
    offset += read;
  }
  return buffer.subarray(0, offset);
}

/**
 * The lines of one write (a group commit), and where each entry's line will be in the file:
 * bytes [start, end) once the write lands at `base` (issue 25.5: a summarised alert's lines
 * are read back from there).
 */
export class BatchLines {
  readonly lines: string[] = [];
  private bytes = 0;
  private readonly offsets = new Map<object, { start: number; end: number }>();

  add(entry: object, line: string): void {
    this.lines.push(line);
    const bytes = Buffer.byteLength(line, 'utf8');
    this.offsets.set(entry, { start: this.bytes, end: this.bytes + bytes });
    this.bytes += bytes;
  }

  /** Each entry's place (placeOf), for a write that landed at `base`. */
  placed(base: number): void {
    for (const [entry, at] of this.offsets) PLACES.set(entry, { start: base + at.start, end: base + at.end });
  }
}

/** Where each entry a journal appended is in its file, for as long as the entry object is held. */
const PLACES = new WeakMap<object, { start: number; end: number }>();

/** Where an entry a journal appended (since it was opened) is in its file: bytes [start, end). */
export const placeOf = (entry: object): { start: number; end: number } | undefined => PLACES.get(entry);
