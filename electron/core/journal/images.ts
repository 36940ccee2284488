/**
 * Image bytes, stored once each under their SHA-256 (journal-v1 "Files"). A stored
 * file is never rewritten: its name is the promise of its content.
 */
import { createHash } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureDirDurable, fsyncDir, writeFileDurable } from './fsync';

const SHA256_RE = /^[0-9a-f]{64}$/;

export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_RE.test(value);
}

export class ImageStore {
  private dirReady: Promise<void> | null = null;

  constructor(readonly dir: string) {}

  pathOf(sha256: string): string {
    // The name becomes a path, so only a bare lowercase digest may pass.
    if (!isSha256Hex(sha256)) throw new TypeError(`not a SHA-256 hex digest: ${String(sha256).slice(0, 80)}`);
    return join(this.dir, sha256);
  }

  async put(bytes: Uint8Array): Promise<{ sha256: string; bytes: number; created: boolean }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, bytes: bytes.byteLength, created: false };
    this.dirReady ??= ensureDirDurable(this.dir).catch((error: unknown) => {
      this.dirReady = null;
      throw error;
    });
    await this.dirReady;
    await writeFileDurable(path, bytes);
    return { sha256, bytes: bytes.byteLength, created: true };
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async remove(sha256: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    await fsyncDir(this.dir);
    return true;
  }
}
