/**
 * Issue 21 item 2, browser mode: the session is held by the page, never by a cookie
 * (cookies are not port-bound, so every listener on 127.0.0.1 would be sent one). A socket
 * is read for nothing until its hello holds the per-run token; it is then its own client,
 * and the key it is given is what its faces, uploads and exports carry. Nothing the server
 * answers sets a cookie.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../electron/transport/web-server';
import { CLOSE_NOT_AUTHORISED } from '../../shared/ws-frames';
import { bridgeClient, transportOnlyCore } from '../helpers/station';

const SHA = 'ab'.repeat(32);
let dir: string;
let web: WebServer;
const dispatched: string[] = [];
const subscribed: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-page-secret-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>station</title>');
  await writeFile(join(dir, SHA), Buffer.from('89504e470d0a1a0a', 'hex'));
  web = await startWebServer({
    core: {
      ...transportOnlyCore(),
      dispatch: (client, name) => {
        dispatched.push(`${client} ${name}`);
        return Promise.resolve({ ok: true as const });
      },
      onEvent: (name, _listener, client) => {
        subscribed.push(`${String(client)} ${name}`);
        return () => undefined;
      },
      readImage: () => readFileSync(join(dir, SHA)),
    },
    rendererDir: dir,
  });
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A socket from the station's own Origin that sends `frames` as it opens; resolves with what came back and how it closed. */
function rawSocket(frames: object[]) {
  const ws = new WebSocket(`${web.origin.replace('http', 'ws')}/bridge`, { headers: { Origin: web.origin } });
  const received: string[] = [];
  ws.on('message', (raw: Buffer) => received.push(raw.toString()));
  ws.on('open', () => frames.forEach((f) => ws.send(JSON.stringify(f))));
  return new Promise<{ code: number; received: string[] }>((resolve) =>
    ws.on('close', (code) => resolve({ code, received })),
  );
}

describe('a socket proves itself with the page’s token, never a cookie', () => {
  it('refuses a socket whose first frame is a request, or whose hello holds no or a wrong token', async () => {
    const before = { dispatched: dispatched.length, subscribed: subscribed.length };
    const request = { type: 'request', id: 1, name: 'getSnapshot', payload: {} };
    for (const first of [
      request,
      { type: 'hello' },
      { type: 'hello', token: '' },
      { type: 'hello', token: web.token.slice(1) },
      { type: 'hello', token: `${web.token}x` },
      { type: 'hello', token: [web.token] },
    ]) {
      const { code, received } = await rawSocket([first, request]);
      expect(code, JSON.stringify(first)).toBe(CLOSE_NOT_AUTHORISED);
      // Sent nothing at all: no key, no event, no answer.
      expect(received, JSON.stringify(first)).toEqual([]);
    }
    expect(dispatched.length).toBe(before.dispatched);
    expect(subscribed.length).toBe(before.subscribed);
  });

  it('makes each accepted socket its own client with its own key', async () => {
    const first = await bridgeClient(web.origin, web.token);
    const second = await bridgeClient(web.origin, web.token);
    expect(first.key).not.toBe(second.key);
    expect(first.key).not.toContain(web.token);
    await first.call('getSnapshot');
    await second.call('getSnapshot');
    const [a, b] = dispatched.slice(-2).map((line) => line.split(' ')[0]);
    expect(a).not.toBe(b);
    await first.close();
    await second.close();
  });

  it('serves a face only with a live socket’s key, and sets no cookie on any answer', async () => {
    const page = await bridgeClient(web.origin, web.token);
    const face = (key: string) => fetch(`${web.origin}/images/dep/${SHA}?k=${encodeURIComponent(key)}`);
    const ok = await face(page.key);
    expect(ok.status).toBe(200);
    expect((await face(web.token)).status).toBe(403);
    for (const path of ['/', `/?token=${web.token}`, '/index.html'])
      expect((await fetch(web.origin + path, { redirect: 'manual' })).headers.get('set-cookie')).toBeNull();
    expect(ok.headers.get('set-cookie')).toBeNull();
    // The key dies with its socket.
    await page.close();
    await expect.poll(async () => (await face(page.key)).status).toBe(403);
  });
});
