/**
 * Issue 20 item 1 end to end: an officer hands over and the next officer signs in at
 * once, in Chromium against the real browser-mode station, on a real feed with station
 * accounts and on the built-in training feed. Then a second tab (a second connection with
 * the page's token) is shown no alert and cannot act as the signed-in officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { launchBrowser, openDesktopPage, signIn, startStation, type StationProcess } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function handOverAndNext(page: Page, next: { id: string; name: string }) {
  await page.getByRole('button', { name: 'Hand over' }).click();
  const dialog = page.getByRole('dialog', { name: 'Hand over' });
  await dialog.getByRole('textbox', { name: 'Note for the next officer' }).fill('Camera 2 is dark.');
  await dialog.getByRole('button', { name: 'Hand over and sign out' }).click();
  await page.getByLabel('Officer ID').waitFor({ timeout: 15_000 });
  await signIn(page, next.id, next.name);
  // Signed in at once: no "… is signed in; sign out first".
  await page.getByRole('button', { name: 'Hand over' }).waitFor({ timeout: 15_000 });
  expect(await page.locator('body').textContent()).not.toContain('sign out first');
  expect(await page.locator('header.statusbar').textContent()).toContain(next.name);
}

describe('hand over, and the next officer signs in at once', () => {
  it('with station accounts on a real feed', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: 'e2e-handover', scenes: false, seed: 3 });
    const station: StationProcess = await startStation(['--feed', server.url, '--token', 'e2e-handover']);
    try {
      const page = await openDesktopPage(browser, station.url);
      await signIn(page, 'PC 4521');
      await page.getByRole('button', { name: 'Hand over' }).waitFor({ timeout: 30_000 });
      await handOverAndNext(page, { id: 'PS 310', name: 'Morgan Hale' });
    } finally {
      await station.stop();
      await server.close();
    }
  });

  it('on the built-in training feed; a second tab sees no alert and cannot act', async () => {
    const station = await startStation(['--rate', '60']);
    try {
      const page = await openDesktopPage(browser, station.url);
      await signIn(page, 'PC 11', 'Kai Brook');
      await page.getByRole('img', { name: 'Probe image' }).waitFor({ timeout: 60_000 });
      await handOverAndNext(page, { id: 'PC 12', name: 'Noor Patel' });

      const second = await openDesktopPage(browser, station.url);
      // Another connection: the lock screen with counts only, no face; it cannot unlock a live session.
      const locked = second.getByRole('dialog', { name: 'Station locked' });
      await locked.waitFor({ timeout: 30_000 });
      expect(await locked.getByRole('status').textContent()).toMatch(/waiting|No alerts waiting/);
      expect(await second.getByRole('img', { name: 'Probe image' }).count()).toBe(0);
      await locked.getByRole('button', { name: 'Unlock (training)' }).click();
      expect(await locked.getByRole('alert').textContent()).toContain('another screen holds');
      // The first page still works as the signed-in officer.
      expect(await page.getByRole('dialog', { name: 'Station locked' }).count()).toBe(0);
    } finally {
      await station.stop();
    }
  });
});
