/**
 * Pipelined intake, the image store's part: files are written in bounded batches and
 * the folder is fsync'd once per batch, one at a time, so the first images of a burst
 * are durable while later ones are still being written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fsyncDir } from '../../electron/core/journal/fsync';
import { IMAGE_BATCH, ImageStore } from '../../electron/core/journal/images';

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

  it("puts an alert's images, put in the same turn, in one batch: one folder fsync for the three", async () => {
    let syncs = 0;
    const store = new ImageStore(join(dir, 'images'), {
      syncDir: async (d) => {
        syncs += 1;
        await fsyncDir(d);
      },
    });
    // As the intake stores an alert's probe, watchlist face and scene (intake.ts storeImages).
    const results = await Promise.all([store.put(image()), store.put(image()), store.put(image())]);
    expect(results.every((r) => r.created)).toBe(true);
    expect(syncs).toBe(1);
    // The next alert's images, a turn later, are a batch of their own.
    await Promise.all([store.put(image()), store.put(image())]);
    expect(syncs).toBe(2);
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

  it('checks on disk, not in memory: a deleted or cut-short file is written again, a deleted folder made again', async () => {
    const store = new ImageStore(join(dir, 'images'));
    const bytes = image();
    const first = await store.put(bytes);
    expect((await store.put(bytes)).created).toBe(false);
    // Deleted under the store: the next put of the same face writes it again.
    await unlink(store.pathOf(first.sha256));
    expect((await store.put(bytes)).created).toBe(true);
    expect(await readFile(store.pathOf(first.sha256))).toEqual(Buffer.from(bytes));
    // Cut short: its size gives it away, and it is replaced.
    await writeFile(store.pathOf(first.sha256), bytes.subarray(0, 10));
    expect((await store.put(bytes)).created).toBe(true);
    expect((await readFile(store.pathOf(first.sha256))).length).toBe(bytes.length);
    // The whole folder removed: made again for the next batch.
    await rm(store.dir, { recursive: true });
    expect((await store.put(bytes)).created).toBe(true);
    expect(existsSync(store.pathOf(first.sha256))).toBe(true);
    // Retention removed it: the next put writes it again.
    expect(await store.remove(first.sha256)).toBe(true);
    expect((await store.put(bytes)).created).toBe(true);
  });

  it('fails a batch file by file: one file that cannot be written fails its own put only', async () => {
    const store = new ImageStore(join(dir, 'images'));
    const faces = Array.from({ length: 8 }, (_, i) => Buffer.from(`face ${i} `.repeat(100)));
    const blocked = createHash('sha256').update(faces[3]!).digest('hex');
    // A folder where one image's file must go: that one cannot be put in place.
    await mkdir(store.pathOf(blocked), { recursive: true });
    const results = await Promise.allSettled(faces.map((f) => store.put(f)));
    expect(results.map((r) => r.status)).toEqual(faces.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
    for (const [i, f] of faces.entries())
      if (i !== 3) expect(existsSync(store.pathOf(createHash('sha256').update(f).digest('hex')))).toBe(true);
  });
});
