/**
 * The summaries' arena (shared/journal/summary-table.ts, issue 25.5): the table answers as
 * the Map it replaced would (same keys, order, statuses, tiers and bytes) through growth
 * and compaction, and a summary read before a compaction still reads its own bytes; its
 * count of outcomes awaited is a walk's.
 */
import { describe, expect, it } from 'vitest';
import { SummaryTable, type AlertSummary } from '../../shared/journal/summary-table';
import { TIERS } from '../../shared/vocabulary';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function summaryOf(n: number, bytes: number): AlertSummary {
  const packed = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) packed[i] = (n * 31 + i * 7) & 0xff;
  return {
    status: n % 3 === 0 ? 'withdrawn' : 'decided',
    tier: TIERS[n % TIERS.length] ?? 'red',
    outcomeAwaited: n % 5 === 1,
    packed,
  };
}

const plain = (s: AlertSummary | undefined) => s && { ...s, packed: Array.from(s.packed) };

function expectSame(table: SummaryTable, model: Map<string, AlertSummary>): void {
  expect(table.size).toBe(model.size);
  expect([...table.keys()]).toEqual([...model.keys()]);
  // Kept as summaries change (a handover asks for it without walking them): the same as a walk.
  expect(table.outcomesAwaited).toBe([...model.values()].filter((s) => s.outcomeAwaited).length);
  expect([...table].map(([id, s]) => [id, plain(s)])).toEqual([...model].map(([id, s]) => [id, plain(s)]));
  for (const [id, s] of model) {
    expect(table.has(id)).toBe(true);
    expect(plain(table.get(id))).toEqual(plain(s));
  }
}

describe('SummaryTable', () => {
  it('answers as a Map through sets, replacements and deletes, growing and compacting', () => {
    const table = new SummaryTable();
    const model = new Map<string, AlertSummary>();
    const random = rng(7);
    let peak = 0;
    for (let i = 0; i < 30_000; i++) {
      const id = `alert-${Math.floor(random() * 6_000)}`;
      if (random() < 0.3) {
        expect(table.delete(id)).toBe(model.delete(id));
      } else {
        const s = summaryOf(i, 100 + Math.floor(random() * 400));
        table.set(id, s);
        model.set(id, { ...s, packed: s.packed.slice() });
        // The table copied the bytes: the caller may reuse its buffer.
        s.packed.fill(0);
      }
      peak = Math.max(peak, table.chunkBytes);
      if (i % 5_000 === 0) expectSame(table, model);
    }
    expectSame(table, model);
    expect(table.get('nobody')).toBeUndefined();
    expect(table.delete('nobody')).toBe(false);
    // Deleting most of them compacts: the chunks shrink to what is left (and no more than twice it).
    const survivors = [...model.keys()].slice(0, 200);
    for (const id of [...model.keys()]) {
      if (survivors.includes(id)) continue;
      table.delete(id);
      model.delete(id);
    }
    expectSame(table, model);
    let left = 0;
    for (const s of model.values()) left += 5 + s.packed.length;
    expect(table.chunkBytes).toBeLessThan(peak / 4);
    expect(table.chunkBytes).toBeLessThanOrEqual(Math.max(2 * left + (1 << 16), 1 << 15));
  });

  it('grows its chunks from small to 1 MiB, and gives a record larger than a chunk one of its own', () => {
    const table = new SummaryTable();
    table.set('a', summaryOf(1, 200));
    expect(table.chunkBytes).toBe(1 << 14);
    for (let i = 0; i < 20_000; i++) table.set(`b${i}`, summaryOf(i, 300));
    // 16 KiB, 32, 64 ... 1 MiB, then 1 MiB chunks: about 6 MB of records in under 8 MiB.
    expect(table.chunkBytes).toBeGreaterThan(20_000 * 305);
    expect(table.chunkBytes).toBeLessThan(8 << 20);
    const big = summaryOf(5, (1 << 20) + 3);
    table.set('big', big);
    expect(plain(table.get('big'))).toEqual(plain(big));
    expect(plain(table.get('b19999'))).toEqual(plain(summaryOf(19_999, 300)));
  });

  it('keeps a summary read before a compaction readable, with its own bytes', () => {
    const table = new SummaryTable();
    for (let i = 0; i < 1_000; i++) table.set(`x${i}`, summaryOf(i, 250));
    const held = table.get('x999');
    const before = plain(held);
    const chunks = table.chunkBytes;
    for (let i = 0; i < 990; i++) table.delete(`x${i}`);
    expect(table.chunkBytes).toBeLessThan(chunks);
    expect(plain(held)).toEqual(before);
    expect(plain(table.get('x999'))).toEqual(before);
    expect([...table.keys()]).toEqual(Array.from({ length: 10 }, (_, i) => `x${990 + i}`));
  });

  it('refuses a status or tier it has no code for', () => {
    const table = new SummaryTable();
    const odd = { ...summaryOf(1, 10), tier: 'blue' } as unknown as AlertSummary;
    expect(() => table.set('a', odd)).toThrow(/no summary code/);
    expect(table.size).toBe(0);
  });
});
