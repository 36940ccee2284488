/**
 * Proved identity through the real browser-mode bridge (WebSocket) of a real station
 * core on a real feed: passwords checked, roles from the account, every request's role
 * checked in the core, the two-person check's own credential, re-authentication and
 * the idle lock; the journal says how each person signed in and never holds a password.
 */
import { WRONG_CREDENTIAL } from '../../electron/core/auth/account-store';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { startWebServer } from '../../electron/transport/web-server';
import { PROVE_AGAIN, SESSION_LOCKED, type RequestName } from '../../shared/contract';
import { REASON_CODES } from '../../shared/decision-rules';
import type { StationSnapshot } from '../../shared/view';
import { addAccounts, passwordFor } from '../helpers/accounts';
import {
  bridgeClient as openBridge,
  closeAfterEach,
  startTestCore,
  writeStationSettings,
} from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const OFFICER = { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' as const };
const SECOND = { id: 'PC 5120', name: 'Dev Amin', role: 'officer' as const };
const SUPERVISOR = { id: 'PS 900', name: 'Morgan Hale', role: 'supervisor' as const };
const SECRETS = [OFFICER, SECOND, SUPERVISOR].map((p) => passwordFor(p.id));

const cleanup = closeAfterEach();

/** A client of the browser-mode bridge, closed after the test. */
async function bridgeClient(origin: string, token: string) {
  const client = await openBridge(origin, token);
  cleanup.push(client.close);
  return client;
}

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER, SECOND, SUPERVISOR]);
  // Minimum look time off, two-person check on every tier (settings are a supervisor's, preset here).
  writeStationSettings(dataDir, { dwellMs: 0, twoPersonTiers: ['red', 'amber', 'green'] });
  let now = Date.now();
  const logs: string[] = [];
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    // Time passing: both clocks move together (a proof's freshness runs on the monotonic one).
    now: () => now,
    mono: () => now,
    log: (line) => logs.push(line),
  });
  cleanup.push(() => core.close());
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  const web = await startWebServer({ core, rendererDir, log: (line) => logs.push(line), sso: core.sso });
  cleanup.push(() => web.close());
  const client = await bridgeClient(web.origin, web.token);
  await waitFor(async () => (await client.call('getSnapshot')).deployment, 'deployment');
  return {
    server,
    dataDir,
    core,
    logs,
    ...client,
    advance: (ms: number) => (now += ms),
    journal: () => readJournal(journalFile(dataDir, server.deployment.deploymentId)),
  };
}

const local = (p: { id: string }, password = passwordFor(p.id)) => ({ method: 'local', id: p.id, password });

describe('sign-in with station accounts over the bridge', () => {
  it('refuses a typed role on a real feed and a wrong password, then signs in with the role from the account', async () => {
    const t = await setUp();
    expect(await t.call('signIn', { id: 'PS 900', name: 'Morgan Hale', role: 'supervisor' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/station account or single sign-on/),
    });
    expect(await t.call('signIn', local(SUPERVISOR, 'not the password'))).toMatchObject({
      ok: false,
      error: WRONG_CREDENTIAL,
    });
    expect((await t.call('getSnapshot')).operator).toBeNull();
    expect(await t.call('signIn', local(OFFICER))).toMatchObject({ ok: true });
    const snap = (await t.call('getSnapshot')) as unknown as StationSnapshot;
    expect(snap.operator).toMatchObject({ id: OFFICER.id, name: OFFICER.name, role: 'officer' });
    expect(snap.access).toMatchObject({
      method: 'local',
      locked: false,
      methods: { training: false, accounts: true },
    });
    const signedIn = t.journal().filter((e) => e.type === 'operator-signed-in');
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]!.actor).toEqual({ id: OFFICER.id, name: OFFICER.name });
    expect(signedIn[0]!.data).toMatchObject({ role: 'officer', method: 'local' });
  });

  it("refuses every supervisor request from an officer's session, whatever the screen shows", async () => {
    const t = await setUp();
    await t.call('signIn', local(OFFICER));
    const key = `station:${t.server.deployment.deploymentId}`;
    const alertId = '00000000-0000-4000-8000-000000000000';
    const attempts: [RequestName, object][] = [
      ['listDeployments', {}],
      ['listArchiveDeployments', {}],
      ['openReplay', { key }],
      ['openReplay', { key: 'archive:D1' }],
      ['supervisorReview', { key, alertId, revision: 1, verdict: 'countersign', comment: 'fine' }],
      ['exportReplay', { key, kind: 'csv' }],
      ['exportReplay', { key, kind: 'bundle' }],
      ['importBundle', {}],
      ['setLegalHold', { deploymentId: t.server.deployment.deploymentId, active: true, reason: 'inquiry' }],
      ['updateSettings', { dwellMs: 0 }],
    ];
    for (const [name, payload] of attempts) {
      const result = await t.call(name, payload);
      expect(result.ok, name).toBe(false);
      expect(result.error, name).toMatch(/supervisor/);
    }
    expect(t.journal().some((e) => e.type === 'legal-hold' || e.type === 'replay-opened')).toBe(false);
  });

  it("takes a two-person check only with the second officer's own password", async () => {
    const t = await setUp();
    await t.call('signIn', local(OFFICER));
    const record = await t.server.emitAlert();
    const alertId = record.payload.alertId;
    await waitFor(async () => (await t.call('alertShown', { alertId })).ok, 'alert shown');
    const engage = (confirmation: object) =>
      t.call('recordDecision', {
        alertId,
        decision: 'engage',
        reasons: [REASON_CODES[0]!.code],
        rationale: 'Same scar above the left eyebrow and the same ear shape.',
        confirmation,
      });
    const note = 'Compared both images myself.';
    expect(await engage({ id: SECOND.id, name: SECOND.name, note })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/own password/),
    });
    expect(await engage({ ...local(SECOND, 'a wrong password'), note })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/second officer not confirmed/),
    });
    expect(await engage({ ...local(OFFICER), note })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/someone other/),
    });
    expect(await engage({ ...local(SECOND), note })).toMatchObject({ ok: true });
    const decision = t.journal().find((e) => e.type === 'decision')!;
    expect(decision.data.confirmedBy).toMatchObject({ id: SECOND.id, name: SECOND.name, note });
  });

  it('locks an idle session without losing the open alert, and unlocks only with the password', async () => {
    const t = await setUp();
    await t.call('signIn', local(OFFICER));
    const record = await t.server.emitAlert();
    await waitFor(async () => (await t.call('alertShown', { alertId: record.payload.alertId })).ok, 'shown');
    t.advance(14 * 60_000);
    // The screen reporting an alert's images on its own is not a person at the keyboard.
    await t.call('alertShown', { alertId: record.payload.alertId });
    t.advance(60_000);
    await waitFor(
      async () => ((await t.call('getSnapshot')) as unknown as StationSnapshot).access?.locked,
      'lock',
    );
    expect(
      await t.call('recordDecision', {
        alertId: record.payload.alertId,
        decision: 'no-engage',
        reasons: [REASON_CODES[2]!.code],
        rationale: 'Jawline and eye spacing differ clearly from the reference.',
      }),
    ).toMatchObject({ ok: false, error: SESSION_LOCKED });
    expect(await t.call('reauthenticate', { method: 'local', password: 'not it at all' })).toMatchObject({
      ok: false,
    });
    expect(await t.call('reauthenticate', { method: 'local', password: passwordFor(OFFICER.id) })).toEqual({
      ok: true,
    });
    const snap = (await t.call('getSnapshot')) as unknown as StationSnapshot;
    expect(snap.access?.locked).toBe(false);
    expect(snap.alerts.map((a) => a.alertId)).toContain(record.payload.alertId);
    expect(snap.operator?.id).toBe(OFFICER.id);
  });

  it('asks a supervisor to prove it again for a legal hold after 5 minutes, and never journals or logs a password', async () => {
    const t = await setUp();
    await t.call('signIn', local(SUPERVISOR));
    const hold = {
      deploymentId: t.server.deployment.deploymentId,
      active: true,
      reason: 'Complaint received',
    };
    t.advance(5 * 60_000 + 1);
    expect(await t.call('setLegalHold', hold)).toMatchObject({ ok: false, error: PROVE_AGAIN });
    expect(
      ((await t.call('getSnapshot')) as unknown as StationSnapshot).access?.proveAgainAsked,
    ).toBeTruthy();
    expect(await t.call('reauthenticate', { method: 'local', password: passwordFor(SUPERVISOR.id) })).toEqual(
      { ok: true },
    );
    expect(await t.call('setLegalHold', hold)).toMatchObject({ ok: true });
    // Wrong passwords were typed and right ones used: none of them is anywhere on disk or in the log.
    await t.call('signOut', {});
    await t.call('signIn', local(OFFICER, SECRETS[2]));
    const journalText = readFileSync(journalFile(t.dataDir, t.server.deployment.deploymentId), 'utf8');
    const logText = t.logs.join('\n');
    for (const secret of [...SECRETS, 'not the password']) {
      expect(journalText).not.toContain(secret);
      expect(logText).not.toContain(secret);
    }
    expect(readFileSync(join(t.dataDir, 'accounts.json'), 'utf8')).not.toContain(SECRETS[0]!);
  });
});
