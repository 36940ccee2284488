/**
 * Browser mode as a user and an attacker meet it: the printed URL opens the app,
 * anything without the session token is refused, and the page is served under the CSP.
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

  it('refuses a page, an asset, an image or a socket without the token', async () => {
    for (const path of ['/', '/index.html', '/images/x/' + 'a'.repeat(64)]) {
      const res = await fetch(station.origin + path, { redirect: 'manual' });
      expect(res.status, path).toBe(403);
    }
    const wrong = await fetch(`${station.origin}/?token=not-the-token`, { redirect: 'manual' });
    expect(wrong.status).toBe(403);
    const socketRefused = await new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://${new URL(station.origin).host}/bridge`, { origin: station.origin });
      ws.on('open', () => resolve(false));
      ws.on('error', () => resolve(true));
    });
    expect(socketRefused).toBe(true);
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

  it('serves the app shell under a strict CSP and trades the URL token for a cookie', async () => {
    const res = await fetch(station.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
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
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 15_000 })
      .toMatch(/connected/i);
    expect(await page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
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
