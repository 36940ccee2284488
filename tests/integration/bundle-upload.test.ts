/**
 * Browser mode's bundle import (issue 10 item 11): the page uploads the file's bytes to
 * POST /bundles and the import names only the upload id. Only the station's own page
 * may upload (session cookie, same Origin, raw bytes); uploads are capped in size and
 * weighed against the free disk; the stored upload is what the import reads.
 */
import { bridgeClient, transportOnlyCore } from '../helpers/station';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BundleUploads } from '../../electron/core/replay/uploads';
import { startWebServer, type WebServer } from '../../electron/transport/web-server';

let dir: string;
let web: WebServer;
let uploads: BundleUploads;
let supervisor = true;
/** The page's connection key, from its bridge socket's welcome (no cookie carries the session). */
let key = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-upload-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>station</title>');
  uploads = new BundleUploads(join(dir, 'uploads'), { maxBytes: 64 * 1024, keepFreeBytes: 0 });
  web = await startWebServer({
    core: {
      ...transportOnlyCore(),
      onEvent: () => () => undefined,
      readImage: () => null,
      // As station-core wires it: a signed-in supervisor's only.
      receiveBundleUpload: async (_client, body, declared) =>
        supervisor
          ? uploads.receive(body, declared)
          : { ok: false, status: 403, error: 'only a signed-in supervisor can upload a bundle' },
    },
    rendererDir: dir,
  });
  key = (await bridgeClient(web.origin, web.token)).key;
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${web.origin}/bundles`, {
    method: 'POST',
    body,
    headers: {
      'x-station-key': key,
      origin: web.origin,
      'content-type': 'application/octet-stream',
      ...headers,
    },
  });

describe('POST /bundles', () => {
  it('stores the bytes under an upload id that names nothing else', async () => {
    const bytes = Buffer.from('a bundle, byte for byte');
    const res = await post(bytes);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; upload: string };
    expect(body.upload).toMatch(/^[0-9a-f]{32}$/);
    const path = await uploads.pathOf(body.upload);
    expect(path).toBe(join(dir, 'uploads', body.upload));
    expect((await readFile(path!)).equals(bytes)).toBe(true);
    expect(await uploads.pathOf('../../etc/passwd')).toBeNull();
    await uploads.discard(body.upload);
    expect(await uploads.pathOf(body.upload)).toBeNull();
  });

  it('takes uploads only from the station’s own page, with the session, as raw bytes', async () => {
    expect((await post('x', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('x', { 'x-station-key': '' })).status).toBe(403);
    expect((await post('x', { 'x-station-key': web.token })).status).toBe(403);
    expect((await post('x', { 'x-station-key': key.slice(1) })).status).toBe(403);
    expect((await post('x', { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    const viaQuery = await fetch(`${web.url.replace('/?', '/bundles?')}`, {
      method: 'POST',
      body: 'x',
      headers: { origin: web.origin, 'content-type': 'application/octet-stream' },
      redirect: 'manual',
    });
    expect(viaQuery.status).toBe(403);
    supervisor = false;
    expect((await post('x')).status).toBe(403);
    supervisor = true;
  });

  it('refuses an upload over the cap, declared or not, and keeps nothing of it', async () => {
    expect((await post(Buffer.alloc(65 * 1024))).status).toBe(413);
    // Chunked, no Content-Length: the cap is enforced while it streams.
    const chunks = Readable.from(Array.from({ length: 80 }, () => Buffer.alloc(1024)));
    const res = await fetch(`${web.origin}/bundles`, {
      method: 'POST',
      body: Readable.toWeb(chunks) as ReadableStream,
      duplex: 'half',
      headers: { 'x-station-key': key, origin: web.origin, 'content-type': 'application/octet-stream' },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await readdir(join(dir, 'uploads'))).toEqual([]);
    expect((await post(new Uint8Array(0))).status).toBe(400);
  });

  it('refuses an upload the free disk cannot take', async () => {
    const tight = new BundleUploads(
      join(dir, 'tight'),
      { maxBytes: 1024 ** 3, keepFreeBytes: 0 },
      async () => 100,
    );
    const result = await tight.receive(Readable.from([Buffer.alloc(200)]), null);
    expect(result).toEqual({
      ok: false,
      status: 507,
      error: 'there is not enough free disk space for that bundle',
    });
    expect(await tight.receive(Readable.from([Buffer.alloc(50)]), 500)).toMatchObject({ status: 507 });
    expect(await readdir(join(dir, 'tight'))).toEqual([]);
    // Refused at its first chunk, while the file may still be opening: nothing is left behind,
    // however the two fall. A CI run found a .partial file left; a loop like this one left
    // 2 in 10,000 before the fix, on a quiet machine, so this catches it only sometimes.
    for (let i = 0; i < 1000; i++) {
      expect(await tight.receive(Readable.from([Buffer.alloc(200)]), null)).toMatchObject({ status: 507 });
      expect(await readdir(join(dir, 'tight'))).toEqual([]);
    }
  });
});
