/**
 * Issue 20 items 1 and 2, issue 21 items 2 and 3, on a real station core: one session
 * (hand over, and the next officer signs in at once, with station accounts and on the
 * built-in training feed), one request pipeline answering a refusal the same over both
 * transports (Electron IPC and the browser-mode WebSocket), each WebSocket its own client
 * (a second one gets nothing and can record nothing), and a locked screen that withholds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ANOTHER_SCREEN } from '../../electron/core/auth/access-control';
import type { StationCore } from '../../electron/core/station-core';
import { trainingFeedStarter } from '../../electron/simulator/worker-host';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { registerIpc } from '../../electron/main/ipc';
import { startWebServer } from '../../electron/transport/web-server';
import { requestChannel, type RequestName } from '../../shared/contract';
import { REASON_CODES } from '../../shared/decision-rules';
import type { ScreenChange } from '../../shared/screen';
import type { StationSnapshot } from '../../shared/view';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { bridgeClient, closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const FIRST = { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' as const };
const NEXT = { id: 'PC 5120', name: 'Dev Amin', role: 'officer' as const };
const cleanup = closeAfterEach();

async function liveStation(opts: { lockAfterMs?: number; now?: () => number; mono?: () => number } = {}) {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [FIRST, NEXT]);
  writeStationSettings(dataDir, { dwellMs: 0 });
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    ackTimeoutMs: 1000,
    ...opts,
  });
  cleanup.push(() => core.close());
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  await waitFor(() => latest?.deployment, 'deployment');
  return { server, core, dataDir, snapshot: () => latest };
}

async function webOf(core: StationCore) {
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>station</title>');
  const web = await startWebServer({ core, rendererDir });
  cleanup.push(() => web.close());
  const open = async () => {
    const client = await bridgeClient(web.origin, web.token);
    cleanup.push(client.close);
    return client;
  };
  return { web, open };
}

const password = (p: { id: string }) => ({ method: 'local' as const, id: p.id, password: passwordFor(p.id) });

describe('one session', () => {
  it('hands over, and the next officer signs in at once (station accounts)', async () => {
    const { core, snapshot } = await liveStation();
    expect(await core.services.signIn(password(FIRST))).toEqual({ ok: true });
    expect(await core.services.handover({ note: 'Camera 3 fogged.' })).toEqual({ ok: true });
    expect(await core.services.signIn(password(NEXT))).toEqual({ ok: true });
    await waitFor(() => snapshot()?.operator?.id === NEXT.id, 'the next officer on screen');
    // Sign-out goes through the same session.
    expect(await core.services.signOut({})).toEqual({ ok: true });
    expect(await core.services.signIn(password(FIRST))).toEqual({ ok: true });
  });

  it('hands over, and the next officer signs in at once (built-in training feed)', async () => {
    const dataDir = tempDir();
    const core = await startTestCore({
      dataDir,
      feedUrl: null,
      token: null,
      trainingFeed: trainingFeedStarter(null),
      rate: 0,
    });
    cleanup.push(() => core.close());
    expect(await core.services.signIn(FIRST)).toEqual({ ok: true });
    expect(await core.services.handover({ note: 'Quiet so far.' })).toEqual({ ok: true });
    expect(await core.services.signIn(NEXT)).toEqual({ ok: true });
    const shown = await core.services.getSnapshot({});
    expect(shown.operator?.id).toBe(NEXT.id);
  });

  it('hands over over the WebSocket, and the next officer signs in at once on the same page', async () => {
    const { core } = await liveStation();
    const { open } = await webOf(core);
    const page = await open();
    expect(await page.call('signIn', password(FIRST))).toEqual({ ok: true });
    expect(await page.call('handover', { note: 'All yours.' })).toEqual({ ok: true });
    expect(await page.call('signIn', password(NEXT))).toEqual({ ok: true });
    expect(((await page.call('getSnapshot')) as unknown as StationSnapshot).operator?.id).toBe(NEXT.id);
  });
});

describe('one request pipeline over both transports', () => {
  it('answers the same refusals over IPC and over the WebSocket', async () => {
    const { core } = await liveStation();
    const { open } = await webOf(core);
    const page = await open();
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const dispose = registerIpc(
      { handle: (channel, fn) => void handlers.set(channel, fn as never), removeHandler: vi.fn() },
      core,
      { targets: () => [] },
    );
    cleanup.push(async () => dispose());
    const app = { senderFrame: { url: 'app://station/index.html', parent: null } };
    const ipc = (name: RequestName, payload: unknown) => handlers.get(requestChannel(name))!(app, payload);
    const cases: Array<[RequestName, unknown]> = [
      ['listDeployments', {}], // nobody signed in
      ['alertShown', { alertId: 'not-a-uuid' }], // the contract's schema
      ['signIn', { method: 'local', id: FIRST.id, password: 'wrong password here' }], // the identity gate
    ];
    for (const [name, payload] of cases) {
      const overIpc = await ipc(name, payload);
      const overWs = await page.call(name, payload as object);
      expect(overIpc).toMatchObject({ ok: false, error: expect.any(String) });
      expect(overWs).toEqual(overIpc);
    }
  });
});

describe('each browser connection is its own client', () => {
  it('a second WebSocket holding the page token gets nothing and can record nothing', async () => {
    const { server, core, dataDir, snapshot } = await liveStation();
    const { open } = await webOf(core);
    const page = await open();
    expect(await page.call('signIn', password(FIRST))).toEqual({ ok: true });
    const { payload } = await server.emitAlert();
    await waitFor(() => snapshot()?.alerts.some((a) => a.alertId === payload.alertId), 'the alert');
    const full = (await page.call('getSnapshot')) as unknown as StationSnapshot;
    expect(full.alerts.map((a) => a.alertId)).toContain(payload.alertId);

    const intruder = await open();
    const seen = (await intruder.call('getSnapshot')) as unknown as StationSnapshot;
    expect(seen.alerts).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain(payload.subject.name);
    expect(seen.access?.waiting).toMatchObject({ total: 1 });
    const decision = {
      alertId: payload.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Different face shape.',
    };
    expect(await intruder.call('alertShown', { alertId: payload.alertId })).toMatchObject({
      ok: false,
      error: ANOTHER_SCREEN,
    });
    expect(await intruder.call('recordDecision', decision)).toMatchObject({
      ok: false,
      error: ANOTHER_SCREEN,
    });
    expect(await intruder.call('signOut', {})).toMatchObject({ ok: false, error: ANOTHER_SCREEN });
    expect((await intruder.call('signIn', password(NEXT))).ok).toBe(false);
    const entries = readJournal(journalFile(dataDir, server.deployment.deploymentId));
    expect(entries.filter((e) => e.type === 'decision' || e.type === 'alert-shown')).toEqual([]);
    expect(entries.filter((e) => e.type === 'operator-signed-out')).toEqual([]);
    // The page that signed in still decides.
    expect(await page.call('alertShown', { alertId: payload.alertId })).toMatchObject({ ok: true });
    expect(await page.call('recordDecision', decision)).toMatchObject({ ok: true });
  });

  it('a closed page locks the session; the officer unlocks it from the next page', async () => {
    const { core, snapshot } = await liveStation();
    const { open } = await webOf(core);
    const first = await open();
    expect(await first.call('signIn', password(FIRST))).toEqual({ ok: true });
    await first.close();
    await waitFor(() => snapshot()?.access?.locked, 'the session locked');
    const next = await open();
    expect(await next.call('handover', { note: 'x' })).toMatchObject({ ok: false, error: ANOTHER_SCREEN });
    expect(await next.call('reauthenticate', { method: 'local', password: passwordFor(FIRST.id) })).toEqual({
      ok: true,
    });
    expect(await next.call('activity')).toEqual({ ok: true });
  });
});

describe('a locked screen withholds', () => {
  it('over the WebSocket, over IPC and on /images: counts only; wrong unlocks never lock the account', async () => {
    let now = Date.now();
    // Time passing: both clocks move together (the lock runs on the monotonic one).
    const { server, core, snapshot } = await liveStation({
      lockAfterMs: 60_000,
      now: () => now,
      mono: () => now,
    });
    const { web, open } = await webOf(core);
    const page = await open();
    const changes: ScreenChange[] = [];
    core.onEvent('change', (c) => changes.push(c));
    expect(await page.call('signIn', password(FIRST))).toEqual({ ok: true });
    const { payload } = await server.emitAlert();
    const full = await waitFor(async () => {
      const s = (await page.call('getSnapshot')) as unknown as StationSnapshot;
      return s.alerts.length ? s : null;
    }, 'alert on the page');
    const alert = full.alerts[0]!;
    const imageOk = await fetch(`${web.origin}${alert.probe.url}?k=${page.key}`);
    expect(imageOk.status).toBe(200);
    // Another page holding the token is another client: it is shown no faces.
    const other = await open();
    expect((await fetch(`${web.origin}${alert.probe.url}?k=${other.key}`)).status).toBe(403);

    now += 61_000;
    await waitFor(() => snapshot()?.access?.locked, 'the session locked');
    for (const seen of [
      (await page.call('getSnapshot')) as unknown as StationSnapshot,
      await core.services.getSnapshot({}),
    ]) {
      expect(seen.alerts).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain(payload.subject.name);
      expect(seen.access?.waiting).toEqual({
        total: 1,
        red: expect.any(Number),
        amber: expect.any(Number),
        green: expect.any(Number),
      });
    }
    const image = await fetch(`${web.origin}${alert.probe.url}?k=${page.key}`);
    expect(image.status).toBe(403);
    const before = changes.length;
    await server.emitAlert();
    await waitFor(
      async () => (await core.services.getSnapshot({})).access?.waiting?.total === 2,
      'second alert counted',
    );
    expect(changes.slice(before).every((c) => c.kind === 'status')).toBe(true);

    // A passer-by types wrong passwords: the unlock slows down; the account is not locked.
    for (let i = 0; i < 5; i++)
      expect((await page.call('reauthenticate', { method: 'local', password: 'not the password' })).ok).toBe(
        false,
      );
    now += 120_000;
    expect(await page.call('reauthenticate', { method: 'local', password: passwordFor(FIRST.id) })).toEqual({
      ok: true,
    });
    expect(((await page.call('getSnapshot')) as unknown as StationSnapshot).alerts).toHaveLength(2);
    expect(await page.call('signOut', {})).toEqual({ ok: true });
    expect(await page.call('signIn', password(FIRST))).toEqual({ ok: true });
    expect(await page.call('handover', { note: 'x' })).toEqual({ ok: true });
  });
});

describe('bounded input', () => {
  it('a bridge frame over the limit closes that socket only; the station answers and decides after it', async () => {
    const { server, core, snapshot } = await liveStation();
    const { web, open } = await webOf(core);
    const WebSocket = (await import('ws')).default;
    const raw = new WebSocket(`${web.origin.replace('http', 'ws')}/bridge`, {
      headers: { Origin: web.origin },
    });
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    raw.send(JSON.stringify({ type: 'hello', token: web.token }));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    raw.on('error', () => undefined);
    // 1.2 MB pasted into the Password field.
    const payload = { method: 'local', id: FIRST.id, password: 'x'.repeat(1_200_000) };
    raw.send(JSON.stringify({ type: 'request', id: 1, name: 'signIn', payload }));
    expect(await closed).toBe(1009);
    const page = await open();
    expect(await page.call('signIn', { ...password(FIRST), password: 'y'.repeat(5000) })).toMatchObject({
      ok: false,
    });
    expect(await page.call('signIn', password(FIRST))).toEqual({ ok: true });
    const { payload: alert } = await server.emitAlert();
    await waitFor(() => snapshot()?.alerts.some((a) => a.alertId === alert.alertId), 'the alert');
    expect(await page.call('alertShown', { alertId: alert.alertId })).toMatchObject({ ok: true });
    const decided = await page.call('recordDecision', {
      alertId: alert.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Different face shape.',
    });
    expect(decided).toMatchObject({ ok: true });
  });
});
