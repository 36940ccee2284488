/**
 * Image bytes, stored once each under their SHA-256 (journal-v1 "Files"). A stored
 * file is never rewritten: its name is the promise of its content.
 *
 * Writes are group-committed in bounded batches so a burst neither waits as one lump
 * nor fsyncs the folder once per file: each batch writes and fsyncs its files (in
 * parallel: each is its own file), renames them into place, then fsyncs the folder
 * once for all of them. The next batch's files may be written while the folder fsync
 * of the last is in flight, but never more than one folder fsync at a time. The first
 * images of a burst are therefore durable (and their alerts acknowledged) while later
 * ones are still being written. Bytes are let go as soon as their file is written.
 *
 * "Stored" is checked on disk, never taken from memory (issue 28): every put looks at the
 * named file (one stat: a regular file of the right size), so a file deleted or cut short
 * under the running station is written again from the bytes in hand, and a deleted folder
 * is made again (its parent fsync'd) before the next batch. A batch fails file by file: one
 * file that does not fit fails its own put, not the other 255.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDirDurable, fsyncDir, writeTempSynced } from './fsync';

const SHA256_RE = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_RE.test(value);
}

/**
 * Bounds of one image batch: files, and bytes held while they are written. A batch takes
 * what is queued when it starts (the puts of the turn that started it: startDraining), so a
 * burst's first batch is its first alert's images alone (fast first acknowledgement) and the
 * rest go in few large batches (few fsync rounds).
 */
export const IMAGE_BATCH = { files: 256, bytes: 32 * 1024 * 1024 };

interface PutResult {
  sha256: string;
  bytes: number;
  created: boolean;
}

interface ImageStoreOptions {
  /** How a folder is made durable (default: fsync it); tests wrap it to watch the batches. */
  syncDir?: (dir: string) => Promise<void>;
  /**
   * The folder the images folder lives in (the station's deployment folder). When it has
   * gone, the images folder is not made again: the data folder was moved or renamed, and a
   * fresh empty path would stop it being put back (the write fails ENOENT instead).
   */
  home?: string;
}

interface PendingImage {
  sha256: string;
  /** Dropped (set null) once written, so a burst does not keep its images in memory. */
  bytes: Uint8Array | null;
  resolve: (created: boolean) => void;
  reject: (error: unknown) => void;
}

export class ImageStore {
  private readonly queue: PendingImage[] = [];
  /** Puts of the same image while it is being written wait for that write. */
  private readonly writing = new Map<string, Promise<boolean>>();
  private draining = false;
  /** The folder fsync of the previous batch, if still in flight. */
  private publishing: Promise<void> = Promise.resolve();
  private readonly syncDir: (dir: string) => Promise<void>;
  /**
   * Set when the images folder was found gone and made again: the files it held are gone
   * too, and the station journals which (station/image-loss.ts), then clears this.
   */
  folderLost = false;

  constructor(
    readonly dir: string,
    private readonly opts: ImageStoreOptions = {},
  ) {
    this.syncDir = opts.syncDir ?? fsyncDir;
  }

  /** Makes the images folder again if it has gone (its parent fsync'd); see ImageStoreOptions.home. */
  async ensureFolder(): Promise<void> {
    // At once (a stat, microseconds), not a turn of a busy event loop (fsync.ts fsyncDir says why).
    const found = statSync(this.dir, { throwIfNoEntry: false });
    if (found?.isDirectory()) return;
    if (this.opts.home) statSync(this.opts.home);
    await ensureDirDurable(this.dir);
    if (!found) this.folderLost = true;
  }

  pathOf(sha256: string): string {
    // The name becomes a path, so only a bare lowercase digest may pass.
    if (!isSha256Hex(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${String(sha256).slice(0, 80)}`);
    return join(this.dir, sha256);
  }

  /**
   * `knownSha256`: the digest of these very bytes, when the caller has just taken it (intake
   * hashes each image once, for its entry, its decode and this name); otherwise taken here.
   */
  async put(bytes: Uint8Array, knownSha256?: string): Promise<PutResult> {
    const sha256 = knownSha256 ?? createHash('sha256').update(bytes).digest('hex');
    const size = bytes.byteLength;
    const running = this.writing.get(sha256);
    if (running) return { sha256, bytes: size, created: await running.then(() => false) };
    if (this.intactNow(sha256, size)) return { sha256, bytes: size, created: false };
    // Checked again: another put of the same image may have started during the stat.
    const raced = this.writing.get(sha256);
    if (raced) return { sha256, bytes: size, created: await raced.then(() => false) };
    const done = new Promise<boolean>((resolve, reject) => {
      this.queue.push({ sha256, bytes, resolve, reject });
    }).finally(() => this.writing.delete(sha256));
    this.writing.set(sha256, done);
    if (!this.draining) this.startDraining();
    return { sha256, bytes: size, created: await done };
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** The named file is on disk, a regular file of `size` bytes (its name promises its content). */
  async hasIntact(sha256: string, size: number): Promise<boolean> {
    await Promise.resolve();
    return this.intactNow(sha256, size);
  }

  /**
   * hasIntact at once (one stat, microseconds): asked for every image of every alert, an
   * awaited stat would wait a turn of the event loop, which a burst makes long.
   */
  private intactNow(sha256: string, size: number): boolean {
    const found = statSync(this.pathOf(sha256), { throwIfNoEntry: false });
    return found !== undefined && found.isFile() && found.size === size;
  }

  async remove(sha256: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    await this.syncDir(this.dir);
    return true;
  }

  /**
   * Drains from the next microtask, not at once: the puts made in the same turn (an alert's
   * two or three images, put together) are queued by then and share one batch, so one round
   * of fsyncs and one folder fsync. Started at once, the first image was a batch alone and
   * the others waited for its fsync: a round more for every alert that arrives on its own
   * (issue 25).
   */
  private startDraining(): void {
    this.draining = true;
    queueMicrotask(() => void this.drain());
  }

  private takeBatch(): PendingImage[] {
    const batch: PendingImage[] = [];
    let bytes = 0;
    while (this.queue.length > 0 && batch.length < IMAGE_BATCH.files) {
      const next = this.queue[0]!;
      const size = next.bytes?.byteLength ?? 0;
      if (batch.length > 0 && bytes + size > IMAGE_BATCH.bytes) break;
      batch.push(this.queue.shift()!);
      bytes += size;
    }
    return batch;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        let written: Array<{ item: PendingImage; temp: string }>;
        try {
          // Checked every batch (one stat): a folder deleted under the station is made again.
          await this.ensureFolder();
          written = await this.writeFiles(batch);
        } catch (error) {
          for (const item of batch) item.reject(error);
          continue;
        }
        if (written.length === 0) continue;
        // Only one folder fsync in flight: the previous batch's must finish before this one's renames.
        await this.publishing;
        this.publishing = this.publish(written);
      }
    } finally {
      this.draining = false;
    }
  }

  /** Each file written and fsync'd under a temporary name; one that fails fails its own put only. */
  private async writeFiles(batch: PendingImage[]): Promise<Array<{ item: PendingImage; temp: string }>> {
    const results = await Promise.all(
      batch.map(async (item) => {
        try {
          const temp = await writeTempSynced(this.pathOf(item.sha256), item.bytes!);
          item.bytes = null;
          return { item, temp };
        } catch (error) {
          item.reject(error);
          return null;
        }
      }),
    );
    return results.filter((r) => r !== null);
  }

  /** Rename the batch into place and fsync the folder once; then every put renamed in it is durable. */
  private async publish(written: Array<{ item: PendingImage; temp: string }>): Promise<void> {
    // At once, each a rename in the folder (microseconds): made durable by the folder fsync below.
    const placed: PendingImage[] = [];
    for (const { item, temp } of written) {
      try {
        renameSync(temp, this.pathOf(item.sha256));
        placed.push(item);
      } catch (error) {
        try {
          unlinkSync(temp);
        } catch {
          // Gone already.
        }
        item.reject(error);
      }
    }
    if (placed.length === 0) return;
    try {
      await this.syncDir(this.dir);
    } catch (error) {
      for (const item of placed) item.reject(error);
      return;
    }
    for (const item of placed) item.resolve(true);
  }
}

/**
 * A stored image's bytes for a screen, or null when there is no such file. Read at once: an
 * asynchronous read is an open, a stat, a read and a close, each waiting its turn on the
 * event loop that is taking the same alert in, while the screen waits for these bytes (a
 * face took 5 to 10 ms to arrive; issue 25). A face is small (the feed's limit is 8 MiB),
 * in the page cache since it was written, and read in tens of microseconds.
 */
export function readStoredImage(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw error;
  }
}
