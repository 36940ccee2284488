/**
 * Pipelined intake, the journal's part: it commits in bounded groups (by entries and by
 * bytes), so the first appends of a burst are durable and acknowledged while later ones
 * are still being written, and never more than one fsync is in flight on the file.
 */
import { statSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEphemeralSigner } from '../../electron/core/identity';
import { JOURNAL_BATCH, Journal } from '../../electron/core/journal/journal';
import { verifyJournal } from '../../electron/core/journal/verify';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-batches-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Counts datasync calls per file handle, and the most in flight at once on one handle (calls go through). */
async function watchDatasync() {
  const probe = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
  await probe.close();
  const real = proto.datasync;
  const inFlight = new Map<object, number>();
  const seen = { calls: 0, maxInFlight: 0 };
  vi.spyOn(proto, 'datasync').mockImplementation(async function (this: object) {
    seen.calls += 1;
    const n = (inFlight.get(this) ?? 0) + 1;
    inFlight.set(this, n);
    seen.maxInFlight = Math.max(seen.maxInFlight, n);
    try {
      return await real.call(this);
    } finally {
      inFlight.set(this, inFlight.get(this)! - 1);
    }
  });
  return seen;
}

/** A fresh journal in the test's folder, with its datasync calls counted from here on. */
async function openWatchedJournal() {
  const file = join(dir, 'journal.jsonl');
  const { journal } = await Journal.open({
    file,
    deploymentId: 'dep-1',
    signer: createEphemeralSigner(),
    appVersion: 'test',
  });
  return { file, journal, fsyncs: await watchDatasync() };
}

describe('journal group commit', () => {
  it('acknowledges the first entries of a burst before the last batch is written, one fsync at a time', async () => {
    const { file, journal, fsyncs } = await openWatchedJournal();
    const burst = 5 * JOURNAL_BATCH.entries;
    const appends = Array.from({ length: burst }, (_, i) =>
      journal.append('alert-received', null, { n: i, note: 'x'.repeat(200) }),
    );
    // The second append waits behind the first commit; it is acknowledged with its own group.
    await appends[1];
    const sizeAtSecondAck = statSync(file).size;
    await Promise.all(appends);
    const sizeAtEnd = statSync(file).size;
    expect(sizeAtSecondAck).toBeLessThan(sizeAtEnd);
    // Bounded groups: at least burst / batch size fsyncs, and never two in flight on the journal.
    expect(fsyncs.calls).toBeGreaterThanOrEqual(Math.ceil((burst - 1) / JOURNAL_BATCH.entries) + 1);
    expect(fsyncs.maxInFlight).toBe(1);
    await journal.close();
    const report = await verifyJournal(file);
    expect(report.ok).toBe(true);
  });

  it('bounds a group by bytes as well as by count', async () => {
    const { journal, fsyncs } = await openWatchedJournal();
    // Few entries, each large: the byte bound, not the count, must split them.
    const big = 'y'.repeat(Math.ceil(JOURNAL_BATCH.bytes / 3));
    const appends = Array.from({ length: 9 }, (_, i) => journal.append('note', null, { n: i, big }));
    await Promise.all(appends);
    // First commit holds one; the other eight go at most three to a write (bytes), so ≥ 3 more.
    expect(fsyncs.calls).toBeGreaterThanOrEqual(4);
    await journal.close();
  });
});
