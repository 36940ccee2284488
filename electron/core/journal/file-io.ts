/**
 * Positional file reads and writes that finish what the OS may do in parts: a write can
 * take fewer bytes than asked and a read can return fewer, so both loop until done.
 */
import { fstatSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { JournalFileError } from './journal-errors';

/** Writes every byte at `position` (looping over short writes). */
export async function writeAll(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, position + offset);
    offset += bytesWritten;
  }
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
