/**
 * Pipelined intake, the image store's part: files are written in bounded batches and
 * the folder is fsync'd once per batch, one at a time, so the first images of a burst
 * are durable while later ones are still being written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsyncDir } from '../../electron/core/journal/fsync';
import { IMAGE_BATCH, ImageStore, KNOWN_STORED_LIMIT } from '../../electron/core/journal/images';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'image-batches-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('image store group commit', () => {
  const image = () => randomBytes(20_000);

  it('makes the first images of a burst durable before the last batch is written, one folder fsync at a time', async () => {
    const syncs = { calls: 0, inFlight: 0, maxInFlight: 0 };
    const store = new ImageStore(join(dir, 'images'), {
      syncDir: async (d) => {
        syncs.calls += 1;
        syncs.maxInFlight = Math.max(syncs.maxInFlight, ++syncs.inFlight);
        try {
          await fsyncDir(d);
        } finally {
          syncs.inFlight -= 1;
        }
      },
    });
    const count = 4 * IMAGE_BATCH.files;
    const images = Array.from({ length: count }, image);
    const puts = images.map((bytes) => store.put(bytes));
    const last = await puts[count - 1]!.then((r) => r.sha256);
    const results = await Promise.all(puts);
    expect(results.every((r) => r.created)).toBe(true);
    expect(existsSync(store.pathOf(last))).toBe(true);
    // One folder fsync per batch, not per file, and never two at once.
    expect(syncs.calls).toBeGreaterThanOrEqual(Math.ceil(count / IMAGE_BATCH.files));
    expect(syncs.calls).toBeLessThan(count);
    expect(syncs.maxInFlight).toBe(1);
    // No temporary file is left behind.
    expect(readdirSync(store.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('acknowledges the first put while later ones of the burst are not yet on disk', async () => {
    const store = new ImageStore(join(dir, 'images'));
    const count = 4 * IMAGE_BATCH.files;
    const images = Array.from({ length: count }, image);
    const puts = images.map((bytes) => store.put(bytes));
    const lastSha = createHash('sha256')
      .update(images[count - 1]!)
      .digest('hex');
    const lastExistedAtFirstAck = await puts[0]!.then(() => existsSync(store.pathOf(lastSha)));
    expect(lastExistedAtFirstAck).toBe(false);
    await Promise.all(puts);
    expect(existsSync(store.pathOf(lastSha))).toBe(true);
  });

  it('writes an image once when the same bytes arrive twice at the same time', async () => {
    const store = new ImageStore(join(dir, 'images'));
    const bytes = image();
    const [a, b] = await Promise.all([store.put(bytes), store.put(bytes)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.sha256).toBe(b.sha256);
  });

  it('refuses the whole batch when its folder cannot be made durable, and recovers for the next', async () => {
    let fail = true;
    const store = new ImageStore(join(dir, 'images'), {
      syncDir: async (d) => {
        if (fail) throw new Error('EIO: simulated folder fsync failure');
        await fsyncDir(d);
      },
    });
    await expect(store.put(image())).rejects.toThrow('EIO');
    fail = false;
    const ok = await store.put(image());
    expect(ok.created).toBe(true);
    expect(readdirSync(store.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('remembers what it stored, so a repeated face costs no file-system call, and forgets what it removed', async () => {
    const store = new ImageStore(join(dir, 'images'));
    const bytes = image();
    const first = await store.put(bytes);
    // A stat would find nothing now; the repeat is answered from memory as already stored.
    const has = store.has.bind(store);
    let stats = 0;
    store.has = (sha) => {
      stats += 1;
      return has(sha);
    };
    expect((await store.put(bytes)).created).toBe(false);
    expect(stats).toBe(0);
    // Retention removed it: the next put of the same face writes it again.
    expect(await store.remove(first.sha256)).toBe(true);
    const again = await store.put(bytes);
    expect(again.created).toBe(true);
    expect(existsSync(store.pathOf(first.sha256))).toBe(true);
  });

  it('remembers a bounded number of digests, oldest forgotten first', async () => {
    const store = new ImageStore(join(dir, 'images'));
    const oldest = await store.put(image());
    await Promise.all(
      Array.from({ length: KNOWN_STORED_LIMIT }, (_, i) => store.put(Buffer.from(`face ${i}`))),
    );
    let stats = 0;
    const has = store.has.bind(store);
    store.has = (sha) => {
      stats += 1;
      return has(sha);
    };
    // Forgotten, so checked on disk again (and found: nothing is written twice).
    const repeat = await store.put(await readFile(store.pathOf(oldest.sha256)));
    expect(repeat.created).toBe(false);
    expect(stats).toBe(1);
  });
});
