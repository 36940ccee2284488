/**
 * Browser mode's two file transfers over HTTP: a bundle uploaded for import (POST
 * /bundles) and a replay export downloaded (POST /exports). Both come from the station's
 * own page only (its Origin, and the key its bridge socket was given, in a header: never a
 * cookie) and act as that socket's client: the core refuses it unless it holds the
 * unlocked session, as it refuses the same request over the bridge.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname } from 'node:path';
import { parseRequest } from '../../shared/contract';
import { ANOTHER_SCREEN } from '../core/auth/access-control';
import type { ClientId } from '../core/station/session';
import type { StationCore } from '../core/station-core';

/** Where browser mode's page uploads a bundle for import (POST, raw bytes). */
export const BUNDLE_UPLOAD_PATH = '/bundles';
/** Where browser mode's page asks for a replay export as a download (POST, JSON: key, kind, includeImages). */
export const EXPORT_DOWNLOAD_PATH = '/exports';
const EXPORT_MIME: Record<string, string> = { '.csv': 'text/csv; charset=utf-8', '.pdf': 'application/pdf' };
/** The export request is a few names; anything longer is not one. */
const MAX_EXPORT_REQUEST_BYTES = 4096;

/** A refusal of who is asking (not of what was asked): answered 403. */
const refusedAccess = (error: string) =>
  error === ANOTHER_SCREEN || /^only a signed-in supervisor/.test(error);

/** The request's media type without parameters ("application/json; charset=utf-8" → "application/json"). */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim() ?? '';
}

interface TransferDeps {
  core: Pick<StationCore, 'request'> & Partial<Pick<StationCore, 'receiveBundleUpload'>>;
  origin: () => string;
  securityHeaders: (res: ServerResponse) => void;
  refuse: (res: ServerResponse, code: number, message: string) => void;
  serveFile: (res: ServerResponse, file: string, type: string) => Promise<void>;
  log: (line: string) => void;
}

export function webTransfers(deps: TransferDeps) {
  const { log, securityHeaders, refuse, serveFile } = deps;
  /**
   * Browser mode's bundle import: the page sends the file's bytes; the station keeps them
   * under an upload id and the import request names only that id. Same-origin only (a
   * cross-site form cannot post here: Origin must be ours, and the body must be raw bytes).
   */
  const receiveBundle = (req: IncomingMessage, res: ServerResponse, client: ClientId | null) => {
    const answer = (status: number, body: object) => {
      securityHeaders(res);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
      res.end(JSON.stringify(body));
      // Whatever of the body is left unread is not wanted.
      if (!req.complete) req.resume();
    };
    if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
    if (!client || req.headers.origin !== deps.origin())
      return answer(403, { ok: false, error: 'uploads come from the station’s own page only' });
    if (mediaType(req) !== 'application/octet-stream')
      return answer(415, { ok: false, error: 'send the bundle as application/octet-stream' });
    const receive = deps.core.receiveBundleUpload;
    if (!receive) return answer(404, { ok: false, error: 'this station takes no uploads' });
    const length = req.headers['content-length'];
    const declared = length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : null;
    receive(client, req, declared).then(
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
  const sendExport = (req: IncomingMessage, res: ServerResponse, client: ClientId | null) => {
    const answer = (status: number, error: string) => {
      securityHeaders(res);
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
      res.end(JSON.stringify({ ok: false, error }));
      if (!req.complete) req.resume();
    };
    if (req.method !== 'POST') return refuse(res, 405, 'method not allowed');
    if (!client || req.headers.origin !== deps.origin())
      return answer(403, 'exports are asked for from the station’s own page only');
    if (mediaType(req) !== 'application/json')
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
      deps.core
        .request(client, 'exportReplay', parsed.payload)
        .then(async (result) => {
          if (!result.ok) return answer(refusedAccess(result.error) ? 403 : 422, result.error);
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

  return { receiveBundle, sendExport };
}
