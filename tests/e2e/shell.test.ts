/**
 * Browser mode as a user and an attacker meet it: the printed URL opens the app (the
 * page keeps the token, no cookie is set), no face or socket is given without the token,
 * and the page is served under the CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Browser } from 'playwright-core';
import { launchBrowser, startStation, type StationProcess } from './harness';

let station: StationProcess;
let browser: Browser;
beforeAll(async () => {
  station = await startStation(['--rate', '0']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

describe('browser mode', () => {
  it('prints one ready line whose URL carries the token and binds loopback only', () => {
    expect(station.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('serves the app’s files to anyone, but no face and no session without the token', async () => {
    // The app's own files hold nothing secret; what the station knows goes only to a socket with the token.
    for (const path of ['/', '/index.html'])
      expect((await fetch(station.origin + path, { redirect: 'manual' })).status, path).toBe(200);
    const face = await fetch(`${station.origin}/images/x/${'a'.repeat(64)}?k=guess`, { redirect: 'manual' });
    expect(face.status).toBe(403);
    const closed = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://${new URL(station.origin).host}/bridge`, { origin: station.origin });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: 'not-the-token' })));
      ws.on('message', () => resolve(-1));
      ws.on('close', (code) => resolve(code));
    });
    expect(closed).toBe(4401);
    // A tab opened without the printed address is told what to do, and reaches nothing.
    const page = await browser.newPage();
    await page.goto(station.origin + '/');
    await expect
      .poll(() => page.getByRole('alert').first().textContent(), { timeout: 15_000 })
      .toContain('Open the address the station printed');
    await page.close();
  });

  it('refuses a socket from another origin even with the token', async () => {
    const token = new URL(station.url).searchParams.get('token')!;
    const refused = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://${new URL(station.origin).host}/bridge?token=${token}`, {
        origin: 'http://evil.example',
      });
      ws.on('open', () => resolve(false));
      ws.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('serves the app shell under a strict CSP; the page keeps the token, out of the address bar, and no cookie', async () => {
    const res = await fetch(station.url, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto(station.url);
    const csp = response!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+/);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toMatch(/connected/i);
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    // Taken out of the address bar and history by the page's script, kept in this tab only.
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    expect(await page.context().cookies()).toEqual([]);
    // Reloaded, the tab still holds its token (sessionStorage) and connects again.
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await page.getByText('TRAINING', { exact: false }).first().isVisible()).toBe(true);
    // An inline script injected into the page is refused by the policy.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.appendChild(s);
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(ran).toBe(false);
    await page.close();
  });
});
