/**
 * The desktop app's single sign-on (RFC 8252): the system browser is opened on the
 * provider's page and the provider redirects to a one-shot loopback server in the
 * core. Here the "system browser" is fetch driving the real provider's pages.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityGate, type SsoFinished } from '../../electron/core/auth/identity-gate';
import { startLoopbackRedirect } from '../../electron/core/auth/loopback';
import { systemBrowserTransport } from '../../electron/main/sso-system-browser';
import { signInAt, startTestProvider, type TestProvider } from './oidc-provider';

let idp: TestProvider;
beforeAll(async () => {
  idp = await startTestProvider();
});
afterAll(async () => idp?.close());

async function gateFor(login: string) {
  const gate = new IdentityGate({
    dataDir: await mkdtemp(join(tmpdir(), 'gate-')),
    training: false,
    sso: { issuer: idp.issuer, clientId: idp.clientId },
  });
  const pages: { status: number; text: string }[] = [];
  const opened: string[] = [];
  // The person's browser: log in at the provider, follow the redirect to the loopback server.
  gate.setSsoTransport(
    systemBrowserTransport({
      async openExternal(url) {
        opened.push(url);
        const redirect = new URL(url).searchParams.get('redirect_uri')!;
        void signInAt(url, login, new URL(redirect).origin).then(async (callback) => {
          const res = await fetch(callback);
          pages.push({ status: res.status, text: await res.text() });
        });
      },
    }),
  );
  const finished = new Promise<SsoFinished>((resolve) => gate.onSsoFinished(resolve));
  return { gate, finished, pages, opened };
}

describe('single sign-on through the system browser and a loopback redirect', () => {
  it('opens the provider in the system browser and takes the redirect on 127.0.0.1', async () => {
    const { gate, finished, pages, opened } = await gateFor('sgt.reyes');
    const started = await gate.startSso('sign-in');
    expect(started).toEqual({ ok: true, redirect: null });
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!).searchParams.get('redirect_uri')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/callback$/,
    );
    const done = await finished;
    expect(done).toMatchObject({
      purpose: 'sign-in',
      result: {
        ok: true,
        identity: { id: 'sgt.reyes', role: 'supervisor', method: 'oidc', issuer: idp.issuer },
      },
    });
    await expect.poll(() => pages.length).toBe(1);
    expect(pages[0]).toMatchObject({ status: 200, text: expect.stringContaining('Signed in as Dana Reyes') });
  });

  it('tells the browser tab when the provider gave no Review Station role', async () => {
    const { gate, finished, pages } = await gateFor('visitor');
    await gate.startSso('second-officer');
    expect(await finished).toMatchObject({ purpose: 'second-officer', result: { ok: false } });
    await expect.poll(() => pages.length).toBe(1);
    expect(pages[0]!.status).toBe(403);
    expect(pages[0]!.text).toContain('no Review Station role');
  });

  it('refuses to hand anything but a web page to the system browser', async () => {
    const transport = systemBrowserTransport({ openExternal: () => Promise.resolve() });
    if (transport.kind !== 'system-browser') throw new Error('wrong transport');
    await expect(transport.openExternal('file:///etc/passwd')).rejects.toThrow(/refusing/);
    await expect(transport.openExternal('http://idp.example/auth')).rejects.toThrow(/refusing/);
    await expect(transport.openExternal('https://idp.example/auth')).resolves.toBeUndefined();
  });

  it('the loopback server answers only its one callback', async () => {
    const loop = await startLoopbackRedirect();
    const origin = new URL(loop.redirectUri).origin;
    expect((await fetch(`${origin}/other`)).status).toBe(404);
    const answered = fetch(`${loop.redirectUri}?code=abc&state=xyz`);
    const callback = await loop.callback;
    expect(callback.searchParams.get('code')).toBe('abc');
    loop.finish({ ok: false, message: 'Refused <b>here</b>.' });
    const res = await answered;
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Refused &lt;b&gt;here&lt;/b&gt;.');
    await expect(fetch(loop.redirectUri)).rejects.toThrow();
  });
});
