/**
 * A supervisor manages station accounts over the real browser-mode bridge (WebSocket)
 * of a real station core on a real feed: with the same account store as the command
 * line, supervisor only, each change with a fresh proof, journalled as account-changed
 * without the password or its hash.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../electron/core/auth/account-store';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { startWebServer } from '../../electron/transport/web-server';
import { PROVE_AGAIN, type RequestName } from '../../shared/contract';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { bridgeClient, closeAfterEach, startTestCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const OFFICER = { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' as const };
const SUPERVISOR = { id: 'PS 900', name: 'Morgan Hale', role: 'supervisor' as const };
const NEW_OFFICER = { officerId: 'PC 7001', name: 'Sam Okafor', role: 'officer' as const };
const NEW_PASSWORD = 'correct horse battery staple 7001';
const RESET_PASSWORD = 'a brand new password for 7001';

const cleanup = closeAfterEach();

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER, SUPERVISOR]);
  let now = Date.now();
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    // Time passing: both clocks move together (a proof's freshness runs on the monotonic one).
    now: () => now,
    mono: () => now,
    log: () => undefined,
  });
  cleanup.push(() => core.close());
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  const web = await startWebServer({ core, rendererDir, log: () => undefined, sso: core.sso });
  cleanup.push(() => web.close());
  // A client of the bridge as the page's script would be.
  const { call, close } = await bridgeClient(web.origin, web.token);
  cleanup.push(close);
  await waitFor(async () => (await call('getSnapshot')).deployment, 'deployment');
  const file = journalFile(dataDir, server.deployment.deploymentId);
  return {
    dataDir,
    deploymentId: server.deployment.deploymentId,
    call,
    advance: (ms: number) => (now += ms),
    journal: () => readJournal(file),
    journalText: () => readFileSync(file, 'utf8'),
  };
}

const local = (id: string, password = passwordFor(id)) => ({ method: 'local', id, password });

describe('account management on screen, over the bridge', () => {
  it('a supervisor adds an officer who can then sign in with that password; journalled without it', async () => {
    const t = await setUp();
    expect(await t.call('signIn', local(SUPERVISOR.id))).toMatchObject({ ok: true });
    const added = await t.call('addAccount', { ...NEW_OFFICER, password: NEW_PASSWORD });
    expect(added).toEqual({
      ok: true,
      account: { ...NEW_OFFICER, disabled: false, lockedUntil: null },
    });
    const listed = await t.call('listAccounts');
    expect(listed.ok).toBe(true);
    expect((listed.accounts as Array<{ officerId: string }>).map((a) => a.officerId)).toEqual([
      OFFICER.id,
      SUPERVISOR.id,
      NEW_OFFICER.officerId,
    ]);
    // The store the command line uses holds it (one implementation).
    expect(await new AccountStore(t.dataDir).get(NEW_OFFICER.officerId)).toMatchObject(NEW_OFFICER);

    expect(await t.call('signOut', {})).toMatchObject({ ok: true });
    expect(await t.call('signIn', local(NEW_OFFICER.officerId, 'not the password'))).toMatchObject({
      ok: false,
    });
    expect(await t.call('signIn', local(NEW_OFFICER.officerId, NEW_PASSWORD))).toMatchObject({ ok: true });
    const snap = await t.call('getSnapshot');
    expect(snap.operator).toMatchObject({ id: NEW_OFFICER.officerId, role: 'officer' });

    const changes = t.journal().filter((e) => e.type === 'account-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0]!.actor).toEqual({ id: SUPERVISOR.id, name: SUPERVISOR.name });
    expect(changes[0]!.data).toEqual({ action: 'added', ...NEW_OFFICER });
    const text = t.journalText();
    expect(text).not.toContain(NEW_PASSWORD);
    expect(text).not.toContain('$argon2');
    expect(JSON.stringify(listed)).not.toContain('$argon2');
  });

  it("refuses an officer's session every account request, and changes nothing", async () => {
    const t = await setUp();
    await t.call('signIn', local(OFFICER.id));
    const attempts: [RequestName, object][] = [
      ['listAccounts', {}],
      ['addAccount', { ...NEW_OFFICER, role: 'supervisor', password: NEW_PASSWORD }],
      ['disableAccount', { officerId: SUPERVISOR.id }],
      ['enableAccount', { officerId: SUPERVISOR.id }],
      ['resetPassword', { officerId: SUPERVISOR.id, password: NEW_PASSWORD }],
    ];
    for (const [name, payload] of attempts)
      expect(await t.call(name, payload), name).toMatchObject({
        ok: false,
        error: 'only a signed-in supervisor can do that',
      });
    expect(await new AccountStore(t.dataDir).get(NEW_OFFICER.officerId)).toBeNull();
    expect(t.journal().some((e) => e.type === 'account-changed')).toBe(false);
  });

  it('asks for the password again when the proof is stale; disable, enable and reset are journalled', async () => {
    const t = await setUp();
    await t.call('signIn', local(SUPERVISOR.id));
    t.advance(5 * 60_000 + 1000);
    // Looking is not a change; a change asks again.
    expect(await t.call('listAccounts')).toMatchObject({ ok: true });
    expect(await t.call('disableAccount', { officerId: OFFICER.id })).toMatchObject({
      ok: false,
      error: PROVE_AGAIN,
    });
    expect((await new AccountStore(t.dataDir).get(OFFICER.id))?.disabled).toBe(false);
    expect(
      await t.call('reauthenticate', { method: 'local', password: passwordFor(SUPERVISOR.id) }),
    ).toMatchObject({
      ok: true,
    });
    expect(await t.call('disableAccount', { officerId: SUPERVISOR.id })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot disable your own account/),
    });
    expect(await t.call('disableAccount', { officerId: OFFICER.id })).toMatchObject({
      ok: true,
      account: { officerId: OFFICER.id, disabled: true },
    });
    expect(await t.call('enableAccount', { officerId: OFFICER.id })).toMatchObject({ ok: true });
    expect(await t.call('resetPassword', { officerId: OFFICER.id, password: RESET_PASSWORD })).toMatchObject({
      ok: true,
    });
    expect(await t.call('resetPassword', { officerId: 'PC nobody', password: RESET_PASSWORD })).toMatchObject(
      {
        ok: false,
        error: 'the password was not reset: no account for officer PC nobody',
      },
    );
    const actions = t
      .journal()
      .filter((e) => e.type === 'account-changed')
      .map((e) => e.data);
    expect(actions).toEqual([
      { action: 'disabled', officerId: OFFICER.id },
      { action: 'enabled', officerId: OFFICER.id },
      { action: 'password-reset', officerId: OFFICER.id },
    ]);
    expect(t.journalText()).not.toContain(RESET_PASSWORD);
    // Replay lists each change, in words.
    const opened = await t.call('openReplay', { key: `station:${t.deploymentId}` });
    const summaries = (opened.replay as { events: Array<{ type: string; summary: string }> }).events
      .filter((e) => e.type === 'account-changed')
      .map((e) => e.summary);
    expect(summaries).toEqual([
      `Morgan Hale disabled the account ${OFFICER.id}`,
      `Morgan Hale enabled the account ${OFFICER.id}`,
      `Morgan Hale reset the password of account ${OFFICER.id}`,
    ]);
    await t.call('signOut', {});
    expect(await t.call('signIn', local(OFFICER.id))).toMatchObject({ ok: false });
    expect(await t.call('signIn', local(OFFICER.id, RESET_PASSWORD))).toMatchObject({ ok: true });
  });
});

describe('account changes with no deployment active', () => {
  it('are journalled in the station access journal, without the password', async () => {
    const dataDir = tempDir();
    await addAccounts(dataDir, [SUPERVISOR]);
    // A feed that never answers: no deployment arrives, so no deployment journal is active.
    const core = await startTestCore({
      dataDir,
      feedUrl: 'http://127.0.0.1:9',
      token: TOKEN,
      log: () => undefined,
    });
    cleanup.push(() => core.close());
    expect(
      await core.services.signIn({
        method: 'local',
        id: SUPERVISOR.id,
        password: passwordFor(SUPERVISOR.id),
      }),
    ).toMatchObject({ ok: true });
    expect(await core.services.addAccount({ ...NEW_OFFICER, password: NEW_PASSWORD })).toMatchObject({
      ok: true,
    });
    const file = join(dataDir, 'replay-access', 'journal.jsonl');
    const entries = readJournal(file).filter((e) => e.type === 'account-changed');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toEqual({ id: SUPERVISOR.id, name: SUPERVISOR.name });
    expect(entries[0]!.data).toEqual({ action: 'added', ...NEW_OFFICER });
    expect(readFileSync(file, 'utf8')).not.toContain(NEW_PASSWORD);
  });
});
