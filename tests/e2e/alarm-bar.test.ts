/**
 * A standing alarm in the deployment bar at 1280x720, in real Chromium against the real
 * station (browser mode, built-in training feed): a journal edited while the station was
 * stopped raises the tampered-journal alarm at the next start, and the bar shows its sign
 * and its whole title (it was cut to "⚠ J…" beside the deployment's title and facts), its
 * whole text in the tooltip, while everything the officer must see stays in view. A copy
 * of the journal under another deployment's name is set aside at the same start: a second
 * alarm beside the first. A supervisor sees both with a small "Resolve…" button each (the
 * note is in the dialog it opens), and the review screen still fits with room to spare (a
 * note field per alarm in the bar pushed Record decision below the window).
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { readEntries, writeEntries } from '../helpers/forgery';
import { launchBrowser, signIn, startStation, unlockOnNewPage, type StationProcess } from './harness';
import { clippedText, expectAllInView, facesDecoded, measure } from './layout';

let station: StationProcess | undefined;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

async function signedInPage(s: StationProcess) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(s.url);
  await unlockOnNewPage(page, 'PC 300');
  if ((await page.getByLabel('Officer ID').count()) > 0) await signIn(page, 'PC 300', 'Robin Hale');
  return { ctx, page };
}

/**
 * A supervisor at the station (training feed: the role is chosen at sign-in): whoever
 * held the session signs out first.
 */
async function supervisorPage(s: StationProcess) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.goto(s.url);
  await unlockOnNewPage(page, 'PC 300');
  const form = page.getByLabel('Officer ID');
  if ((await form.count()) === 0) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await form.waitFor({ timeout: 30_000 });
  }
  await form.fill('INSP 9');
  await page.getByLabel('Officer name').fill('Morgan Lee');
  await page.getByRole('radio', { name: 'Supervisor', exact: true }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  return { ctx, page };
}

/**
 * A station whose journal was edited while it was stopped: at its next start it raises the
 * tampered-journal alarm (and sets the journal aside: a second alarm). Made once for the file.
 */
async function tamperedStation(): Promise<StationProcess> {
  if (tampered) return tampered;
  station = await startStation(['--rate', '60']);
  const first = await signedInPage(station);
  await first.page.locator('.queue-item').first().waitFor({ timeout: 60_000 });
  await first.ctx.close();
  const dataDir = station.dataDir;
  await station.stop();

  const root = join(dataDir, 'training', 'deployments');
  const [deployment] = readdirSync(root);
  const file = join(root, deployment!, 'journal.jsonl');
  // A copy of that journal under another deployment's name: it is set aside at the start
  // (the journal-set-aside alarm), beside the tampered one: two alarms at once.
  mkdirSync(join(root, 'TRN-ELSEWHERE'));
  copyFileSync(file, join(root, 'TRN-ELSEWHERE', 'journal.jsonl'));
  // Someone edits an alert's entry in place while the station is stopped.
  const entries = await readEntries(file);
  const edited = entries.findIndex((e) => e.type === 'alert-received');
  expect(edited).toBeGreaterThanOrEqual(0);
  entries[edited] = { ...entries[edited]!, at: '2020-01-01T00:00:00.000Z' };
  await writeEntries(file, entries);

  station = await startStation(['--rate', '60'], dataDir);
  tampered = station;
  return station;
}
let tampered: StationProcess | undefined;

describe('a standing alarm in the deployment bar', () => {
  it('shows the tampered-journal alarm whole at 1280x720', { timeout: 180_000 }, async () => {
    const { ctx, page } = await signedInPage(await tamperedStation());
    const chip = page.locator('.deployment-panel .safeguard.severity-serious');
    await chip.nth(1).waitFor({ timeout: 60_000 });
    await facesDecoded(page);

    const seen = await page.evaluate<{
      title: string;
      tooltip: string | null;
      titleCut: boolean;
      inChip: boolean;
      inView: boolean;
    }>(`(() => {
      const chip = [...document.querySelectorAll('.deployment-panel .safeguard.severity-serious')].find(
        (c) => c.querySelector('strong').textContent === 'Journal tampered');
      const title = chip.querySelector('strong');
      const icon = chip.querySelector('.safeguard-icon').getBoundingClientRect();
      const t = title.getBoundingClientRect();
      const c = chip.getBoundingClientRect();
      return {
        title: title.textContent,
        tooltip: chip.getAttribute('title'),
        titleCut: title.scrollWidth > title.clientWidth + 1,
        inChip: icon.left >= c.left - 0.5 && t.right <= c.right + 0.5,
        inView: c.left >= 0 && c.right <= innerWidth + 0.5 && c.bottom <= innerHeight,
      };
    })()`);
    expect(seen.title).toBe('Journal tampered');
    expect(seen.titleCut).toBe(false);
    expect(seen.inChip).toBe(true);
    expect(seen.inView).toBe(true);
    expect(seen.tooltip).toMatch(/^Journal tampered The journal of deployment /);
    // The rest of the screen still fits, and nothing outside the bar's give-way parts is cut.
    expectAllInView(await measure(page), 'tampered journal at 1280x720');
    expect(await clippedText(page)).toEqual([]);
    await ctx.close();
  });
  it(
    'a supervisor with both alarms and their ways to resolve them still sees the whole review screen',
    { timeout: 180_000 },
    async () => {
      const { ctx, page } = await supervisorPage(await tamperedStation());
      const chips = page.locator('.deployment-panel .safeguard.severity-serious');
      await chips.nth(1).waitFor({ timeout: 60_000 });
      await facesDecoded(page);
      // Each alarm has the supervisor's way to resolve it.
      await page
        .getByRole('button', { name: /^Resolve/ })
        .nth(1)
        .waitFor({ timeout: 30_000 });

      const seen = await page.evaluate<{ title: string; cut: boolean; inView: boolean }[]>(`(() =>
        [...document.querySelectorAll('.deployment-panel .safeguard.severity-serious')].map((chip) => {
          const title = chip.querySelector('strong');
          const t = title.getBoundingClientRect();
          const c = chip.getBoundingClientRect();
          return {
            title: title.textContent,
            cut: title.scrollWidth > title.clientWidth + 1 || t.right > c.right + 0.5,
            inView: c.left >= 0 && c.right <= innerWidth + 0.5 && c.bottom <= innerHeight,
          };
        }))()`);
      expect(seen.map((c) => c.title).sort()).toEqual(['Journal set aside', 'Journal tampered']);
      for (const chip of seen) expect(chip, chip.title).toMatchObject({ cut: false, inView: true });

      const m = await measure(page);
      console.log(
        `supervisor, two alarms: Record decision's bottom ${m.record?.bottom} of ${m.viewport.height}`,
      );
      expectAllInView(m, 'supervisor, two alarms, at 1280x720');
      // Not at the edge: Record decision clear of the window's foot.
      expect(m.viewport.height - m.record.bottom).toBeGreaterThanOrEqual(20);
      expect(await clippedText(page)).toEqual([]);

      // By keyboard: the button opens the dialog, focus is on its note, Escape brings it back.
      const open = page.getByRole('button', { name: 'Resolve… Journal tampered', exact: true });
      await open.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Journal tampered' });
      await dialog.waitFor();
      expect(await dialog.getByLabel('Note').evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await dialog.getByRole('button', { name: 'Resolve tampered journal' }).isVisible()).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
      await ctx.close();
    },
  );
});
