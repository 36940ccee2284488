/**
 * Bundles uploaded in browser mode, waiting to be imported. The renderer never names
 * a file on the station's disk: in Electron main asks with a file dialog; in browser
 * mode the browser sends the file's bytes (POST /bundles) and gets back an upload id,
 * which is all the import request carries. An upload is capped in size and weighed
 * against the free disk before and while it is written; it is deleted once imported.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { freeBytes } from './bundle';
import { pipeToNewFile } from './new-file';

const UPLOAD_ID_PATTERN = /^[0-9a-f]{32}$/;

interface UploadLimits {
  maxBytes: number;
  /** Free space an upload must leave on the disk (the station's journals live there too). */
  keepFreeBytes: number;
}

const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 4 * 1024 ** 3,
  keepFreeBytes: 256 * 1024 ** 2,
};

export type UploadResult =
  { ok: true; upload: string } | { ok: false; status: 400 | 413 | 507; error: string };

class TooLarge extends Error {}

export class BundleUploads {
  constructor(
    readonly dir: string,
    private readonly limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
    private readonly free: (dir: string) => Promise<number> = freeBytes,
  ) {}

  /** Store a request body as a new upload. `declared`: the Content-Length, when the client sent one. */
  async receive(body: Readable, declared: number | null): Promise<UploadResult> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const room = (await this.free(this.dir)) - this.limits.keepFreeBytes;
    const cap = Math.min(this.limits.maxBytes, Math.max(0, room));
    if (declared !== null && declared > this.limits.maxBytes)
      return { ok: false, status: 413, error: `a bundle upload is limited to ${this.limits.maxBytes} bytes` };
    if (declared !== null && declared > cap)
      return { ok: false, status: 507, error: 'there is not enough free disk space for that bundle' };
    const id = randomBytes(16).toString('hex');
    const partial = join(this.dir, `${id}.partial`);
    let received = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > cap) callback(new TooLarge());
        else callback(null, chunk);
      },
    });
    try {
      // Refused at its first chunk, the file is removed only once it exists (pipeToNewFile).
      await pipeToNewFile(partial, body, counter);
    } catch (error) {
      await rm(partial, { force: true });
      if (error instanceof TooLarge)
        return received > this.limits.maxBytes
          ? { ok: false, status: 413, error: `a bundle upload is limited to ${this.limits.maxBytes} bytes` }
          : { ok: false, status: 507, error: 'there is not enough free disk space for that bundle' };
      return { ok: false, status: 400, error: 'the upload did not arrive whole' };
    }
    if (received === 0) {
      await rm(partial, { force: true });
      return { ok: false, status: 400, error: 'the upload was empty' };
    }
    await rename(partial, join(this.dir, id));
    return { ok: true, upload: id };
  }

  /** The stored upload's path, or null for an id that is not one (or is gone). */
  async pathOf(upload: string): Promise<string | null> {
    if (!UPLOAD_ID_PATTERN.test(upload)) return null;
    const path = join(this.dir, upload);
    return (await stat(path).catch(() => null))?.isFile() ? path : null;
  }

  async discard(upload: string): Promise<void> {
    if (UPLOAD_ID_PATTERN.test(upload)) await rm(join(this.dir, upload), { force: true });
  }

  /** Uploads left by a station that stopped before importing them. */
  async clear(): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [] as string[]))
      await rm(join(this.dir, name), { force: true });
  }
}
