/**
 * Issue 28 item 1 on a real tmpfs: the data folder fills mid-burst (nothing acknowledged),
 * space is freed, and the officer's next decision (a journal write that succeeds) ends the
 * fault: the station asks the feed to re-deliver, the feed status says how many alerts it is
 * catching up on, and every alert the feed sent is stored and shown, without a restart.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { open, statfs, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, waitFor } from './util';

const cleanup = closeAfterEach();
const unmount: Array<() => void> = [];
afterEach(() => {
  for (const u of unmount.splice(0)) u();
});

/** An 8 MiB tmpfs, or null where mounting is not allowed (then the test is skipped with a note). */
function tmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'rs-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  unmount.push(() => execFileSync('umount', ['-l', dir]));
  return dir;
}

async function fill(dir: string): Promise<() => Promise<void>> {
  const filler = join(dir, 'filler');
  const handle = await open(filler, 'w');
  try {
    for (;;) await handle.write(Buffer.alloc(64 * 1024, 1));
  } catch {
    for (let size = 4096; size >= 1; size = Math.floor(size / 2))
      await handle.write(Buffer.alloc(size)).catch(() => undefined);
  }
  await handle.close();
  expect((await statfs(dir)).bavail).toBe(0);
  return () => unlink(filler);
}

describe('catching up after a storage fault', () => {
  it('re-delivers and shows every alert sent during a full disk once a decision is saved', async (test) => {
    const disk = tmpfs();
    if (!disk) return test.skip('mounting a tmpfs is not permitted here');
    const dataDir = join(disk, 'data');
    mkdirSync(dataDir);
    const server = await TrainingFeedServer.start({
      rate: 0,
      token: 't',
      scenes: false,
      ackTimeoutMs: 60_000,
    });
    cleanup.push(() => server.close());
    const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    await signInWithAccount(core, dataDir, { id: 'PC 12', name: 'Lee Moss', role: 'officer' });
    const first = await server.emitAlert();
    expect(first.ack).toBe('stored');
    expect(await core.services.alertShown({ alertId: first.payload.alertId })).toMatchObject({ ok: true });

    const free = await fill(disk);
    const during = Array.from({ length: 5 }, () => server.emitAlert());
    await waitFor(() => snapshot()?.reliability?.storage.ok === false, 'storage banner');
    await free();
    // The officer's next decision is the first write that succeeds: it ends the fault.
    const decided = await core.services.recordDecision({
      alertId: first.payload.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Different ear shape and hairline from the reference image.',
    });
    expect(decided).toMatchObject({ ok: true });
    await waitFor(
      () => /catching up on [1-5] alerts? that arrived while it failed/.test(snapshot()?.feed.message ?? ''),
      'catch-up count on the feed status',
    );
    const records = await Promise.all(during);
    expect(records.map((r) => r.ack)).toEqual(Array(5).fill('stored'));
    const ids = [first, ...records].map((r) => r.payload.alertId);
    await waitFor(
      () => ids.every((id) => snapshot()?.alerts.some((a) => a.alertId === id)),
      'every alert shown',
      10_000,
    );
    expect(snapshot()!.reliability!.storage.ok).toBe(true);
    const file = journalFile(dataDir, server.deployment.deploymentId);
    expect(readJournal(file).filter((e) => e.type === 'alert-received')).toHaveLength(6);
    expect((await verifyJournal(file)).ok).toBe(true);
  });
});
