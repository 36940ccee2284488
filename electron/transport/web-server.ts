/**
 * Browser mode: the station core served to a browser on loopback, through the same
 * bridge contract, over a WebSocket. Only 127.0.0.1 is bound; the Host and Origin headers
 * must name this server (no DNS rebinding); the same CSP as Electron. No cookie is ever
 * set (cookies are not port-bound: every listener on 127.0.0.1 would be sent it). The
 * page keeps the per-run token from the printed URL in sessionStorage and proves each
 * socket with it (bridge-sockets.ts); its faces, uploads and exports carry the key its
 * socket was given. The app's own files hold nothing secret and are served to any
 * request naming this server.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { readImageHeader } from '../../shared/feed/image-header';
import { CONNECTION_KEY_HEADER, IMAGE_KEY_PARAM } from '../../shared/ws-frames';
import { contentSecurityPolicy, IMAGE_CACHE_CONTROL } from './page-policy';
import type { StationCore } from '../core/station-core';
import type { ClientId } from '../core/station/session';
import { webTransfers, BUNDLE_UPLOAD_PATH, EXPORT_DOWNLOAD_PATH } from './web-transfers';
import { answerSsoCallback, SSO_CALLBACK_PATH, type SsoEndpoint } from './sso-callback';
import { bridgeSockets } from './bridge-sockets';

/** Largest bridge frame: the largest request (a bundle upload goes over HTTP) is far below it. */
const MAX_FRAME_BYTES = 1024 * 1024;
export { EXPORT_DOWNLOAD_PATH };
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

interface WebServerOptions {
  core: Pick<StationCore, 'dispatch' | 'request' | 'onEvent' | 'readImage' | 'mayView' | 'clientGone'> &
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

/** Longest request target browser mode reads; the app's own never come near it. */
const MAX_URL_LENGTH = 4096;

/**
 * The request's URL against our origin, or null when it cannot be read: too long, not a
 * path (`//host`, `http://...`), or percent-encoding that does not decode.
 */
function requestUrl(req: Pick<IncomingMessage, 'url'>, origin: string): URL | null {
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

type Core = WebServerOptions['core'];
type Sockets = ReturnType<typeof bridgeSockets>;

/** What this server answers to, known once it listens: its origin, the Host names that reach it, its CSP. */
interface Site {
  origin: string;
  csp: string;
  allowedHosts: Set<string>;
}

/** How every HTTP answer is made: the same security headers on all, refusals in plain text, files streamed. */
function responses(site: Site) {
  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', site.csp);
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
  const serveFile = async (res: ServerResponse, file: string, type: string, cacheControl?: string) => {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuse(res, 404, 'not found');
    securityHeaders(res);
    if (cacheControl) res.setHeader('Cache-Control', cacheControl);
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': info.size });
    createReadStream(file).pipe(res);
  };
  return { securityHeaders, refuse, serveFile };
}

type Responses = ReturnType<typeof responses>;

/** A face, to the page whose socket holds the unlocked session only. */
function serveImage(
  core: Core,
  answer: Responses,
  res: ServerResponse,
  client: ClientId | null,
  deploymentId: string,
  sha256: string,
) {
  const { refuse, securityHeaders } = answer;
  // Faces only for the page whose socket holds the unlocked session (none while locked).
  if (!client || !core.mayView(client))
    return refuse(res, 403, 'Forbidden: the station is locked, or this page is not the one signed in.');
  const bytes = core.readImage(deploymentId, sha256);
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
}

interface RouterDeps {
  opts: WebServerOptions;
  site: Site;
  answer: Responses;
  sockets: Sockets;
  log: (line: string) => void;
}

/** Sends each HTTP request to what answers it: sign-in callback, upload, export, face or the app's files. */
function router({ opts, site, answer, sockets, log }: RouterDeps) {
  const { refuse, securityHeaders, serveFile } = answer;
  const { receiveBundle, sendExport } = webTransfers({
    core: opts.core,
    origin: () => site.origin,
    securityHeaders,
    refuse,
    serveFile,
    log,
  });
  /** The client whose socket gave the page this key (header or face URL), or null. */
  const keyHolder = (req: IncomingMessage, url: URL) => {
    const header = req.headers[CONNECTION_KEY_HEADER];
    return sockets.clientOfKey(typeof header === 'string' ? header : url.searchParams.get(IMAGE_KEY_PARAM));
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req, site.origin);
    if (!url) return refuse(res, 400, 'Bad request: the address cannot be read.');
    // A Host that is not this server is DNS rebinding or a confused client: refused before the token is looked at.
    if (!site.allowedHosts.has(req.headers.host ?? ''))
      return refuse(res, 400, 'Bad request: the Host header does not name this station.');
    if (url.pathname === SSO_CALLBACK_PATH && opts.sso && req.method === 'GET')
      return void answerSsoCallback(res, url, opts.sso, securityHeaders, sockets.newHandoff()).catch(
        (e: unknown) => {
          log(`web: sign-in callback: ${String(e).slice(0, 200)}`);
          if (!res.headersSent) refuse(res, 500, 'internal error');
        },
      );
    if (url.pathname === BUNDLE_UPLOAD_PATH) return void receiveBundle(req, res, keyHolder(req, url));
    if (url.pathname === EXPORT_DOWNLOAD_PATH) return void sendExport(req, res, keyHolder(req, url));
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    const image = /^\/images\/([A-Za-z0-9._-]{1,64})\/([0-9a-f]{64})$/.exec(url.pathname);
    const done = (p: Promise<void>) =>
      p.catch((e: unknown) => {
        log(`web: ${url.pathname.slice(0, 200)}: ${String(e)}`);
        if (!res.headersSent) refuse(res, 500, 'internal error');
        else res.destroy();
      });
    if (image)
      return void done(
        // At once; a throw (an unreadable file) is answered like any other failure.
        new Promise<void>((resolve) => {
          serveImage(opts.core, answer, res, keyHolder(req, url), image[1]!, image[2]!);
          resolve();
        }),
      );
    const path = url.pathname === '/' ? '/index.html' : safeDecode(url.pathname);
    if (path === null || path.includes('\0')) return refuse(res, 400, 'Bad request: malformed path.');
    const file = normalize(join(opts.rendererDir, path));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return refuse(res, 404, 'not found');
    return void done(serveFile(res, file, MIME[extname(file)] ?? 'application/octet-stream'));
  };
}

/** The HTTP server: whatever a request holds, it is answered and the station goes on. */
function httpServer(
  route: ReturnType<typeof router>,
  refuse: Responses['refuse'],
  log: (line: string) => void,
) {
  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    // Nothing a request sends may throw out of here.
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
  return server;
}

/** Lets a WebSocket on /bridge through from this server's own page only; the token is asked for next. */
function acceptBridge(server: Server, site: Site, sockets: Sockets, log: (line: string) => void) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req, site.origin);
      if (!url || !site.allowedHosts.has(req.headers.host ?? '')) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      const okOrigin = req.headers.origin === site.origin;
      const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
      // Another page (another port is another origin) is refused here; the token is asked for next.
      if (url.pathname !== '/bridge' || !okOrigin) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      if (!isWebSocket) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      // ws answers a malformed handshake (no key, wrong version) with 400 itself.
      wss.handleUpgrade(req, socket, head, (ws) => sockets.connected(ws));
    } catch (error) {
      log(`web: upgrade failed: ${String(error).slice(0, 200)}`);
      socket.destroy();
    }
  });
  return wss;
}

/** Binds 127.0.0.1 only, and says what the server now answers to. */
async function listenOnLoopback(server: Server, site: Site, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  site.origin = `http://127.0.0.1:${bound}`;
  site.allowedHosts.add(`127.0.0.1:${bound}`).add(`localhost:${bound}`);
  site.csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${bound}`] });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? (() => undefined);
  const site: Site = { origin: '', csp: '', allowedHosts: new Set<string>() };
  const answer = responses(site);
  const sockets = bridgeSockets({ core: opts.core, token, log });
  const server = httpServer(router({ opts, site, answer, sockets, log }), answer.refuse, log);
  const wss = acceptBridge(server, site, sockets, log);
  await listenOnLoopback(server, site, opts.port ?? 0);
  const { origin } = site;
  opts.sso?.setSsoTransport({ kind: 'same-tab', redirectUri: `${origin}${SSO_CALLBACK_PATH}` });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    server,
    async close() {
      for (const ws of sockets.sockets()) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
