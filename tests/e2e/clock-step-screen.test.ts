/**
 * Issue 21 item 6 in Chromium: the look time before "Record decision" is measured on the
 * page's monotonic clock. The station's wall clock (the core's injected `now`) and the
 * browser's (Date, overridden by an init script) are stepped back an hour while an alert
 * is open: "Record decision" still comes free after the look time, not an hour later. The
 * browser's clock stepped forward 40 days does not skip the look time. The station's wall
 * clock stepped forward 40 days locks nothing and prompts no break (the core's idle lock and
 * welfare check run on its monotonic clock), and the look time still runs. (The core's own
 * look-time check is monotonic already: tests/integration/clock-step.test.ts.)
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { startWebServer, type WebServer } from '../../electron/transport/web-server';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { startTestCore, writeStationSettings } from '../helpers/station';
import { tempDir } from '../integration/util';
import { launchBrowser } from './harness';

const TOKEN = 'e2e-token';
const OFFICER = { id: 'PC 4521', name: 'Alex Morgan', role: 'officer' as const };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Long enough to fill the form in, short enough to wait out. */
const DWELL_MS = 6000;
let server: TrainingFeedServer;
let core: Awaited<ReturnType<typeof startTestCore>>;
let web: WebServer;
let browser: Browser;
let page: Page;
/** How far the station's wall clock has been stepped. */
let stationStep = 0;

beforeAll(async () => {
  server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 21 });
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER]);
  writeStationSettings(dataDir, { dwellMs: DWELL_MS });
  core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    now: () => Date.now() + stationStep,
  });
  web = await startWebServer({ core, rendererDir: resolve('dist/renderer') });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  // The browser's wall clock, steppable; performance.now is left alone (it never steps).
  await context.addInitScript(() => {
    const Real = Date;
    let step = 0;
    (window as unknown as { stepClock: (ms: number) => void }).stepClock = (ms) => (step += ms);
    class Stepped extends Real {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(Real.now() + step);
        else super(...(args as [string]));
      }
      static override now() {
        return Real.now() + step;
      }
    }
    window.Date = Stepped as DateConstructor;
  });
  page = await context.newPage();
  await page.goto(web.url);
  await page.getByLabel('Officer ID').fill(OFFICER.id);
  await page.getByLabel('Password', { exact: true }).fill(passwordFor(OFFICER.id));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText(OFFICER.name).first().waitFor();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await web?.close();
  await core?.close();
  await server?.close();
});

/** An alert arrives and opens; resolves once both faces are on screen. */
async function openAlert() {
  void server.emitAlert({ subject: { tier: 'green' } });
  const probe = page.getByRole('img', { name: 'Probe image' });
  await expect
    .poll(() => probe.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 15_000 })
    .toBeGreaterThan(0);
}

async function fillNoEngage() {
  await page.getByRole('radio', { name: 'No engage' }).check();
  await page
    .getByRole('group', { name: 'Reasons' })
    .getByRole('checkbox', { name: 'Facial features differ' })
    .check();
  await page.getByRole('textbox', { name: 'Rationale' }).fill('Nose shape and ear position differ.');
}

const record = () => page.getByRole('button', { name: 'Record decision' });
/**
 * Records the open decision and waits until the feed has it: the "Decision saved" line of an
 * earlier test proves nothing, and an alert left open would be the next test's alert.
 */
async function recordDecision() {
  const before = server.decisions.size;
  await record().click();
  await page.getByText('Decision saved', { exact: false }).first().waitFor({ timeout: 10_000 });
  await expect.poll(() => server.decisions.size, { timeout: 15_000 }).toBe(before + 1);
}
/** The look-time countdown's seconds, or null when it is not shown. */
const secondsLeft = async () => {
  const text = (await page.locator('body').innerText()).match(/Look at the images for (\d+) s more/);
  return text ? Number(text[1]) : null;
};

describe('the look time on screen with the clocks stepped', () => {
  it('comes free after the look time when the station and browser clocks step back an hour', async () => {
    await openAlert();
    stationStep -= HOUR;
    await page.evaluate(
      (ms) => (window as unknown as { stepClock: (ms: number) => void }).stepClock(ms),
      -HOUR,
    );
    await fillNoEngage();
    // Never an hour's wait: at most the look time is left, and it runs out.
    await expect.poll(secondsLeft, { timeout: 5000 }).not.toBeNull();
    expect(await secondsLeft()).toBeLessThanOrEqual(DWELL_MS / 1000);
    await expect.poll(() => record().isEnabled(), { timeout: DWELL_MS + 15_000 }).toBe(true);
    await recordDecision();
  });

  it('locks nothing, prompts no break and keeps the look time when the station clock steps forward 40 days', async () => {
    await openAlert();
    // The station's wall clock (the core's `now`) jumps 40 days; its monotonic clock does not.
    stationStep += 40 * DAY;
    await fillNoEngage();
    // The look time is still to run, not skipped.
    expect(await record().isEnabled()).toBe(false);
    await expect.poll(secondsLeft, { timeout: 5000 }).not.toBeNull();
    expect(await secondsLeft()).toBeLessThanOrEqual(DWELL_MS / 1000);
    // Several ticks of the core's clock (the idle lock and the welfare check run every second).
    await page.waitForTimeout(2500);
    expect(await page.getByText('Station locked').count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Time for a break' }).count()).toBe(0);
    await expect.poll(() => record().isEnabled(), { timeout: DWELL_MS + 15_000 }).toBe(true);
    await recordDecision();
    expect(await page.getByText('Station locked').count()).toBe(0);
    expect(await page.getByRole('dialog', { name: 'Time for a break' }).count()).toBe(0);
  });

  it('does not skip the look time when the browser clock steps forward 40 days', async () => {
    await openAlert();
    await page.evaluate(
      (ms) => (window as unknown as { stepClock: (ms: number) => void }).stepClock(ms),
      40 * 24 * HOUR,
    );
    await fillNoEngage();
    expect(await record().isEnabled()).toBe(false);
    expect(await secondsLeft()).not.toBeNull();
    await expect.poll(() => record().isEnabled(), { timeout: DWELL_MS + 15_000 }).toBe(true);
    await recordDecision();
  });

  it('does not skip the look time when the browser clock stepped forward 40 days before the alert came', async () => {
    // The page first measures an alert's look time against the station's time on screen;
    // that time moves on the page's monotonic clock, so this step cannot be counted as looking.
    await page.evaluate(
      (ms) => (window as unknown as { stepClock: (ms: number) => void }).stepClock(ms),
      40 * 24 * HOUR,
    );
    await openAlert();
    await fillNoEngage();
    expect(await record().isEnabled()).toBe(false);
    expect(await secondsLeft()).not.toBeNull();
    await expect.poll(() => record().isEnabled(), { timeout: DWELL_MS + 15_000 }).toBe(true);
  });
});
