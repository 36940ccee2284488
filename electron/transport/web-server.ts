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
import { basename, extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, parseRequest, type RequestName, type StationServices } from '../../shared/contract';
import { forDisplay } from '../../shared/display-text';
import { readImageHeader } from '../../shared/feed/image-header';
import type { BridgeFrame } from '../../shared/ws-frames';
import { contentSecurityPolicy, IMAGE_CACHE_CONTROL } from './page-policy';
import type { StationCore } from '../core/station-core';
import { answerSsoCallback, SSO_CALLBACK_PATH, type SsoEndpoint } from './sso-callback';

const COOKIE = 'rs_session';
/** Where browser mode's page uploads a bundle for import (POST, raw bytes). */
export const BUNDLE_UPLOAD_PATH = '/bundles';
/** Where browser mode's page asks for a replay export as a download (POST, JSON: key, kind, includeImages). */
export const EXPORT_DOWNLOAD_PATH = '/exports';
const EXPORT_MIME: Record<string, string> = { '.csv': 'text/csv; charset=utf-8', '.pdf': 'application/pdf' };
/** The export request is a few names; anything longer is not one. */
const MAX_EXPORT_REQUEST_BYTES = 4096;
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
  core: Pick<StationCore, 'services' | 'onEvent' | 'resolveImage'> &
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

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
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
      return void answerSsoCallback(res, url, opts.sso, securityHeaders).catch((e: unknown) => {
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

  /**
   * Browser mode's bundle import: the page sends the file's bytes; the station keeps them
   * under an upload id and the import request names only that id. Same-origin only (a
   * cross-site form cannot post here: Origin must be ours, and the body must be raw bytes).
   */
  const receiveBundle = (req: IncomingMessage, res: ServerResponse, how: 'cookie' | 'query') => {
    const answer = (status: number, body: object) => {
      securityHeaders(res);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
      res.end(JSON.stringify(body));
      // Whatever of the body is left unread is not wanted.
      if (!req.complete) req.resume();
    };
    if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
    if (how !== 'cookie' || req.headers.origin !== origin)
      return answer(403, { ok: false, error: 'uploads come from the station’s own page only' });
    if ((req.headers['content-type'] ?? '').split(';')[0]!.trim() !== 'application/octet-stream')
      return answer(415, { ok: false, error: 'send the bundle as application/octet-stream' });
    const receive = opts.core.receiveBundleUpload;
    if (!receive) return answer(404, { ok: false, error: 'this station takes no uploads' });
    const length = req.headers['content-length'];
    const declared = length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : null;
    receive(req, declared).then(
      (result) => answer(result.ok ? 200 : result.status, result),
      (error: unknown) => {
        log(`web: bundle upload failed: ${String(error).slice(0, 200)}`);
        if (!res.headersSent) answer(500, { ok: false, error: 'the upload failed; it has been logged' });
      },
    );
  };

  /**
   * Browser mode's export download: the core writes the export and journals it (refusing
   * anyone but a signed-in supervisor), then the file it wrote goes to the browser as an
   * attachment. The page names the replay and the kind, never a path. Same-origin only.
   */
  const sendExport = (req: IncomingMessage, res: ServerResponse, how: 'cookie' | 'query') => {
    const answer = (status: number, error: string) => {
      securityHeaders(res);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
      res.end(JSON.stringify({ ok: false, error }));
      if (!req.complete) req.resume();
    };
    if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
    if (how !== 'cookie' || req.headers.origin !== origin)
      return answer(403, 'exports are asked for from the station’s own page only');
    if ((req.headers['content-type'] ?? '').split(';')[0]!.trim() !== 'application/json')
      return answer(415, 'send the export request as application/json');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_EXPORT_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > MAX_EXPORT_REQUEST_BYTES) return answer(413, 'the export request is too long');
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, 'the export request is not JSON');
      }
      const parsed = parseRequest<'exportReplay'>('exportReplay', body);
      if (!parsed.ok) return answer(400, parsed.error);
      opts.core.services
        .exportReplay(parsed.payload)
        .then(async (result) => {
          if (!result.ok)
            return answer(/^only a signed-in supervisor/.test(result.error) ? 403 : 422, result.error);
          // The file the core wrote and journalled, by the path it answered: nothing of the page's.
          const name = basename(result.path);
          const type = EXPORT_MIME[extname(name)] ?? 'application/octet-stream';
          res.setHeader(
            'Content-Disposition',
            `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
          );
          res.setHeader('X-Export-Path', encodeURIComponent(result.path));
          await serveFile(res, result.path, type);
        })
        .catch((error: unknown) => {
          log(`web: export download failed: ${String(error).slice(0, 200)}`);
          if (!res.headersSent) answer(500, 'the export failed; it has been logged');
          else res.destroy();
        });
    });
  };

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

  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
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
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        ws.on('message', (raw: Buffer, isBinary) => void handleFrame(ws, raw.toString('utf8'), isBinary));
      });
    } catch (error) {
      log(`web: upgrade failed: ${String(error).slice(0, 200)}`);
      socket.destroy();
    }
  });

  const send = (ws: WebSocket, frame: BridgeFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const handleFrame = async (ws: WebSocket, text: string, isBinary: boolean) => {
    let frame: { type?: unknown; id?: unknown; name?: unknown; payload?: unknown };
    try {
      if (isBinary) throw new Error('binary frame');
      frame = JSON.parse(text) as typeof frame;
    } catch {
      log('web: dropped an unreadable bridge frame');
      return;
    }
    if (frame.type !== 'request' || typeof frame.id !== 'number' || typeof frame.name !== 'string') return;
    const id = frame.id;
    const parsed = parseRequest<RequestName>(frame.name, frame.payload);
    if (!parsed.ok) return send(ws, { type: 'response', id, result: { ok: false, error: parsed.error } });
    try {
      const service = opts.core.services[parsed.name] as (p: unknown) => Promise<unknown>;
      // Whatever goes to the screen has its hidden and direction-changing characters marked.
      send(ws, { type: 'response', id, result: forDisplay(await service(parsed.payload)) });
    } catch (error) {
      log(`web: ${parsed.name} failed: ${String(error)}`);
      send(ws, {
        type: 'response',
        id,
        result: { ok: false, error: 'the station could not do that; it has been logged' },
      });
    }
  };

  const unsubscribe = EVENT_NAMES.map((name) =>
    opts.core.onEvent(name, (payload) => {
      const shown = forDisplay(payload);
      for (const ws of sockets) send(ws, { type: 'event', name, payload: shown });
    }),
  );

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
      unsubscribe.forEach((u) => u());
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type { StationServices };
