/**
 * Browser mode against raw hostile requests (issue 10 item 10): none carries a page's
 * secret, each is written byte for byte on a net.Socket, each must get a 400 (or, for a
 * well-formed request for a face without a connection key, a 403), and the server must
 * still serve the app afterwards. An exception thrown out of a request or upgrade listener would fail
 * this file as an unhandled error.
 */
import { transportOnlyCore } from '../helpers/station';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/transport/web-server';

let dir: string;
let web: WebServer;
let host: string;
const logged: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-web-hostile-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>station</title>');
  web = await startWebServer({
    // The transport is what is under test; no request here reaches the core.
    core: { ...transportOnlyCore(), onEvent: () => () => undefined, readImage: () => null },
    rendererDir: dir,
    log: (line) => logged.push(line),
  });
  host = new URL(web.origin).host;
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Write raw bytes, read until the server closes or a whole status line has come, and return the status. */
function raw(request: string | Buffer): Promise<number | 'closed'> {
  const { port } = new URL(web.origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    const finish = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve(status ? Number(status[1]) : 'closed');
      socket.destroy();
    };
    socket.setTimeout(5000, finish);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (/\r\n\r\n/.test(text)) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(request);
  });
}

const get = (target: string, headers: string) => `GET ${target} HTTP/1.1\r\n${headers}\r\n`;
const upgrade = (target: string, hostHeader: string) =>
  `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
  `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://${hostHeader}\r\n\r\n`;

describe('browser mode under hostile raw requests', () => {
  it('answers each with 400 (403 where only the token is missing) and keeps serving', async () => {
    const cases: Array<[string, string | Buffer, number]> = [
      ['scheme-relative //', get('//', `Host: ${host}\r\n`), 400],
      ['//host/path', get('//evil.example/x', `Host: ${host}\r\n`), 400],
      ['bad percent-encoding', get('/%E0%A4%A', `Host: ${host}\r\n`), 400],
      ['lone %', get('/assets/%', `Host: ${host}\r\n`), 400],
      ['very long path', get('/' + 'a'.repeat(8000), `Host: ${host}\r\n`), 400],
      ['path past the header limit', get('/' + 'b'.repeat(40_000), `Host: ${host}\r\n`), 400],
      ['absolute-form target', get('http://evil.example/', `Host: ${host}\r\n`), 400],
      ['asterisk target', get('*', `Host: ${host}\r\n`), 400],
      ['no Host header', get('/', ''), 400],
      ['foreign Host', get('/', 'Host: evil.example\r\n'), 400],
      ['empty Host', get('/', 'Host: \r\n'), 400],
      ['Host with control bytes', get('/', `Host: 127.0.0.1\x01\r\n`), 400],
      ['NUL in the path', get('/index.html%00.js', `Host: ${host}\r\n`), 400],
      ['garbage request line', '\x00\x01\x02 nonsense\r\n\r\n', 400],
      ['bad header line', `GET / HTTP/1.1\r\nHost: ${host}\r\nno colon here\r\n\r\n`, 400],
      ['upgrade to //', upgrade('//', host), 400],
      ['upgrade with bad percent-encoding', upgrade('/bridge%zz', host), 400],
      ['upgrade with foreign Host', upgrade('/bridge', 'evil.example'), 400],
      ['upgrade with an over-long path', upgrade('/' + 'c'.repeat(8000), host), 400],
      [
        'upgrade to something other than websocket',
        `GET /bridge HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n`,
        403,
      ],
      ['a face, no connection key', get(`/images/d/${'a'.repeat(64)}`, `Host: ${host}\r\n`), 403],
      ['a face, a made-up key', get(`/images/d/${'a'.repeat(64)}?k=guess`, `Host: ${host}\r\n`), 403],
      [
        'upgrade from another port’s page',
        upgrade('/bridge', host).replace(/Origin: .*\r\n/, 'Origin: http://127.0.0.1:1\r\n'),
        403,
      ],
    ];
    const answers: Record<string, number | 'closed'> = {};
    for (const [name, request] of cases) answers[name] = await raw(request);
    expect(answers).toEqual(Object.fromEntries(cases.map(([name, , status]) => [name, status])));

    // Still running: the printed URL serves the page (which keeps the token itself), and sets no cookie.
    const page = await fetch(web.url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(await page.text()).toContain('<title>station</title>');
  });

  it('answers a malformed path as 400 and a way out of the app folder as 404, not a crash', async () => {
    expect(await raw(get('/%C0%80%', `Host: ${host}\r\n`))).toBe(400);
    expect(await raw(get('/..%2f..%2fetc/passwd', `Host: ${host}\r\n`))).toBe(404);
  });
});
