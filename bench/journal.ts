/**
 * Journal append cost with real fsyncs: sequential appends (each waits for its own
 * fsync, as an alert acknowledgement does) and concurrent appends (group commit).
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEphemeralSigner } from '../electron/core/identity';
import { Journal } from '../electron/core/journal/journal';

export interface JournalBenchResult {
  appendsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  entries: number;
  /** Group commit: appends issued 50 at a time without waiting for each other. */
  concurrentAppendsPerSecond: number;
  concurrentEntries: number;
}

/** About the size of a real alert-received entry (images are referenced by hash only). */
function alertLike(n: number): object {
  const image = (w: number) => ({
    sha256: 'ab'.repeat(32),
    mime: 'image/jpeg',
    width: w,
    height: w,
    bytes: 48_213,
  });
  return {
    alertId: randomUUID(),
    seq: n,
    deploymentId: 'bench',
    capturedAt: new Date().toISOString(),
    camera: { id: 'cam-3', label: 'High Street north, van 2' },
    score: 0.8731,
    threshold: 0.64,
    probe: image(320),
    scene: { ...image(1280), box: { x: 100, y: 80, w: 240, h: 240 } },
    subject: {
      entryId: `WL-${n}`,
      name: 'Sample Person',
      category: 'wanted-court-warrant',
      tier: 'amber',
      reason: 'Failed to appear at court; warrant issued. Approach with standard caution.',
      warnings: ['none recorded'],
      image: image(400),
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export async function benchJournal(
  dir: string,
  opts: { entries?: number; concurrentEntries?: number; batch?: number } = {},
): Promise<JournalBenchResult> {
  const entries = opts.entries ?? 2000;
  const concurrentEntries = opts.concurrentEntries ?? 2000;
  const batch = opts.batch ?? 50;
  const signer = createEphemeralSigner();

  const seq = await Journal.open({
    file: join(dir, 'seq', 'journal.jsonl'),
    deploymentId: 'bench',
    signer,
    appVersion: 'bench',
  });
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < entries; i++) {
    const t0 = performance.now();
    await seq.journal.append('alert-received', null, alertLike(i));
    latencies.push(performance.now() - t0);
  }
  const seqSeconds = (performance.now() - started) / 1000;
  await seq.journal.close();
  latencies.sort((a, b) => a - b);

  const conc = await Journal.open({
    file: join(dir, 'conc', 'journal.jsonl'),
    deploymentId: 'bench',
    signer,
    appVersion: 'bench',
  });
  const concStarted = performance.now();
  for (let done = 0; done < concurrentEntries; done += batch) {
    const n = Math.min(batch, concurrentEntries - done);
    await Promise.all(
      Array.from({ length: n }, (_, i) => conc.journal.append('alert-received', null, alertLike(done + i))),
    );
  }
  const concSeconds = (performance.now() - concStarted) / 1000;
  await conc.journal.close();

  return {
    appendsPerSecond: round(entries / seqSeconds, 1),
    p50Ms: round(percentile(latencies, 50), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    entries,
    concurrentAppendsPerSecond: round(concurrentEntries / concSeconds, 1),
    concurrentEntries,
  };
}
