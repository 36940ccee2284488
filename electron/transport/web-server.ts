/**
 * Browser mode: the station core served to a browser on loopback, through the same
 * bridge contract, over a WebSocket. Only 127.0.0.1 is bound; every request needs
 * the per-run session token (in the URL once, then an HttpOnly cookie); the Host and
 * Origin headers must name this server (no DNS rebinding); the same CSP as Electron.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { randomBytes as clientBytes } from 'node:crypto';
import { EVENT_NAMES } from '../../shared/contract';
import { forDisplay } from '../../shared/display-text';
import { readImageHeader } from '../../shared/feed/image-header';
import type { BridgeFrame } from '../../shared/ws-frames';
import { contentSecurityPolicy, IMAGE_CACHE_CONTROL } from './page-policy';
import type { StationCore } from '../core/station-core';
import { LOCAL_CLIENT, type ClientId } from '../core/station/session';
import { webTransfers, BUNDLE_UPLOAD_PATH, EXPORT_DOWNLOAD_PATH } from './web-transfers';
import { answerSsoCallback, HANDOFF_S, SSO_CALLBACK_PATH, type SsoEndpoint } from './sso-callback';

const COOKIE = 'rs_session';
/** Names the client a same-tab single sign-on's returning tab connects as (sso-callback.ts). */
const HANDOFF_COOKIE = 'rs_handoff';
/** Largest bridge frame: the largest request (a bundle upload goes over HTTP) is far below it. */
export const MAX_FRAME_BYTES = 1024 * 1024;
export { BUNDLE_UPLOAD_PATH, EXPORT_DOWNLOAD_PATH };
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebServerOptions {
  core: Pick<StationCore, 'dispatch' | 'request' | 'onEvent' | 'resolveImage' | 'mayView' | 'clientGone'> &
    Partial<Pick<StationCore, 'receiveBundleUpload'>>;
  rendererDir: string;
  port?: number;
  token?: string;
  log?: (line: string) => void;
  /** Single sign-on (--idp): the callback route and the same-tab redirect URI. */
  sso?: SsoEndpoint | null;
}

export interface WebServer {
  url: string;
  origin: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage, cookie = COOKIE): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=');
  }
  return null;
}

/** Longest request target browser mode reads; the app's own never come near it. */
const MAX_URL_LENGTH = 4096;

/**
 * The request's URL against our origin, or null when it cannot be read: too long, not a
 * path (`//host`, `http://...`), or percent-encoding that does not decode.
 */
export function requestUrl(req: Pick<IncomingMessage, 'url'>, origin: string): URL | null {
  const target = req.url ?? '/';
  if (target.length > MAX_URL_LENGTH || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    const url = new URL(target, origin || 'http://127.0.0.1');
    if (url.origin !== (origin || 'http://127.0.0.1') || safeDecode(url.pathname) === null) return null;
    return url;
  } catch {
    return null;
  }
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? (() => undefined);
  let origin = '';
  let csp = '';
  const allowedHosts = new Set<string>();

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
  };
  const refuse = (res: ServerResponse, code: number, message: string) => {
    securityHeaders(res);
    res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(message + '\n');
  };
  const authorised = (req: IncomingMessage, url: URL): 'cookie' | 'query' | null => {
    if (!allowedHosts.has(req.headers.host ?? '')) return null;
    const fromCookie = cookieToken(req);
    if (fromCookie && sameSecret(fromCookie, token)) return 'cookie';
    const fromQuery = url.searchParams.get('token');
    if (fromQuery && sameSecret(fromQuery, token)) return 'query';
    return null;
  };

  const serveFile = async (res: ServerResponse, file: string, type: string, cacheControl?: string) => {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(res, 404, 'not found');
    securityHeaders(res);
    if (cacheControl) res.setHeader('Cache-Control', cacheControl);
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size });
    createReadStream(file).pipe(res);
  };

  const serveImage = async (res: ServerResponse, deploymentId: string, sha256: string) => {
    // Faces only while a screen of this station holds the unlocked session (none while locked).
    if (!viewer()) return refuse(res, 403, 'Forbidden: the station is locked or nobody is signed in.');
    const file = opts.core.resolveImage(deploymentId, sha256);
    if (!file) return refuse(res, 404, 'not found');
    // One read, not open + read + stat + stream: each file operation waits its turn on an
    // event loop that is busy taking the same alert in, and the screen is waiting for these
    // bytes. A face is small (the feed's limit is 8 MiB) and the buffer goes once the answer is sent.
    const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'EISDIR') return null;
      throw e;
    });
    if (!bytes) return refuse(res, 404, 'image not found (purged under retention, or never stored)');
    // Images are stored without a file type; read it from the header rather than trust a name.
    const header = readImageHeader(bytes);
    securityHeaders(res);
    // Named by content hash, so the bytes behind this URL never change: fetched once, never revalidated.
    res.setHeader('Cache-Control', IMAGE_CACHE_CONTROL);
    res.writeHead(200, {
      'Content-Type': header?.mime ?? 'application/octet-stream',
      'Content-Length': bytes.length,
    });
    res.end(bytes);
  };

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req, origin);
    if (!url) return refuse(res, 400, 'Bad request: the address cannot be read.');
    // A Host that is not this server is DNS rebinding or a confused client: refused before the token is looked at.
    if (!allowedHosts.has(req.headers.host ?? ''))
      return refuse(res, 400, 'Bad request: the Host header does not name this station.');
    if (url.pathname === SSO_CALLBACK_PATH && opts.sso && req.method === 'GET')
      return void answerSsoCallback(res, url, opts.sso, securityHeaders, {
        client: newHandoff(),
        cookie: HANDOFF_COOKIE,
      }).catch((e: unknown) => {
        log(`web: sign-in callback: ${String(e).slice(0, 200)}`);
        if (!res.headersSent) refuse(res, 500, 'internal error');
      });
    const how = authorised(req, url);
    if (!how)
      return refuse(
        res,
        403,
        'Forbidden: this station needs the session token from the URL it printed at start.',
      );
    if (url.pathname === BUNDLE_UPLOAD_PATH) return void receiveBundle(req, res, how);
    if (url.pathname === EXPORT_DOWNLOAD_PATH) return void sendExport(req, res, how);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    if (how === 'query') {
      // Trade the token in the URL for a cookie, and take it out of the address bar and history.
      url.searchParams.delete('token');
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      securityHeaders(res);
      res.writeHead(303, { Location: url.pathname + url.search });
      return res.end();
    }
    const image = /^\/images\/([A-Za-z0-9._-]{1,64})\/([0-9a-f]{64})$/.exec(url.pathname);
    const done = (p: Promise<void>) =>
      p.catch((e: unknown) => {
        log(`web: ${url.pathname.slice(0, 200)}: ${String(e)}`);
        if (!res.headersSent) refuse(res, 500, 'internal error');
        else res.destroy();
      });
    if (image) return void done(serveImage(res, image[1]!, image[2]!));
    const path = url.pathname === '/' ? '/index.html' : safeDecode(url.pathname);
    if (path === null || path.includes('\0')) return refuse(res, 400, 'Bad request: malformed path.');
    const file = normalize(join(opts.rendererDir, path));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return refuse(res, 404, 'not found');
    return void done(serveFile(res, file, MIME[extname(file)] ?? 'application/octet-stream'));
  };

  const { receiveBundle, sendExport } = webTransfers({
    core: opts.core,
    origin: () => origin,
    securityHeaders,
    refuse,
    serveFile,
    viewer: () => viewer(),
    log,
  });

  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    // Whatever a request holds, it is answered and the station goes on: nothing it sends may throw out of here.
    try {
      route(req, res);
    } catch (error) {
      log(`web: request failed: ${String(error).slice(0, 200)}`);
      if (!res.headersSent) refuse(res, 400, 'Bad request.');
      else res.destroy();
    }
  });
  // Requests Node's parser cannot read (bad request line, oversized headers): a 400, never a crash.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    log(`web: unreadable request refused (${error.code ?? 'parse error'})`);
    if (socket.writable && !socket.writableEnded)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  /** Each connection is its own client of the session, named by a random id. */
  const sockets = new Map<WebSocket, ClientId>();
  const unsubscribers = new Map<WebSocket, Array<() => void>>();
  /** The screen allowed to be shown faces and to upload or export: the one holding the unlocked session. */
  const viewer = (): ClientId | null => {
    if (opts.core.mayView(LOCAL_CLIENT)) return LOCAL_CLIENT;
    for (const client of sockets.values()) if (opts.core.mayView(client)) return client;
    return null;
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req, origin);
      if (!url || !allowedHosts.has(req.headers.host ?? '')) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      const okOrigin = req.headers.origin === origin;
      const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
      if (url.pathname !== '/bridge' || !okOrigin || authorised(req, url) === null) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      if (!isWebSocket) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      // ws answers a malformed handshake (no key, wrong version) with 400 itself.
      wss.handleUpgrade(req, socket, head, (ws) => connected(ws, req));
    } catch (error) {
      log(`web: upgrade failed: ${String(error).slice(0, 200)}`);
      socket.destroy();
    }
  });

  const send = (ws: WebSocket, frame: BridgeFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  /** Clients named for tabs coming back from a same-tab sign-on, until they connect (once) or expire. */
  const handoffs = new Map<ClientId, number>();
  const newHandoff = (): ClientId => {
    const now = Date.now();
    for (const [c, until] of handoffs) if (until < now) handoffs.delete(c);
    const client: ClientId = `ws:${clientBytes(18).toString('base64url')}`;
    handoffs.set(client, now + HANDOFF_S * 1000);
    return client;
  };
  const handoffOf = (req: IncomingMessage): ClientId | null => {
    const named = cookieToken(req, HANDOFF_COOKIE);
    const until = named ? handoffs.get(named) : undefined;
    if (!named || until === undefined) return null;
    handoffs.delete(named);
    return until >= Date.now() ? named : null;
  };

  const connected = (ws: WebSocket, req: IncomingMessage) => {
    const client: ClientId = handoffOf(req) ?? `ws:${clientBytes(9).toString('base64url')}`;
    sockets.set(ws, client);
    // Each connection is sent what its client may see (the core shapes it per client).
    unsubscribers.set(
      ws,
      EVENT_NAMES.map((name) =>
        opts.core.onEvent(
          name,
          (payload) => send(ws, { type: 'event', name, payload: forDisplay(payload) }),
          client,
        ),
      ),
    );
    // An oversized or malformed frame: ws closes this socket (1009/1002) and reports it here; the station goes on.
    ws.on('error', (error) => log(`web: bridge connection closed: ${String(error).slice(0, 200)}`));
    ws.on('close', () => {
      sockets.delete(ws);
      for (const off of unsubscribers.get(ws) ?? []) off();
      unsubscribers.delete(ws);
      opts.core.clientGone(client);
    });
    ws.on('message', (raw: Buffer, isBinary) => void handleFrame(ws, client, raw.toString('utf8'), isBinary));
  };

  const handleFrame = async (ws: WebSocket, client: ClientId, text: string, isBinary: boolean) => {
    let frame: { type?: unknown; id?: unknown; name?: unknown; payload?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      frame = JSON.parse(text) as typeof frame;
    } catch {
      log('web: dropped an unreadable bridge frame');
      return;
    }
    if (frame.type !== 'request' || typeof frame.id !== 'number' || typeof frame.name !== 'string') return;
    // Parsed, checked against the session and answered (or refused) in one place, as over IPC.
    send(ws, {
      type: 'response',
      id: frame.id,
      result: await opts.core.dispatch(client, frame.name, frame.payload),
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);
  csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`] });
  opts.sso?.setSsoTransport({ kind: 'same-tab', redirectUri: `${origin}${SSO_CALLBACK_PATH}` });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    server,
    async close() {
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
