/**
 * Rollback detection against a real Socket.IO feed (the training feed) and real files:
 * the feed hands back the latest checkpoint it holds (deployment.lastCheckpoint); a
 * station whose journal lacks it raises a serious integrity banner, records it, refuses
 * that deployment's alerts with the reason, and changes no file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { deploymentSchema } from '../../shared/feed/schemas';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startTestCore, testKeyDir } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'rollback-token';
const cleanup = closeAfterEach();

async function feed(opts: Partial<Parameters<typeof TrainingFeedServer.start>[0]> = {}) {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, ...opts });
  cleanup.push(() => server.close());
  return server;
}

async function station(server: { url: string }, dataDir: string) {
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
  });
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanup.push(close);
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  return { core, close, snapshot: () => latest };
}

const ROLLED_BACK = /rolled back/;

describe('rollback detection', () => {
  it('a journal rolled back under a running deployment: banner, alerts refused with the reason, files kept', async () => {
    const server = await feed();
    const dataDir = tempDir('rollback-');
    const file = journalFile(dataDir, server.deployment.deploymentId);

    const first = await station(server, dataDir);
    await waitFor(() => first.snapshot()?.deployment, 'deployment');
    // The copy an attacker (or an old backup) would restore: the journal before anyone signed in.
    const older = readFileSync(file);
    await signInWithAccount(first.core, dataDir, { id: 'PC 7', name: 'PC Seven', role: 'officer' });
    const held = await waitFor(() => server.checkpoints.at(-1), 'a checkpoint at the feed');
    expect(readJournal(file).some((e) => e.seq === held.seq && e.hash === held.hash)).toBe(true);
    expect((await server.emitAlert()).ack).toBe('stored');
    await first.close();

    writeFileSync(file, older);
    const second = await station(server, dataDir);
    const snap = await waitFor(
      () => second.snapshot()?.safeguards.find((s) => s.code === 'journal-rollback'),
      'the rollback banner',
    );
    expect(snap).toMatchObject({ severity: 'serious', title: 'Journal rolled back' });
    // The station's own copy of its latest checkpoint (kept outside the journal) catches it at
    // start, before the feed's copy is even asked; either names a checkpoint the journal lacks.
    expect(snap.detail).toMatch(/checkpoint seq \d+ .*rolled back/);

    const refused = await server.emitAlert();
    expect(refused.ack).toBe('rejected');
    expect(refused.reason).toMatch(ROLLED_BACK);

    const after = readFileSync(file);
    // Nothing the station found was changed: what it writes now only follows it.
    expect(after.subarray(0, older.length).equals(older)).toBe(true);
    const entries = readJournal(file);
    expect(
      entries.find((e) => e.type === 'safeguard-warning' && e.data.code === 'journal-rollback'),
    ).toBeTruthy();
    const rejected = entries.filter((e) => e.type === 'alert-rejected' && e.data.code === 'journal-rollback');
    // The feed re-sends what the rolled-back journal no longer holds: refused too.
    expect(rejected.map((e) => e.data.alertId)).toContain(refused.payload.alertId);
  });

  it('a journal that holds the feed’s checkpoint raises nothing', async () => {
    const server = await feed();
    const dataDir = tempDir('rollback-ok-');
    const first = await station(server, dataDir);
    await waitFor(() => first.snapshot()?.deployment, 'deployment');
    await signInWithAccount(first.core, dataDir, { id: 'PC 8', name: 'PC Eight', role: 'officer' });
    await waitFor(() => server.checkpoints.length > 0, 'a checkpoint at the feed');
    await first.close();
    const second = await station(server, dataDir);
    await waitFor(() => second.snapshot()?.deployment, 'deployment');
    expect((await server.emitAlert()).ack).toBe('stored');
    expect(second.snapshot()!.safeguards.map((s) => s.code)).not.toContain('journal-rollback');
  });

  it('the training drill `rollback` shows the alarm', async () => {
    const server = await feed({ drill: ['rollback'] });
    const dataDir = tempDir('rollback-drill-');
    const s = await station(server, dataDir);
    await waitFor(
      () => s.snapshot()?.safeguards.some((w) => w.code === 'journal-rollback'),
      'the rollback banner',
    );
    const refused = await server.emitAlert();
    expect(refused).toMatchObject({ ack: 'rejected', reason: expect.stringMatching(ROLLED_BACK) });
  });

  it('a supervisor resolves the alarm with a note: journalled, alerts taken again; an officer cannot', async () => {
    const server = await feed({ drill: ['rollback'] });
    const dataDir = tempDir('rollback-resolve-');
    const file = journalFile(dataDir, server.deployment.deploymentId);
    const s = await station(server, dataDir);
    await waitFor(
      () => s.snapshot()?.safeguards.some((w) => w.code === 'journal-rollback'),
      'the rollback banner',
    );
    const deploymentId = server.deployment.deploymentId;
    const request = { deploymentId, note: 'Backup restore checked with IT; incident 42 opened' };

    await signInWithAccount(s.core, dataDir, { id: 'PC 9', name: 'PC Nine', role: 'officer' });
    expect(await s.core.services.resolveRollback(request)).toMatchObject({
      ok: false,
      error: 'only a signed-in supervisor can do that',
    });
    expect((await server.emitAlert()).ack).toBe('rejected');
    expect((await s.core.services.signOut({})).ok).toBe(true);

    await signInWithAccount(s.core, dataDir, { id: 'SGT 1', name: 'Sgt One', role: 'supervisor' });
    const before = readFileSync(file);
    expect(await s.core.services.resolveRollback(request)).toEqual({ ok: true });
    expect(await s.core.services.resolveRollback(request)).toMatchObject({ ok: false });
    await waitFor(
      () => !s.snapshot()?.safeguards.some((w) => w.code === 'journal-rollback'),
      'the banner gone',
    );
    expect((await server.emitAlert()).ack).toBe('stored');

    // Files are still never changed: the resolution only follows what was there.
    expect(readFileSync(file).subarray(0, before.length).equals(before)).toBe(true);
    const resolution = readJournal(file).find(
      (e) => e.type === 'safeguard-warning' && e.data.code === 'journal-rollback-resolved',
    );
    expect(resolution).toMatchObject({ actor: { id: 'SGT 1' } });
    expect(resolution?.data.detail).toContain(request.note);
  });

  it('the alarm survives sign-ins and a restart, with the feed no longer naming the checkpoint, until a supervisor resolves it', async () => {
    const server = await feed({ drill: ['rollback'] });
    const dataDir = tempDir('rollback-stays-');
    const deploymentId = server.deployment.deploymentId;
    const first = await station(server, dataDir);
    const banner = () => first.snapshot()?.safeguards.some((w) => w.code === 'journal-rollback');
    await waitFor(banner, 'the rollback banner');
    for (const n of [1, 2, 3]) {
      await signInWithAccount(first.core, dataDir, { id: `PC ${n}0`, name: `PC ${n}0`, role: 'officer' });
      expect((await first.core.services.signOut({})).ok).toBe(true);
    }
    expect((await server.emitAlert()).ack).toBe('rejected');
    await first.close();

    // The feed forgets the claim: it now hands back the latest checkpoint the journal does hold.
    (server.drills as Set<string>).delete('rollback');
    const second = await station(server, dataDir);
    await waitFor(() => second.snapshot()?.deployment, 'deployment');
    await waitFor(
      () => second.snapshot()?.safeguards.some((w) => w.code === 'journal-rollback'),
      'the banner again after the restart',
    );
    const refused = await server.emitAlert();
    expect(refused).toMatchObject({ ack: 'rejected', reason: expect.stringMatching(ROLLED_BACK) });
    await signInWithAccount(second.core, dataDir, { id: 'PC 40', name: 'PC Forty', role: 'officer' });
    expect(second.snapshot()?.safeguards.some((w) => w.code === 'journal-rollback')).toBe(true);
    expect((await second.core.services.signOut({})).ok).toBe(true);

    await signInWithAccount(second.core, dataDir, { id: 'SGT 2', name: 'Sgt Two', role: 'supervisor' });
    const note = 'Checked against the feed copy with IT; incident 77';
    expect(await second.core.services.resolveRollback({ deploymentId, note })).toEqual({ ok: true });
    expect((await server.emitAlert()).ack).toBe('stored');
    await second.close();

    // Resolved stays resolved: a third start raises nothing, and the store says who and why.
    const third = await station(server, dataDir);
    await waitFor(() => third.snapshot()?.deployment, 'deployment');
    expect((await server.emitAlert()).ack).toBe('stored');
    expect(third.snapshot()!.safeguards.map((w) => w.code)).not.toContain('journal-rollback');
    const kept = JSON.parse(readFileSync(join(testKeyDir(dataDir), 'alarms.json'), 'utf8')) as {
      alarms: Array<{ kind: string; resolved: { by: { id: string }; note: string } | null }>;
    };
    expect(kept.alarms).toEqual([
      expect.objectContaining({
        kind: 'journal-rollback',
        resolved: expect.objectContaining({ by: expect.objectContaining({ id: 'SGT 2' }), note }),
      }),
    ]);
  });

  it('a malformed lastCheckpoint is dropped, never a reason to refuse the deployment', async () => {
    const server = await feed();
    for (const bad of [{ seq: -1, hash: 'f'.repeat(64) }, { seq: 3, hash: 'nope' }, 'yesterday', 42]) {
      const parsed = deploymentSchema.safeParse({ ...server.deployment, lastCheckpoint: bad });
      expect(parsed.success).toBe(true);
      expect(parsed.data?.lastCheckpoint).toBeUndefined();
    }
  });
});
