/**
 * A standing alarm in the deployment bar at 1280x720, in real Chromium against the real
 * station (browser mode, built-in training feed): a journal edited while the station was
 * stopped raises the tampered-journal alarm at the next start, and the bar shows its sign
 * and its whole title (it was cut to "⚠ J…" beside the deployment's title and facts), its
 * whole text in the tooltip, while everything the officer must see stays in view.
 */
import { readdirSync } from 'node:fs';
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

describe('a standing alarm in the deployment bar', () => {
  it('shows the tampered-journal alarm whole at 1280x720', { timeout: 180_000 }, async () => {
    station = await startStation(['--rate', '60']);
    const first = await signedInPage(station);
    await first.page.locator('.queue-item').first().waitFor({ timeout: 60_000 });
    await first.ctx.close();
    const dataDir = station.dataDir;
    await station.stop();

    // Someone edits an alert's entry in place while the station is stopped.
    const root = join(dataDir, 'training', 'deployments');
    const [deployment] = readdirSync(root);
    const file = join(root, deployment!, 'journal.jsonl');
    const entries = await readEntries(file);
    const edited = entries.findIndex((e) => e.type === 'alert-received');
    expect(edited).toBeGreaterThanOrEqual(0);
    entries[edited] = { ...entries[edited]!, at: '2020-01-01T00:00:00.000Z' };
    await writeEntries(file, entries);

    station = await startStation(['--rate', '60'], dataDir);
    const { ctx, page } = await signedInPage(station);
    const chip = page.locator('.deployment-panel .safeguard.severity-serious');
    await chip.first().waitFor({ timeout: 60_000 });
    await facesDecoded(page);

    const seen = await page.evaluate<{
      title: string;
      tooltip: string | null;
      titleCut: boolean;
      inChip: boolean;
      inView: boolean;
    }>(`(() => {
      const chip = document.querySelector('.deployment-panel .safeguard.severity-serious');
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
});
