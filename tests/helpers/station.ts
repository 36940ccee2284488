/**
 * Setup shared by the integration tests that run a real station core on a real training
 * feed: its preset settings file, the core itself in browser mode, and a client of the
 * browser-mode bridge as the page's script (or anything on this machine with the token) would be.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { startStationCore } from '../../electron/core/station-core';
import type { Station } from '../../electron/core/station';
import * as officer from '../../electron/core/station/officer';
import { orNotSaved } from '../../electron/core/station/write';
import type { Req } from '../../electron/core/station/requests';
import * as supervisor from '../../electron/core/station/supervisor';
import type { RequestName } from '../../shared/contract';
import { REASON_CODES } from '../../shared/decision-rules';
import type { Alert } from '../../shared/feed/schemas';
import type { StationSnapshot } from '../../shared/view';

/** Closers the test pushes as it starts things; run newest first after each test of the calling file. */
export function closeAfterEach(): Array<() => Promise<unknown>> {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const fn of closers.splice(0).reverse()) await fn().catch(() => undefined);
  });
  return closers;
}

/** Presets the station's settings file (settings other than sound are a supervisor's to change). */
export function writeStationSettings(dataDir: string, settings: Record<string, unknown>) {
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  writeFileSync(join(dataDir, 'station', 'settings.json'), JSON.stringify(settings));
}

type CoreOptions = Parameters<typeof startStationCore>[0];

/**
 * The key folder a test station uses unless it names one: beside its data folder (never
 * inside it, never under the real home), the same one at every restart of that folder.
 */
export const testKeyDir = (dataDir: string) => `${dataDir.replace(/[\\/]+$/, '')}.keys`;

/** A station core in browser mode on the given feed, as the tests run it. */
export function startTestCore(
  options: Pick<CoreOptions, 'dataDir' | 'feedUrl' | 'token'> & Partial<CoreOptions>,
) {
  return startStationCore({
    mode: 'browser',
    appVersion: 'test',
    keyDir: testKeyDir(options.dataDir),
    ...options,
  });
}

/**
 * A core with no minimum look time (and any other settings given) and a 1 s ack timeout,
 * closed after the test; `snapshot` is the latest state it pushed (null before the first).
 */
export async function startWatchedCore(
  closers: Array<() => Promise<unknown>>,
  options: Pick<CoreOptions, 'dataDir' | 'feedUrl' | 'token'>,
  settings: Record<string, unknown> = {},
) {
  writeStationSettings(options.dataDir, { dwellMs: 0, ...settings });
  const core = await startTestCore({ ...options, ackTimeoutMs: 1000 });
  closers.push(() => core.close());
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  return { core, snapshot: () => latest };
}

export type BridgeAnswer = { ok: boolean; error?: string } & Record<string, unknown>;

/**
 * Opens the bridge WebSocket with the page's Origin and says hello with the token (as the
 * page does, never a cookie); `key` is the connection key its faces, uploads and exports carry.
 */
export async function bridgeClient(origin: string, token: string, hello: { handoff?: string } = {}) {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, { headers: { Origin: origin } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'hello', token, ...hello }));
  const key = await new Promise<string>((resolve, reject) => {
    ws.once('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { type: string; key?: string };
      if (frame.type === 'welcome' && frame.key) resolve(frame.key);
      else reject(new Error(`expected a welcome, got ${raw.toString().slice(0, 200)}`));
    });
    ws.once('close', (code) => reject(new Error(`the station closed the socket (${code})`)));
  });
  let next = 1;
  const pending = new Map<number, (r: BridgeAnswer) => void>();
  let latest: StationSnapshot | null = null;
  // Every frame as received, for tests that check what the page can ever be sent.
  const texts: string[] = [];
  ws.on('message', (raw: Buffer) => {
    texts.push(raw.toString());
    const frame = JSON.parse(raw.toString()) as {
      type: string;
      id?: number;
      result?: BridgeAnswer;
      name?: string;
      payload?: unknown;
    };
    if (frame.type === 'response') pending.get(frame.id!)?.(frame.result!);
    if (frame.type === 'event' && frame.name === 'state') latest = frame.payload as StationSnapshot;
  });
  const call = (name: RequestName, payload: object = {}) =>
    new Promise<BridgeAnswer>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ type: 'request', id, name, payload }));
    });
  return { call, key, snapshot: () => latest, frames: () => texts, close: async () => ws.close() };
}

/**
 * A bare Station's officer and supervisor jobs called directly, without the request
 * pipeline (access control is tested through the core): the training form's sign-in.
 */
export function jobsOf(station: Station) {
  return {
    signIn: (p: { id: string; name: string; role: 'officer' | 'supervisor' }) =>
      officer.signIn(station, { ...p, method: 'training' }),
    signOut: (p: Req<'signOut'>) => officer.signOut(station, p),
    // A write that fails is answered "not saved", as the request table answers it.
    alertShown: (p: Req<'alertShown'>) => orNotSaved('shown', officer.alertShown(station, p)),
    recordDecision: (p: Req<'recordDecision'>) => orNotSaved('decision', officer.recordDecision(station, p)),
    recordOutcome: (p: Req<'recordOutcome'>) => orNotSaved('outcome', officer.recordOutcome(station, p)),
    welfare: (p: Req<'welfare'>) => officer.welfare(station, p),
    updateSettings: (p: Req<'updateSettings'>) => supervisor.updateSettings(station, p),
    setLegalHold: (p: Req<'setLegalHold'>) => supervisor.setLegalHold(station, p),
  };
}

/**
 * The rest of a core for tests of the browser-mode transport alone: no request reaches a
 * station (each is refused), and `mayView` says whether a screen holds an unlocked session.
 */
export function transportOnlyCore(mayView: () => boolean = () => true) {
  const refused = () => Promise.resolve({ ok: false as const, error: 'no station behind this transport' });
  return { dispatch: refused, request: refused, mayView, clientGone: () => undefined };
}

/**
 * A bare Station takes the alert (stored), a training-form officer signs in, sees it and
 * records No engage: the first decided alert many journal tests start from.
 */
export async function storeAndDecide(
  station: Station,
  alert: Alert,
  officer: { id: string; name: string },
  rationale: string,
): Promise<void> {
  const jobs = jobsOf(station);
  const stored = await station.handleAlert(alert);
  if (stored.status !== 'stored') throw new Error(`alert not stored: ${JSON.stringify(stored)}`);
  await jobs.signIn({ ...officer, role: 'officer' });
  await jobs.alertShown({ alertId: alert.alertId });
  const decided = await jobs.recordDecision({
    alertId: alert.alertId,
    decision: 'no-engage',
    reasons: [REASON_CODES[2]!.code],
    rationale,
  });
  if (!decided.ok) throw new Error(`decision not recorded: ${decided.error}`);
}
