import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler, registerAppScheme, resolveInside } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/transport/page-policy';

// A 1x1 PNG: signature, IHDR, IDAT, IEND.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082',
  'hex',
);
const SHA = 'ab'.repeat(32);

let root: string;
let rendererDir: string;
let imagePath: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rs-app-protocol-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}');
  // Outside the renderer folder: must never be reachable.
  await writeFile(join(root, 'secret.txt'), 'journal key');
  imagePath = join(root, 'images', SHA);
  await mkdir(join(root, 'images'));
  await writeFile(imagePath, PNG);
  await writeFile(join(root, 'images', 'not-an-image'), 'plain text');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function handler(
  readImage = vi.fn((_d: string, sha: string) => (sha === SHA ? readFileSync(imagePath) : null)),
) {
  return { handle: createAppRequestHandler({ rendererDir, readImage }), readImage };
}

const get = (handle: (r: Request) => Promise<Response>, url: string, method = 'GET') =>
  handle(new Request(url, { method }));

describe('registerAppScheme', () => {
  it('registers app as standard, secure and fetch-capable', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('app protocol handler', () => {
  it('serves the renderer with the right types and the CSP on every response', async () => {
    const { handle } = handler();
    const cases = [
      ['app://station/index.html', 'text/html; charset=utf-8', '<!doctype html><title>x</title>'],
      ['app://station/', 'text/html; charset=utf-8', '<!doctype html><title>x</title>'],
      ['app://station/assets/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
      ['app://station/assets/app.css', 'text/css; charset=utf-8', 'body{}'],
    ] as const;
    for (const [url, type, body] of cases) {
      const response = await get(handle, url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type'), url).toBe(type);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(body);
    }
  });

  it('answers unknown paths with 404, still with the CSP', async () => {
    const { handle } = handler();
    for (const url of ['app://station/nope.html', 'app://station/assets', 'app://station/assets/app.js/x']) {
      const response = await get(handle, url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('refuses path traversal in every spelling', async () => {
    const { handle } = handler();
    for (const url of [
      'app://station/../secret.txt',
      'app://station/%2e%2e/secret.txt',
      'app://station/assets/..%2f..%2fsecret.txt',
      'app://station/..%2fsecret.txt',
      'app://station/%2E%2E%2Fsecret.txt',
      'app://station/..%5csecret.txt',
      'app://station/assets/%2e%2e/%2e%2e/secret.txt',
      'app://station/%00index.html',
      'app://station/%E0%A4%A',
    ]) {
      const response = await get(handle, url);
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text(), url).not.toContain('journal key');
    }
  });

  it('resolveInside keeps paths inside the root', () => {
    expect(resolveInside('/srv/r', '/a/b.js')).toBe('/srv/r/a/b.js');
    expect(resolveInside('/srv/r', '/../x')).toBeNull();
    expect(resolveInside('/srv/r', '/a/%2e%2e/%2e%2e/x')).toBeNull();
    expect(resolveInside('/srv/r', '/')).toBeNull();
    expect(resolveInside('/srv/r', '/a\\..\\..\\x')).toBeNull();
  });

  it('serves images only through readImage, typed by their bytes, cached as immutable (named by hash)', async () => {
    const { handle, readImage } = handler();
    const response = await get(handle, `app://station/images/dep-1/${SHA}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, max-age=43200, immutable');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
    expect(readImage).toHaveBeenCalledExactlyOnceWith('dep-1', SHA);
  });

  it('404s an image the core does not know', async () => {
    const { handle, readImage } = handler();
    const response = await get(handle, `app://station/images/dep-1/${'cd'.repeat(32)}`);
    expect(response.status).toBe(404);
    expect(readImage).toHaveBeenCalledOnce();
  });

  it('never asks the core about malformed image paths', async () => {
    const { handle, readImage } = handler();
    for (const url of [
      `app://station/images/..%2f..%2fsecret/${SHA}`,
      `app://station/images/../${SHA}`,
      `app://station/images/dep-1/${SHA.toUpperCase()}`,
      `app://station/images/dep-1/${SHA}.png`,
      `app://station/images/dep-1/../../secret.txt`,
      `app://station/images/%2e%2e/${SHA}`,
      `app://station/images/dep-1`,
      `app://station/images/a/b/${SHA}`,
    ]) {
      const response = await get(handle, url);
      expect(response.status, url).toBe(404);
    }
    expect(readImage).not.toHaveBeenCalled();
  });

  it('does not serve bytes that are not an image even if the core gives them', async () => {
    const { handle } = handler(vi.fn(() => readFileSync(join(root, 'images', 'not-an-image'))));
    expect((await get(handle, `app://station/images/dep-1/${SHA}`)).status).toBe(404);
  });

  it('does not serve the images folder as renderer files', async () => {
    const { handle } = handler();
    expect((await get(handle, 'app://station/images/')).status).toBe(404);
  });

  it('refuses other hosts and methods', async () => {
    const { handle } = handler();
    expect((await get(handle, 'app://other/index.html')).status).toBe(404);
    expect((await get(handle, 'app://station/index.html', 'POST')).status).toBe(405);
  });
});
