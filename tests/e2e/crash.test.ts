/**
 * The station in a child process is killed with SIGKILL in the middle of a 1,000-alert
 * burst, then started again on the same data: every alert the server saw acknowledged
 * `stored` is in the journal and pending, nothing is doubled, and the journal verifies.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { verifyJournal } from '../../electron/core/journal/verify';
import { type TrainingFeedServer } from '../../electron/simulator/feed-server';
import { foldEntries } from '../../shared/journal/fold';
import { burstUntil60Stored, startCrashFeed, startStation, type StationProcess } from './harness';
import { journalFile, readJournal, tempDir, waitFor } from '../integration/util';

const TOKEN = 'crash-token';
const BURST = 1000;
const children: StationProcess[] = [];
let server: TrainingFeedServer;
afterAll(async () => {
  for (const c of children) await c.stop('SIGKILL');
  await server?.close();
});

/** Reads a journal that may end in a torn line (the crash may cut one). */
const entriesOf = (file: string): JournalEntry[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalEntry];
      } catch {
        return [];
      }
    });

describe('crash during a burst', () => {
  it('keeps every acknowledged alert across SIGKILL and restart', { timeout: 300_000 }, async () => {
    server = await startCrashFeed(TOKEN, 5);
    const dataDir = tempDir('rs-crash-');
    const args = ['--feed', server.url, '--token', TOKEN];
    const first = await startStation(args, dataDir);
    children.push(first);
    await waitFor(() => server.stations.length === 1, 'station connected');

    // Killed the moment the 60th alert is acknowledged. The burst is large enough that the
    // station is still storing it then: with libjpeg-turbo it stored all of a 200-alert
    // burst, in a few group commits, before the kill landed.
    const killed: Array<Promise<number | null>> = [];
    const burst = await burstUntil60Stored(
      server,
      () => {
        killed.push(first.stop('SIGKILL'));
      },
      BURST,
    );
    await Promise.all(killed);
    expect(killed).toHaveLength(1);
    const acked = [...server.alerts.values()].filter((r) => r.ack === 'stored').map((r) => r.payload.alertId);
    expect(acked.length).toBeGreaterThanOrEqual(60);
    expect(acked.length).toBeLessThan(BURST);
    console.log(`crash: killed with ${acked.length} of ${BURST} acknowledged`);

    const file = journalFile(dataDir, server.deployment.deploymentId);
    const afterCrash = new Set(
      entriesOf(file)
        .filter((e) => e.type === 'alert-received')
        .map((e) => e.data.alertId),
    );
    for (const id of acked) expect(afterCrash.has(id), `acknowledged alert ${id} in journal`).toBe(true);

    const second = await startStation(args, dataDir);
    children.push(second);
    await Promise.all(burst);
    await waitFor(
      () => [...server.alerts.values()].every((r) => r.ack === 'stored'),
      'the whole burst stored',
      180_000,
    );
    expect(await second.stop('SIGTERM')).toBe(0);

    const report = await verifyJournal(file);
    expect(report.failure).toBeNull();
    expect(report.ok).toBe(true);
    const entries = readJournal(file);
    const received = entries.filter((e) => e.type === 'alert-received').map((e) => e.data.alertId);
    expect(received).toHaveLength(BURST);
    expect(new Set(received).size).toBe(BURST);
    const state = foldEntries(server.deployment.deploymentId, entries);
    expect([...state.alerts.values()].filter((a) => a.status === 'pending')).toHaveLength(BURST);
  });
});
