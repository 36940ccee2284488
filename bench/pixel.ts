/**
 * Alert-to-pixel and decision commit, in Debian's Chromium against the real station
 * (browser mode, child process) and a real Socket.IO feed server.
 * - alert-to-pixel (single): server emit → both images decoded and a frame painted
 *   with them, one alert at a time (the officer's queue is empty each time);
 * - alert-to-pixel (burst): 50 alerts at once → each one counted in the queue on screen (rows are virtualised);
 * - decision commit: "Record decision" clicked → the alert gone from the queue (main
 *   has journalled and fsync'd the decision and pushed the new state);
 * - the floor: a bare page painting the same single alerts from blob URLs (bench/floors/page.ts).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TrainingFeedServer } from '../electron/simulator/feed-server';
import { launchBrowser, signIn, startStation } from '../tests/e2e/harness';
import { prepareAlerts, probeHash } from './intake';
import { benchBarePage } from './floors/page';
import { paintedWith } from './pixel-probe';
import { percentile } from './stats';

export interface PixelBenchResult {
  /** Every single alert, the first after sign-in included; `firstMs` is that first one alone. */
  single: { alerts: number; p50Ms: number; p95Ms: number; firstMs: number };
  burst: { alerts: number; p50Ms: number; p95Ms: number; firstImagesMs: number };
  decision: { decisions: number; p50Ms: number; p95Ms: number };
  /** The bare page (bench/floors/page.ts), same alerts, same Chromium, same run. */
  floor: { p50Ms: number; p95Ms: number; firstMs: number };
}

/** The open alert's decision filled in as an officer would (no engage), until it can be recorded. */
export async function fillNoEngage(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'No engage' }).check();
  await page.getByRole('checkbox', { name: 'Facial features differ' }).check();
  await page
    .getByRole('textbox', { name: 'Rationale' })
    .fill('Benchmark: face shape and hairline differ from the reference.');
  const button = page.getByRole('button', { name: 'Record decision' });
  await button.waitFor();
  while (await button.isDisabled()) await page.waitForTimeout(10);
}

async function decideTimed(page: Page, alertId: string): Promise<number> {
  await fillNoEngage(page);
  return page.evaluate(
    (id) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        const button = [...document.querySelectorAll('button')].find(
          (b) => b.textContent?.trim() === 'Record decision',
        );
        button?.click();
        const tick = () => {
          if (!document.querySelector(`[data-alert-id="${id}"]`))
            requestAnimationFrame(() => resolve(performance.now() - t0));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    alertId,
  );
}

export async function benchPixel(singles = 30, burstSize = 50): Promise<PixelBenchResult> {
  const token = 'bench';
  const server = await TrainingFeedServer.start({ rate: 0, token, seed: 77 });
  // Made before the station connects, so making them cannot hold the feed server past socket.io's ping.
  const alerts = prepareAlerts(server, singles + burstSize, 7);
  const dataDir = mkdtempSync(join(tmpdir(), 'rs-pixel-'));
  // No dwell, so decisions can follow each other; everything else as shipped.
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  writeFileSync(join(dataDir, 'station', 'settings.json'), JSON.stringify({ dwellMs: 0, sound: false }));
  const station = await startStation(['--feed', server.url, '--token', token], dataDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx keeps function names with a __name helper; functions sent to the page need it too.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(station.url);
    await signIn(page);
    // "After sign-in" means the officer is in and waiting: the empty workspace on screen.
    await page.getByText('Waiting for alerts.', { exact: false }).waitFor({ timeout: 60_000 });
    while (server.stations.length === 0) await new Promise((r) => setTimeout(r, 20));
    // Playwright's first evaluation in a page's own world sets up its helper script there,
    // about 20 ms of that page's main thread (seen in a Chromium trace). The bare page has had
    // two before its first alert (bench/floors/page.ts); here the first would be the probe
    // itself, sent just before the first alert, and those 20 ms fell on the station's
    // first alert. One evaluation now, so both pages start the same.
    await page.evaluate(() => document.readyState);

    const single: number[] = [];
    const decision: number[] = [];
    for (const alert of alerts.slice(0, singles)) {
      const painted = paintedWith(page, [probeHash(alert)]);
      const t0 = Date.now();
      void server.emitRaw('alert', alert);
      const winner = await Promise.race([
        painted,
        new Promise<'late'>((r) => setTimeout(() => r('late'), 10_000)),
      ]);
      if (winner === 'late') {
        await page.screenshot({ path: '/tmp/bench-late.png' });
        throw new Error(`alert ${alert.alertId} not painted within 10 s`);
      }
      single.push(winner - t0);
      decision.push(await decideTimed(page, alert.alertId));
    }

    const burst = alerts.slice(singles);
    // The queue is virtualised: an alert below the fold is not painted as a row, so "on
    // screen" for a burst is the queue's count taking it in (the k-th alert of the burst is
    // on screen when the count reaches k more than before), painted rows or not.
    await page.evaluate(() => {
      const counts: number[] = [];
      const w = window as unknown as { __counts: number[] };
      w.__counts = counts;
      const read = () => Number(document.querySelector('#queue-heading .count')?.textContent ?? '0');
      const base = read();
      const observer = new MutationObserver(() => {
        requestAnimationFrame(() => {
          const now = Date.now();
          for (let k = base + counts.length + 1; k <= read(); k++) counts.push(now);
        });
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    // The queue opens the most urgent alert of the burst, whichever it is.
    const firstPainted = paintedWith(page, burst.map(probeHash));
    const t0 = Date.now();
    for (const alert of burst) void server.emitRaw('alert', alert);
    const firstImagesMs = (await firstPainted) - t0;
    await page.waitForFunction(
      (n) => (window as unknown as { __counts: number[] }).__counts.length >= n,
      burst.length,
      {
        timeout: 60_000,
      },
    );
    const counts = await page.evaluate(() => (window as unknown as { __counts: number[] }).__counts);
    const burstLatencies = counts.slice(0, burst.length).map((at) => at - t0);
    await page.close();
    const floor = await benchBarePage(browser, singles);
    return {
      floor,
      single: {
        alerts: single.length,
        p50Ms: percentile(single, 50),
        p95Ms: percentile(single, 95),
        firstMs: single[0]!,
      },
      burst: {
        alerts: burst.length,
        p50Ms: percentile(burstLatencies, 50),
        p95Ms: percentile(burstLatencies, 95),
        firstImagesMs,
      },
      decision: {
        decisions: decision.length,
        p50Ms: percentile(decision, 50),
        p95Ms: percentile(decision, 95),
      },
    };
  } finally {
    await browser.close();
    await station.stop();
    await server.close();
  }
}
