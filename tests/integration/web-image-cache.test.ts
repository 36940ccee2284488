/**
 * Browser mode serves alert images by content hash as immutable (fetched once, never
 * revalidated), and everything else as no-store.
 */
import { bridgeClient, transportOnlyCore } from '../helpers/station';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/transport/web-server';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);
const SHA = createHash('sha256').update(PNG).digest('hex');

let dir: string;
let web: WebServer;
/** The page's connection key (from its socket's welcome), which its face URLs carry. */
let key = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-web-cache-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>station</title>');
  await writeFile(join(dir, SHA), PNG);
  web = await startWebServer({
    core: {
      ...transportOnlyCore(),
      onEvent: () => () => undefined,
      readImage: (deploymentId, sha) =>
        deploymentId === 'dep-1' && sha === SHA ? readFileSync(join(dir, SHA)) : null,
    },
    rendererDir: dir,
  });
  key = (await bridgeClient(web.origin, web.token)).key;
});
afterAll(async () => {
  await web?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (path: string) => fetch(`${web.origin}${path}${path.startsWith('/images/') ? `?k=${key}` : ''}`);

it('serves an image under its hash as private and immutable, with its type from its bytes', async () => {
  const response = await get(`/images/dep-1/${SHA}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(response.headers.get('cache-control')).toBe('private, max-age=43200, immutable');
  expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
});

it('keeps the app itself and refusals out of caches', async () => {
  expect((await get('/index.html')).headers.get('cache-control')).toBe('no-store');
  const missing = await get(`/images/dep-1/${'cd'.repeat(32)}`);
  expect(missing.status).toBe(404);
  expect(missing.headers.get('cache-control')).toBe('no-store');
});

it('answers 404, uncached, for an image whose file is gone (purged under retention)', async () => {
  const gone = await get(`/images/dep-purged/${SHA}`);
  expect(gone.status).toBe(404);
  expect(gone.headers.get('cache-control')).toBe('no-store');
  expect(await gone.text()).toMatch(/purged under retention/);
});
