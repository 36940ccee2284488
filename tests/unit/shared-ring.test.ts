/**
 * The ring through which image bytes reach a decode worker (electron/core/feed/shared-ring.ts):
 * a region in use is never written over, whatever order regions are let go in, and bytes that
 * do not fit get null (the caller hands them over another way) rather than a wait.
 */
import { describe, expect, it } from 'vitest';
import { SharedRing } from '../../electron/core/feed/shared-ring';

const bytes = (size: number, fill: number) => new Uint8Array(size).fill(fill);

describe('SharedRing', () => {
  it('places regions one after another, goes round once the oldest is let go, and refuses what does not fit', () => {
    const ring = new SharedRing(100);
    expect(ring.put(bytes(40, 1))).toBe(0);
    expect(ring.put(bytes(40, 2))).toBe(40);
    expect(ring.put(bytes(30, 3))).toBeNull(); // 20 left at the end, none at the start
    ring.release(0);
    expect(ring.put(bytes(30, 3))).toBe(0); // round to the start, before the region at 40
    expect(ring.put(bytes(20, 4))).toBeNull(); // 10 left between head and the oldest
    expect(ring.put(bytes(10, 4))).toBe(30);
    expect(ring.put(bytes(101, 5))).toBeNull();
    expect(ring.put(new Uint8Array())).toBeNull();
    ring.release(40);
    ring.release(0);
    ring.release(30);
    expect(ring.regionsInUse).toBe(0);
    expect(ring.put(bytes(100, 6))).toBe(0); // empty again: the whole of it
  });

  it('copies the bytes exactly: a Buffer cut from a larger one at an odd offset, and a plain Uint8Array', () => {
    const ring = new SharedRing(1 << 16);
    const view = new Uint8Array(ring.buffer);
    const source = Buffer.from(Array.from({ length: 5003 }, (_, i) => (i * 31 + 7) % 251));
    const cut = source.subarray(3, 4999); // not a whole buffer, not aligned
    const at = ring.put(cut)!;
    expect(Buffer.from(view.subarray(at, at + cut.length)).equals(cut)).toBe(true);
    const plain = new Uint8Array(777).map((_, i) => 255 - (i % 256));
    const next = ring.put(plain)!;
    expect(next).toBe(at + cut.length);
    expect(Buffer.from(view.subarray(next, next + plain.length)).equals(Buffer.from(plain))).toBe(true);
    // The region before it is untouched, to its last byte (fill never repeats past the length).
    expect(view[at + cut.length - 1]).toBe(cut[cut.length - 1]);
    expect(view[next + plain.length]).toBe(0);
  });

  it('keeps the room of a region let go early until every older one is let go too', () => {
    const ring = new SharedRing(90);
    const [a, b, c] = [ring.put(bytes(30, 1)), ring.put(bytes(30, 2)), ring.put(bytes(30, 3))];
    ring.release(b!);
    ring.release(c!);
    expect(ring.put(bytes(10, 4))).toBeNull(); // a is still read
    ring.release(a!);
    expect(ring.put(bytes(90, 4))).toBe(0);
  });

  it('never writes over a region in use, over many puts and releases in any order', () => {
    const ring = new SharedRing(4096);
    const view = new Uint8Array(ring.buffer);
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const live: Array<{ at: number; size: number; fill: number }> = [];
    let placed = 0;
    for (let step = 0; step < 20_000; step++) {
      if (live.length > 0 && next(3) === 0) {
        const [gone] = live.splice(next(live.length), 1);
        ring.release(gone!.at);
        continue;
      }
      const size = 1 + next(700);
      const fill = 1 + next(255);
      const at = ring.put(bytes(size, fill));
      if (at === null) continue;
      placed++;
      expect(at + size).toBeLessThanOrEqual(4096);
      for (const other of live) expect(at + size <= other.at || other.at + other.size <= at).toBe(true);
      live.push({ at, size, fill });
      // Every region still in use still holds its own bytes.
      for (const r of live) expect(view.subarray(r.at, r.at + r.size).every((v) => v === r.fill)).toBe(true);
    }
    expect(placed).toBeGreaterThan(5000);
    expect(ring.regionsInUse).toBe(live.length);
  });
});
