/**
 * Issue 13: one more alert costs the screen the same whatever the number waiting. The
 * real core behind the real browser-mode transport, a real feed: the bytes of the
 * WebSocket frames sent for one new alert are measured with 10 alerts waiting and with
 * 1,000, and must not grow with them (the station used to send every pending alert
 * with every change).
 */
import { addAccounts, passwordFor } from '../helpers/accounts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startStationCore, type StationCore } from '../../electron/core/station-core';
import { startWebServer, type WebServer } from '../../electron/transport/web-server';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import type { ScreenChange } from '../../shared/screen';
import { tempDir, waitFor } from './util';
import { testKeyDir } from '../helpers/station';

const TOKEN = 'bytes-token';
const OFFICER = { id: 'PC 7', name: 'Jo Lane', role: 'officer' as const };
let server: TrainingFeedServer;
let core: StationCore;
let web: WebServer;
let socket: WebSocket;
const frames: Array<{ bytes: number; change: ScreenChange }> = [];

beforeAll(async () => {
  // A feed that waits long for each answer: an ack later than its ackTimeoutMs is dropped and
  // emitAlert never resolves, which is how this test hung under heavy load (50 alerts in flight
  // queue behind one another in the station). What is measured here is bytes, not speed.
  server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, ackTimeoutMs: 120_000 });
  const dataDir = tempDir();
  // Only the screen holding the signed-in session is sent alerts: this socket signs in below.
  await addAccounts(dataDir, [OFFICER]);
  core = await startStationCore({
    dataDir,
    keyDir: testKeyDir(dataDir),
    feedUrl: server.url,
    token: TOKEN,
    mode: 'browser',
    appVersion: 'test',
  });
  const rendererDir = mkdtempSync(join(tmpdir(), 'rs-bytes-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>station</title>');
  web = await startWebServer({ core, rendererDir });
  socket = new WebSocket(`${web.origin.replace('http', 'ws')}/bridge`, {
    headers: { cookie: `rs_session=${web.token}`, origin: web.origin },
  });
  socket.on('message', (raw: Buffer) => {
    const frame = JSON.parse(raw.toString('utf8')) as { type: string; name?: string; payload?: unknown };
    if (frame.type === 'event' && frame.name === 'change')
      frames.push({ bytes: raw.length, change: frame.payload as ScreenChange });
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const signedIn = new Promise<unknown>((resolve) =>
    socket.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString('utf8')) as { type: string; id?: number; result?: unknown };
      if (frame.type === 'response' && frame.id === 1) resolve(frame.result);
    }),
  );
  const payload = { method: 'local', id: OFFICER.id, password: passwordFor(OFFICER.id) };
  socket.send(JSON.stringify({ type: 'request', id: 1, name: 'signIn', payload }));
  expect(await signedIn).toEqual({ ok: true });
  await waitFor(() => server.stations.length > 0, 'the station to connect');
}, 60_000);

afterAll(async () => {
  socket?.close();
  await web?.close();
  await core?.close();
  await server?.close();
});

async function emit(count: number) {
  for (let done = 0; done < count; done += 50) {
    const records = await Promise.all(
      Array.from({ length: Math.min(50, count - done) }, () => server.emitAlert({ reuseImages: true })),
    );
    expect(records.every((r) => r.ack === 'stored')).toBe(true);
  }
}

const undecided = (c: ScreenChange) => (c.kind === 'status' ? c.status.counts.undecided : -1);

/** Bytes sent to the screen from one more alert until its status (with it counted) arrives. */
async function bytesForOneMore(waiting: number): Promise<number> {
  await waitFor(() => frames.some((f) => undecided(f.change) === waiting), `${waiting} waiting on screen`);
  const from = frames.length;
  await emit(1);
  await waitFor(
    () => frames.slice(from).some((f) => undecided(f.change) === waiting + 1),
    'the new alert on screen',
  );
  const sent = frames.slice(from);
  expect(sent.filter((f) => f.change.kind === 'alert-added')).toHaveLength(1);
  return sent.reduce((sum, f) => sum + f.bytes, 0);
}

it('sends the screen the same bytes for a new alert with 10 or 1,000 waiting', async () => {
  await emit(10);
  const atTen = await bytesForOneMore(10);
  await emit(1000 - 11);
  const atThousand = await bytesForOneMore(1000);
  // A few bytes more for longer numbers is fine; a whole queue (100× more) is not.
  expect(atThousand).toBeLessThan(atTen * 1.2);
  expect(atTen).toBeLessThan(20_000);
}, 240_000);
