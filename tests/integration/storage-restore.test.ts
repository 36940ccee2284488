/**
 * Issue 28 item 1: a fault that ends without a restart. The data folder renamed under the
 * running station and put back: the journal is the very same file again, so it is reopened,
 * re-verified and written on, and the feed re-delivers what arrived meanwhile. A read-only
 * images folder made writable again: the recovery probe writes into the images folder too,
 * so the banner clears and the alerts refused meanwhile arrive. A journal replaced by
 * another file is never taken up; the banner says what the officer must do.
 *
 * Read-only is real: chmod 0500 when the tests run as a normal user; as root (where chmod
 * does not stop writes) a read-only bind mount of the images folder, remounted read-write
 * after; where neither is possible the case is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const cleanup = closeAfterEach();
const undo: Array<() => void> = [];
afterEach(() => {
  for (const u of undo.splice(0).reverse()) u();
});

async function station() {
  const server = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false, ackTimeoutMs: 60_000 });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  const watched = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
  await waitFor(() => watched.snapshot()?.deployment, 'connected');
  await signInWithAccount(watched.core, dataDir, { id: 'PC 12', name: 'Lee Moss', role: 'officer' });
  const id = server.deployment.deploymentId;
  return { server, dataDir, id, file: journalFile(dataDir, id), ...watched };
}

type Run = Awaited<ReturnType<typeof station>>;
const storageCause = (s: Run) => {
  const storage = s.snapshot()?.reliability?.storage;
  return storage && !storage.ok ? storage.cause : null;
};

/** Makes `dir` read-only for this process for real, or says why it cannot. */
function makeReadOnly(dir: string): { writable: () => void } | { skip: string } {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o500);
    const writable = () => chmodSync(dir, 0o700);
    undo.push(writable);
    return { writable };
  }
  try {
    execFileSync('mount', ['--bind', dir, dir], { stdio: 'ignore' });
  } catch {
    return { skip: 'running as root (chmod does not stop writes) and bind mounts are not permitted' };
  }
  let mounted = true;
  const unmount = () => {
    if (mounted) execFileSync('umount', ['-l', dir]);
    mounted = false;
  };
  undo.push(unmount);
  execFileSync('mount', ['-o', 'remount,bind,ro', dir, dir], { stdio: 'ignore' });
  return { writable: () => execFileSync('mount', ['-o', 'remount,bind,rw', dir, dir], { stdio: 'ignore' }) };
}

describe('storage faults that end without a restart', () => {
  it('takes the journal up again when its renamed data folder is put back, and catches up', async () => {
    const s = await station();
    const first = await s.server.emitAlert();
    expect(first.ack).toBe('stored');
    const moved = `${s.dataDir}.moved`;
    renameSync(s.dataDir, moved);
    undo.push(() => {
      try {
        renameSync(moved, s.dataDir);
      } catch {
        // Put back by the test already.
      }
    });
    // The next journal write finds its file gone from its path, and says what to do.
    expect(await s.core.services.alertShown({ alertId: first.payload.alertId })).toMatchObject({ ok: false });
    await waitFor(() => storageCause(s), 'storage banner');
    expect(storageCause(s)).toMatch(/its folder was moved or renamed\). Put the folder back where it was/);
    const during = [s.server.emitAlert(), s.server.emitAlert()];
    // Nothing made a fresh folder at the old path, so it can be put back.
    renameSync(moved, s.dataDir);
    await waitFor(() => s.snapshot()?.reliability?.storage.ok, 'storage to recover', 20_000);
    const records = await Promise.all(during);
    expect(records.map((r) => r.ack)).toEqual(['stored', 'stored']);
    const ids = [first, ...records].map((r) => r.payload.alertId);
    await waitFor(() => ids.every((id) => s.snapshot()?.alerts.some((a) => a.alertId === id)), 'all shown');
    expect(await s.core.services.alertShown({ alertId: first.payload.alertId })).toMatchObject({ ok: true });
    expect(readJournal(s.file).filter((e) => e.type === 'alert-received')).toHaveLength(3);
    expect((await verifyJournal(s.file)).ok).toBe(true);
  });

  it('never takes up a journal file replaced by another, and tells the officer what to do', async () => {
    const s = await station();
    const first = await s.server.emitAlert();
    expect(first.ack).toBe('stored');
    // A copy with the same bytes is still not the file the station was writing.
    copyFileSync(s.file, `${s.file}.copy`);
    renameSync(`${s.file}.copy`, s.file);
    expect(await s.core.services.alertShown({ alertId: first.payload.alertId })).toMatchObject({ ok: false });
    await waitFor(() => storageCause(s), 'storage banner');
    expect(storageCause(s)).toMatch(
      /was replaced by another file .* tell your supervisor: the original file must be put back/,
    );
    const before = readJournal(s.file).length;
    // Several recovery rounds later it is still refused, and nothing was written into the copy.
    await new Promise((r) => setTimeout(r, 6000));
    expect(storageCause(s)).toMatch(/was replaced by another file/);
    expect(readJournal(s.file)).toHaveLength(before);
  });

  it('ends the fault when a read-only images folder is made writable again', async (test) => {
    const s = await station();
    const first = await s.server.emitAlert();
    expect(first.ack).toBe('stored');
    const imagesDir = join(s.dataDir, 'deployments', s.id, 'images');
    const ro = makeReadOnly(imagesDir);
    if ('skip' in ro) return test.skip(ro.skip);
    const during = [s.server.emitAlert(), s.server.emitAlert()];
    await waitFor(() => storageCause(s), 'storage banner');
    expect(storageCause(s)).toMatch(/read-only|no longer allowed to write/);
    // The journal itself is writable: a probe of its folder alone would clear the banner
    // while images still cannot be written. It stays up while the images folder is read-only.
    await new Promise((r) => setTimeout(r, 6000));
    expect(storageCause(s)).not.toBeNull();
    ro.writable();
    await waitFor(() => s.snapshot()?.reliability?.storage.ok, 'storage to recover', 20_000);
    const records = await Promise.all(during);
    expect(records.map((r) => r.ack)).toEqual(['stored', 'stored']);
    const ids = [first, ...records].map((r) => r.payload.alertId);
    await waitFor(() => ids.every((id) => s.snapshot()?.alerts.some((a) => a.alertId === id)), 'all shown');
    expect((await verifyJournal(s.file)).ok).toBe(true);
  });
});
