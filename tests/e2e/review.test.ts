/**
 * The officer's path end to end: a real Socket.IO feed server, the real station core
 * in browser mode, Debian's Chromium. Both images decode, the form holds the officer
 * until it is complete, the decision reaches the server with its evidence, the
 * journal verifies, and axe finds no serious or critical problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { journalFile, readJournal, waitFor } from '../integration/util';
import { launchBrowser, signIn, startStation, type StationProcess, seriousAxeViolations } from './harness';

const TOKEN = 'e2e-token';
let server: TrainingFeedServer;
let station: StationProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 21 });
  station = await startStation(['--feed', server.url, '--token', TOKEN]);
  browser = await launchBrowser();
  // bypassCSP only so the axe script can be injected; the CSP itself is tested in shell.test.ts.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  await page.goto(station.url);
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await server?.close();
});

async function axeCheck(label: string) {
  const serious = await seriousAxeViolations(page);
  expect(serious, `${label}: ${JSON.stringify(serious)}`).toEqual([]);
}

describe('live review', () => {
  it('sign-in passes axe', async () => {
    await page.getByLabel('Officer ID').waitFor();
    await axeCheck('sign-in');
  });

  it('shows both images decoded, holds the decision until complete, records it, and the server and journal agree', async () => {
    await signIn(page, 'PC 2211', 'Dana Wells');
    const record = server.emitAlert();
    const probe = page.getByRole('img', { name: 'Probe image' });
    const reference = page.getByRole('img', { name: 'Watchlist image' });
    await probe.waitFor();
    await expect
      .poll(() => probe.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBeGreaterThan(0);
    await expect
      .poll(() => reference.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBeGreaterThan(0);
    const alert = await record;
    expect(alert.ack).toBe('stored');

    const button = page.getByRole('button', { name: 'Record decision' });
    expect(await button.isDisabled()).toBe(true);
    await page.getByRole('radio', { name: 'No engage' }).check();
    const reasons = page.getByRole('group', { name: 'Reasons' });
    await reasons.getByRole('checkbox', { name: 'Facial features differ' }).check();
    await page.waitForTimeout(2200); // the minimum dwell passes
    expect(await button.isDisabled()).toBe(true); // still no rationale
    await page.getByRole('textbox', { name: 'Rationale' }).fill('Too short');
    expect(await button.isDisabled()).toBe(true);
    await axeCheck('decision form');
    await page
      .getByRole('textbox', { name: 'Rationale' })
      .fill('Nose shape and ear position differ from the reference.');
    await expect.poll(() => button.isEnabled()).toBe(true);
    await axeCheck('live review');
    await button.click();

    const key = `${alert.payload.alertId}#1`;
    const sent = await waitFor(() => server.decisions.get(key), 'decision at server');
    expect(sent.rationale).toBe('Nose shape and ear position differ from the reference.');
    expect(sent.reasons).toEqual(['subject-features-differ']);
    expect(sent.operator).toEqual({ id: 'PC 2211', name: 'Dana Wells' });
    expect(sent.evidence.probeSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sent.evidence.subjectSha256).toMatch(/^[0-9a-f]{64}$/);
    await expect
      .poll(() => page.getByRole('list', { name: 'Alert queue' }).getByRole('listitem').count())
      .toBe(0);

    const file = journalFile(station.dataDir, server.deployment.deploymentId);
    await waitFor(
      () => readJournal(file).some((e) => e.type === 'decision-recorded'),
      'server answer journalled',
    );
    const entries = readJournal(file);
    const shown = entries.find((e) => e.type === 'alert-shown')!;
    expect(shown.actor).toEqual({ id: 'PC 2211', name: 'Dana Wells' });
    const decision = entries.find((e) => e.type === 'decision')!;
    expect(sent.journal).toEqual({ seq: decision.seq, hash: decision.hash });
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('decides with the keyboard alone, and an alert arriving meanwhile does not displace the open one', async () => {
    const first = await server.emitAlert({ subject: { tier: 'green' } });
    const probe = page.getByRole('img', { name: 'Probe image' });
    await expect
      .poll(() => probe.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBeGreaterThan(0);
    const openProbe = await probe.getAttribute('src');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    expect(await page.getByRole('radio', { name: 'Engage', exact: true }).isChecked()).toBe(true);
    // A red alert arrives; the green one stays open.
    const second = await server.emitAlert({ subject: { tier: 'red' } });
    expect(second.ack).toBe('stored');
    await expect
      .poll(() => page.getByRole('list', { name: 'Alert queue' }).getByRole('listitem').count())
      .toBe(2);
    expect(await probe.getAttribute('src')).toBe(openProbe);

    await page.getByRole('checkbox', { name: 'Strong facial likeness' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('r');
    await page.keyboard.type('Same scar above left eyebrow; hairline matches.');
    await page.waitForTimeout(2100);
    await page.keyboard.press('Control+Enter');
    await waitFor(() => server.decisions.get(`${first.payload.alertId}#1`), 'keyboard decision at server');
    expect(server.decisions.get(`${first.payload.alertId}#1`)!.decision).toBe('engage');

    // The red alert opens, and focus with it; deciding it, the last one, leaves focus on
    // "No alert open", not on the page body (where the next Tab would start from the top).
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('alert-heading');
    await expect.poll(focusedText).toMatch(/Red: act now/);
    await expect
      .poll(() => probe.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBeGreaterThan(0);
    await page.keyboard.press('n');
    await page.getByRole('checkbox', { name: 'Facial features differ' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await page.keyboard.press('r');
    await page.keyboard.type('Jawline and eye spacing differ clearly from the reference.');
    await page.waitForTimeout(2100);
    await page.keyboard.press('Control+Enter');
    await waitFor(() => server.decisions.get(`${second.payload.alertId}#1`), 'second keyboard decision');
    await expect.poll(focusedText).toBe('No alert open');
  });
});
