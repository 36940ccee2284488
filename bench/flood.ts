/**
 * The flood drill, timed (issue 13 "done when"): the training feed's `flood` drill sends
 * 3,000 alerts at 25 a second to the real station (browser mode, child process) with
 * Chromium open and signed in, and nobody decides them except the bench. The officer's
 * work is timed near the start (a short backlog) and again once all 3,000 are waiting:
 * - decision commit: "Record decision" clicked → the alert gone from the queue (main has
 *   journalled and fsync'd it and the screen has taken the change);
 * - next alert shown: the same click → the next alert's two faces painted.
 * If one more waiting alert costs nothing, the two ends match.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TrainingFeedServer } from '../electron/simulator/feed-server';
import { FLOOD } from '../electron/simulator/drills';
import { launchBrowser, signIn, startStation } from '../tests/e2e/harness';
import { fillNoEngage } from './pixel';
import { percentile } from './stats';
import { clearBacklog, queueFromJournal, type OfficerRun } from './scripted-officer';

/** The flood's alerts as the station journalled them (one deployment, so one journal). */
function journalledBacklog(dataDir: string) {
  const root = join(dataDir, 'deployments');
  const lines = readdirSync(root).flatMap((d) =>
    readFileSync(join(root, d, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean),
  );
  return queueFromJournal(lines);
}

export interface FloodEnd {
  /** Alerts waiting in the queue (the count on screen) when the decisions were timed. */
  waiting: number;
  decisions: number;
  commitP50Ms: number;
  nextShownP50Ms: number;
}

export interface FloodBenchResult {
  alerts: number;
  start: FloodEnd;
  end: FloodEnd;
  /** Seconds from the station connecting to the last flood alert on screen. */
  seconds: number;
  /** The scripted officer clearing the whole backlog as journalled (bench/scripted-officer.ts). */
  officer: OfficerRun;
}

const queueCount = (page: Page) =>
  page.evaluate(() => Number(document.querySelector('#queue-heading .count')?.textContent ?? '0'));

/** Fill in the open alert's decision, then time the click: gone from the queue, and the next faces painted. */
async function decideOpen(page: Page): Promise<{ commitMs: number; nextShownMs: number }> {
  await fillNoEngage(page);
  return page.evaluate(
    () =>
      new Promise<{ commitMs: number; nextShownMs: number }>((resolve, reject) => {
        const openId = document
          .querySelector('[aria-current="true"]')
          ?.closest<HTMLElement>('[data-alert-id]')?.dataset.alertId;
        const probe = () => document.querySelector<HTMLImageElement>('img[alt="Probe image"]');
        const before = probe()?.getAttribute('src');
        if (!openId || !before) return reject(new Error('no open alert with its faces shown'));
        const ready = (i: HTMLImageElement | null) => !!i && i.complete && i.naturalWidth > 0;
        const t0 = performance.now();
        let commitMs: number | null = null;
        [...document.querySelectorAll('button')]
          .find((b) => b.textContent?.trim() === 'Record decision')
          ?.click();
        const tick = () => {
          const now = performance.now() - t0;
          if (commitMs === null && !document.querySelector(`[data-alert-id="${openId}"]`)) commitMs = now;
          const p = probe();
          const shown =
            p?.getAttribute('src') !== before &&
            ready(p) &&
            ready(document.querySelector<HTMLImageElement>('img[alt="Watchlist image"]'));
          if (commitMs !== null && shown) {
            const committed = commitMs;
            requestAnimationFrame(() =>
              resolve({ commitMs: committed, nextShownMs: performance.now() - t0 }),
            );
          } else if (now > 30_000) reject(new Error('the next alert was not shown within 30 s'));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
  );
}

async function timeDecisions(page: Page, count: number): Promise<FloodEnd> {
  const waiting = await queueCount(page);
  const commits: number[] = [];
  const shown: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = await decideOpen(page);
    commits.push(t.commitMs);
    shown.push(t.nextShownMs);
  }
  return {
    waiting,
    decisions: count,
    commitP50Ms: percentile(commits, 50),
    nextShownP50Ms: percentile(shown, 50),
  };
}

export async function benchFlood(decisions = 7): Promise<FloodBenchResult> {
  const token = 'bench';
  const server = await TrainingFeedServer.start({ rate: 0, token, seed: 13, drill: 'flood' });
  const dataDir = mkdtempSync(join(tmpdir(), 'rs-flood-'));
  // No dwell, so decisions can follow each other; no sound; everything else as shipped.
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  writeFileSync(join(dataDir, 'station', 'settings.json'), JSON.stringify({ dwellMs: 0, sound: false }));
  const browser = await launchBrowser();
  const station = await startStation(['--feed', server.url, '--token', token], dataDir);
  try {
    const started = Date.now();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx keeps function names with a __name helper; functions sent to the page need it too.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(station.url);
    await signIn(page);
    await page.locator('img[alt="Probe image"]').waitFor({ timeout: 60_000 });
    const start = await timeDecisions(page, decisions);
    // Every flood alert in (less those decided): the backlog at its largest.
    const target = FLOOD.alerts - decisions;
    const deadline = Date.now() + 10 * 60_000;
    while ((await queueCount(page)) < target) {
      if (Date.now() > deadline)
        throw new Error(`the flood did not reach ${target} waiting within 10 minutes`);
      await page.waitForTimeout(500);
    }
    const seconds = (Date.now() - started) / 1000;
    const end = await timeDecisions(page, decisions);
    // The look time the station ships with (the timed part above runs with none).
    const officer = clearBacklog(journalledBacklog(dataDir));
    return { alerts: FLOOD.alerts, start, end, seconds, officer };
  } finally {
    await browser.close();
    await station.stop();
    await server.close();
  }
}
