/**
 * Single sign-on end to end in Chromium against a real OpenID provider (oidc-provider
 * on loopback): "Sign in with <provider>" goes to the provider in the same tab, the
 * person logs in there, and comes back signed in with the role from the provider's
 * claim. Someone without a Review Station role is refused. The journal records the
 * method, issuer, subject and a hash of the ID token, never the token.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { journalFile, readJournal } from '../integration/util';
import { startTestProvider, type TestProvider } from '../integration/oidc-provider';
import { launchBrowser, openDesktopPage, startStation, type StationProcess } from './harness';

const TOKEN = 'e2e-token';
let idp: TestProvider;
let server: TrainingFeedServer;
let station: StationProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  idp = await startTestProvider();
  server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 9 });
  station = await startStation([
    '--feed',
    server.url,
    '--token',
    TOKEN,
    '--idp',
    idp.issuer,
    '--client-id',
    idp.clientId,
  ]);
  browser = await launchBrowser();
  page = await openDesktopPage(browser, station.url);
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await server?.close();
  await idp?.close();
});

const entries = () => readJournal(journalFile(station.dataDir, server.deployment.deploymentId));
const provider = () => new URL(idp.issuer).host;

/** Click "Sign in with <provider>", log in on the provider's own page, and come back. */
async function signInAtProvider(login: string) {
  const button = page.getByRole('button', { name: `Sign in with ${provider()}` });
  await button.waitFor({ timeout: 10_000 }).catch(async () => {
    throw new Error(
      `no single sign-on button; the page says: ${(await page.locator('body').innerText()).slice(0, 800)}`,
    );
  });
  await button.click();
  await page.waitForURL((url) => url.origin === idp.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('at the provider');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks for consent the first time; afterwards it may not.
  const back = (url: URL) => url.origin === station.origin && url.pathname === '/';
  await Promise.race([
    page
      .getByRole('button', { name: 'Continue' })
      .click({ timeout: 10_000 })
      .catch(() => undefined),
    page.waitForURL(back),
  ]);
  await page.waitForURL(back);
}

describe('single sign-on with a real OpenID provider', () => {
  it('signs a supervisor in through the provider, with the role from its claim', async () => {
    await signInAtProvider('sgt.reyes');
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.getByText('Dana Reyes').first().waitFor();
    const signedIn = entries().filter((e) => e.type === 'operator-signed-in');
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]!.actor).toEqual({ id: 'sgt.reyes', name: 'Dana Reyes' });
    expect(signedIn[0]!.data).toMatchObject({
      role: 'supervisor',
      method: 'oidc',
      issuer: idp.issuer,
      subject: 'sgt.reyes',
      idTokenSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // No token of any kind in the journal: the only long base64url runs are the station's own key and signatures.
    const journalText = readFileSync(journalFile(station.dataDir, server.deployment.deploymentId), 'utf8');
    expect(journalText).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    expect(station.stderr()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });

  it('signs an officer in as an officer: no supervisor controls', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAtProvider('pc.okafor');
    await page.getByText('Sam Okafor').first().waitFor();
    expect(await page.getByRole('navigation', { name: 'Sections' }).count()).toBe(0);
    expect(
      entries()
        .filter((e) => e.type === 'operator-signed-in')
        .at(-1)!.data,
    ).toMatchObject({
      role: 'officer',
      method: 'oidc',
    });
  });

  it('refuses a person the provider gives no Review Station role, and says why', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInAtProvider('visitor');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('no Review Station role');
    expect(entries().filter((e) => e.type === 'operator-signed-in')).toHaveLength(2);
  });
});
