/**
 * Durable file-system steps. A rename or a new directory entry is only on disk once
 * its folder has been fsync'd, so every helper here fsyncs the folder it changed.
 *
 * Everything under the data folder is the station's alone (faces, decisions, keys):
 * files are created 0600 and folders 0700 unless a caller asks otherwise.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsync, openSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Modes for what the station creates under its data folder (owner only). */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

// Windows cannot open a directory for fsync; NTFS journals its metadata instead.
const CAN_FSYNC_DIRS = process.platform !== 'win32';

/** fsync(2) of an open descriptor, on libuv's threads: the one step that waits for the disk. */
const fsyncFd = promisify(fsync);

/**
 * Why some steps here are synchronous (issue 25): in a burst the event loop is busy taking
 * in alerts, and every asynchronous step waits a whole turn of it (tens of milliseconds)
 * before the next can start. Opening, closing and renaming, and a write into the page
 * cache, take microseconds and do not wait for the disk, so they are made at once; the
 * fsyncs, which do wait for the disk, stay on libuv's threads. Nothing is durable sooner
 * or later than before: each file is still fsync'd before it is renamed into place, and
 * its folder after.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (!CAN_FSYNC_DIRS) return;
  const fd = openSync(dir, 'r');
  try {
    await fsyncFd(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A temporary name no other writer uses: this process's id, a random tag drawn once per
 * process (an id is reused after a restart, and a crash can leave a file under the old
 * one), and a count. Drawing random bytes for every file cost a burst's event loop a few
 * milliseconds (issue 25); the 'wx' open below still refuses any name that exists.
 */
const RUN_TAG = randomBytes(6).toString('hex');
let tempCount = 0;
const tempNameFor = (path: string) =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${RUN_TAG}${(tempCount++).toString(36)}.tmp`);

/**
 * Write `bytes` to a new temporary file beside `path` and fsync it; returns its name.
 * Nothing is at `path` yet: the caller renames it into place and fsyncs the folder
 * (alone, or once for a batch of files). On failure the temporary file is removed.
 */
export async function writeTempDurable(
  path: string,
  bytes: Uint8Array | string,
  opts: { mode?: number } = {},
): Promise<string> {
  const temp = tempNameFor(path);
  const mode = opts.mode ?? PRIVATE_FILE_MODE;
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      // The umask cannot widen the mode, but it may have narrowed the owner's own bits.
      // Both at once: each await is a turn of the event loop, which a burst makes long.
      await Promise.all([process.platform !== 'win32' ? handle.chmod(mode) : null, handle.writeFile(bytes)]);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return temp;
}

/**
 * writeTempDurable with only the fsync asynchronous (see fsyncDir): for the image store,
 * which writes a burst's files while the event loop is at its busiest.
 */
export async function writeTempSynced(
  path: string,
  bytes: Uint8Array,
  opts: { mode?: number } = {},
): Promise<string> {
  const temp = tempNameFor(path);
  const mode = opts.mode ?? PRIVATE_FILE_MODE;
  const fd = openSync(temp, 'wx', mode);
  try {
    try {
      // The umask cannot widen the mode, but it may have narrowed the owner's own bits.
      if (process.platform !== 'win32') fchmodSync(fd, mode);
      for (let offset = 0; offset < bytes.byteLength;)
        offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
      await fsyncFd(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Gone already, or its folder with it.
    }
    throw error;
  }
  return temp;
}

/**
 * Write `bytes` to `path` so that after a crash the path holds either the old content
 * or all of the new, never a mix: temp file in the same folder, fsync, rename, fsync folder.
 */
export async function writeFileDurable(
  path: string,
  bytes: Uint8Array | string,
  opts: { mode?: number } = {},
): Promise<void> {
  const temp = await writeTempDurable(path, bytes, opts);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dirname(path));
}

/** mkdir -p, then fsync the parent of every folder it created, top down. */
export async function ensureDirDurable(dir: string): Promise<void> {
  const target = resolve(dir);
  const missing: string[] = [];
  let cursor = target;
  for (;;) {
    const exists = await stat(cursor).then(
      (s) => {
        if (!s.isDirectory()) throw new Error(`${cursor} exists and is not a folder`);
        return true;
      },
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (exists) break;
    missing.push(cursor);
    const parent = dirname(cursor);
    if (parent === cursor) break;
    cursor = parent;
  }
  if (missing.length === 0) return;
  await mkdir(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const created of missing.reverse()) await fsyncDir(dirname(created));
}
