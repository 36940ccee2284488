/**
 * The `app://station/` protocol: the renderer's files and the alert images, served
 * from main rather than `file://`, so the page has a real origin, a strict CSP on
 * every response, and can read nothing on disk but what this handler chooses.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { readImageHeader } from '../../shared/feed/image-header';
import { isSafeDeploymentId } from '../../shared/feed/limits';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, IMAGE_CACHE_CONTROL } from '../transport/page-policy';

/** Must run before the app is ready: privileges cannot be granted afterwards. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

interface AppProtocolOptions {
  /** Absolute path of the built renderer (dist/renderer). */
  rendererDir: string;
  /** A stored image's bytes (StationCore.readImage), or null. */
  readImage(deploymentId: string, sha256: string): Uint8Array | null;
  log?: (line: string) => void;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

function baseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: baseHeaders('text/plain; charset=utf-8') });
}

function bytesResponse(bytes: Uint8Array, contentType: string, extra: Record<string, string> = {}): Response {
  return new Response(new Uint8Array(bytes), {
    status: 200,
    headers: { ...baseHeaders(contentType), ...extra },
  });
}

/**
 * Maps a URL path onto a file inside rootDir, or null if it would leave it.
 * The path is checked after percent-decoding, so "%2e%2e%2f" and "..%5c" count too.
 */
export function resolveInside(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const root = resolve(rootDir);
  const target = resolve(root, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return target;
}

/** The app's own files (its pages and scripts), read as they are asked for. */
async function readIfFile(filePath: string): Promise<Buffer | null> {
  try {
    return await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw error;
  }
}

function serveImage(opts: AppProtocolOptions, deploymentId: string, sha256: string): Response {
  if (!isSafeDeploymentId(deploymentId) || !SHA256_PATTERN.test(sha256))
    return textResponse(404, 'not found');
  const bytes = opts.readImage(deploymentId, sha256);
  if (bytes === null) return textResponse(404, 'not found');
  // The type comes from the bytes, not a file name: the store names images by hash only.
  const header = readImageHeader(bytes);
  if (!header) return textResponse(404, 'not found');
  // Named by content hash, so the bytes behind this URL never change: fetched once, never revalidated.
  return bytesResponse(bytes, header.mime, { 'Cache-Control': IMAGE_CACHE_CONTROL });
}

/** The handler behind `protocol.handle('app', ...)`, independent of Electron for testing. */
export function createAppRequestHandler(opts: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return textResponse(400, 'bad request');
      }
      if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST)
        return textResponse(404, 'not found');
      if (request.method !== 'GET' && request.method !== 'HEAD')
        return textResponse(405, 'method not allowed');

      const imageMatch = /^\/images\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (imageMatch) {
        let deploymentId: string;
        try {
          deploymentId = decodeURIComponent(imageMatch[1]!);
        } catch {
          return textResponse(404, 'not found');
        }
        return serveImage(opts, deploymentId, imageMatch[2]!);
      }
      if (url.pathname.startsWith('/images/')) return textResponse(404, 'not found');

      const filePath = resolveInside(opts.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
      if (filePath === null) return textResponse(404, 'not found');
      const bytes = await readIfFile(filePath);
      if (bytes === null) return textResponse(404, 'not found');
      return bytesResponse(bytes, mimeTypeFor(filePath));
    } catch (error) {
      opts.log?.(`app protocol: ${request.method} ${request.url} failed: ${(error as Error).message}`);
      return textResponse(500, 'internal error');
    }
  };
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, opts: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(opts));
}
