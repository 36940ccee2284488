/**
 * A supervisor's path end to end: officers decide training alerts in Chromium, a
 * supervisor opens the replay (verified first), plays it, filters it, exports CSV,
 * PDF and a bundle, imports the bundle, and a tampered journal is flagged in replay
 * and by the command line. Last, the supervisor signs in choosing Cymraeg and replays in Welsh.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { journalFile, readJournal, waitFor } from '../integration/util';
import { pdfTextRuns } from '../unit/report-pdf-text';
import { passwordFor } from '../helpers/accounts';
import { launchBrowser, signIn, startStation, type StationProcess } from './harness';

const TOKEN = 'replay-token';
let server: TrainingFeedServer;
let station: StationProcess;
let browser: Browser;
let page: Page;

/** Decides the alert that opened by itself, once `pending` alerts are queued (so the last decision has cleared). */
async function decideOpenAlert(pending: number, kind: 'Engage' | 'No engage', reason: string) {
  const queue = page.getByRole('list', { name: 'Alert queue' }).getByRole('listitem');
  await expect.poll(() => queue.count(), { timeout: 15_000 }).toBe(pending);
  await expect
    .poll(() => page.getByRole('textbox', { name: 'Rationale' }).inputValue(), { timeout: 15_000 })
    .toBe('');
  await page.waitForFunction(() => {
    const imgs = [
      ...document.querySelectorAll<HTMLImageElement>('img[alt="Probe image"], img[alt="Watchlist image"]'),
    ];
    return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  });
  await page.getByRole('radio', { name: kind, exact: true }).check();
  await page.getByRole('checkbox', { name: reason }).check();
  await page
    .getByRole('textbox', { name: 'Rationale' })
    .fill(`${kind}: ${reason.toLowerCase()}, compared feature by feature.`);
  const button = page.getByRole('button', { name: 'Record decision' });
  await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
  await button.click();
}

const savedPath = async (kind: string) => {
  const item = page.locator('.export-list li').filter({ has: page.getByRole('button', { name: kind }) });
  return (await item.locator('code').textContent({ timeout: 30_000 }))!;
};

beforeAll(async () => {
  server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 31 });
  const dataDir = mkdtempSync(join(tmpdir(), 'rs-replay-'));
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  writeFileSync(join(dataDir, 'station', 'settings.json'), JSON.stringify({ dwellMs: 0, sound: false }));
  station = await startStation(['--feed', server.url, '--token', TOKEN], dataDir);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(station.url);
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await server?.close();
});

describe('supervisor replay', () => {
  it('replays decided alerts, verified, with play and filters', async () => {
    await signIn(page, 'PC 300', 'Robin Hale');
    for (const tier of ['red', 'amber', 'green'] as const) await server.emitAlert({ subject: { tier } });
    await decideOpenAlert(3, 'Engage', 'Strong facial likeness');
    await decideOpenAlert(2, 'No engage', 'Facial features differ');
    await decideOpenAlert(1, 'No engage', 'Apparent age or sex differs');
    await waitFor(() => server.decisions.size === 3, 'three decisions at the server');

    await page.getByRole('button', { name: 'Sign out' }).click();
    // A supervisor by account (harness E2E_ACCOUNTS): on a real feed the role is never typed.
    await signIn(page, 'INSP 9', 'Morgan Lee');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Replay' }).click();
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.integrity').first().textContent()).toMatch(/Verified/);

    const file = journalFile(station.dataDir, server.deployment.deploymentId);
    const opened = readJournal(file).filter((e) => e.type === 'replay-opened');
    expect(opened.at(-1)?.actor).toEqual({ id: 'INSP 9', name: 'Morgan Lee' });

    const slider = page.getByRole('slider', { name: 'Replay time' });
    const before = Number(await slider.inputValue());
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect
      .poll(async () => Number(await slider.inputValue()), { timeout: 10_000 })
      .toBeGreaterThan(before);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Next event' }).click();

    await page.getByRole('button', { name: 'Statistics' }).first().click();
    await expect
      .poll(() => page.getByText(/Showing \d+ of 3 alerts/).textContent())
      .toMatch(/Showing 3 of 3/);
    await page.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('no-engage');
    await expect
      .poll(() => page.getByText(/Showing \d+ of 3 alerts/).textContent())
      .toMatch(/Showing 2 of 3/);
    await page.getByRole('combobox', { name: 'Decision', exact: true }).selectOption('');
  });

  it('scrolls like a document: the wheel reaches the countersign form at 1280x720 and 1920x1080', async () => {
    await page.getByRole('button', { name: 'Timeline' }).first().click();
    // To the end of the deployment, so the first alert is decided and can be countersigned.
    await page.getByRole('slider', { name: 'Replay time' }).press('End');
    await page
      .getByRole('list', { name: 'Alerts received by the replay time' })
      .getByRole('button')
      .first()
      .click();
    const record = page.getByRole('button', { name: 'Record review' });
    await record.waitFor({ state: 'attached', timeout: 15_000 });
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(width / 2, height / 2);
      const inView = () =>
        record.evaluate((b) => {
          const r = b.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= window.innerHeight;
        });
      // Wheel only: no Tab, no scrollIntoView. Each notch moves the document, never a clipped frame.
      for (let i = 0; i < 40 && !(await inView()); i++) {
        await page.mouse.wheel(0, 200);
        await page.waitForTimeout(50);
      }
      expect(await inView(), `Record review in view after wheel-scrolling at ${width}x${height}`).toBe(true);
      expect(await page.getByRole('radiogroup', { name: 'Verdict' }).isVisible()).toBe(true);
      // And the wheel brings the header back.
      for (let i = 0; i < 40 && (await page.evaluate(() => window.scrollY)) > 0; i++)
        await page.mouse.wheel(0, -400);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('exports CSV, a PDF whose text holds the totals, and a bundle that imports and verifies', async () => {
    await page.getByRole('button', { name: 'Report and exports' }).first().click();
    // Browser mode hands the export over as a download (POST /exports); the station keeps its journalled copy.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^[A-Za-z0-9._-]+-\d{8}-\d{6}-(GMT|BST)\.csv$/);
    const csvPath = await savedPath('Export CSV');
    const csv = readFileSync(csvPath, 'utf8');
    expect(readFileSync(await download.path(), 'utf8')).toBe(csv);
    expect(csv).toContain('compared feature by feature');
    expect(csv).not.toMatch(/\/9j\/|data:image/); // no image data

    await page.getByRole('button', { name: 'Export PDF report' }).click();
    const pdfPath = await savedPath('Export PDF report');
    const text = pdfTextRuns(readFileSync(pdfPath)).join('\n');
    expect(text).toMatch(/VERIFIED/);
    expect(text).toMatch(/Alerts\s*\n?\s*3/);
    expect(text).toMatch(/Engage\s*\n?\s*1/);
    expect(text).toMatch(/No engage\s*\n?\s*2/);

    await page.getByRole('button', { name: 'Export bundle' }).click();
    const bundlePath = await savedPath('Export bundle');
    expect(existsSync(bundlePath)).toBe(true);

    const report = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli/report.ts',
        bundlePath,
        '--csv',
        join(tmpdir(), `rs-${Date.now()}.csv`),
      ],
      {
        encoding: 'utf8',
      },
    );
    expect(report.status).toBe(0);
    expect(report.stdout).toMatch(/^verified/m);

    await page.getByRole('button', { name: 'Back to deployments' }).click();
    // Browser mode: the page uploads the file; the station never takes a path from it.
    await page.getByLabel('Bundle file').setInputFiles(bundlePath);
    await page.getByRole('button', { name: 'Import bundle' }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.integrity').first().textContent()).toMatch(/Verified/);
    expect(
      await page
        .getByText(/imported bundle|import/i)
        .first()
        .isVisible(),
    ).toBe(true);
  });

  it('flags a tampered journal in replay and on the command line', async () => {
    const file = journalFile(station.dataDir, server.deployment.deploymentId);
    const lines = readFileSync(file, 'utf8').split('\n');
    const target = lines.findIndex((l) => l.includes('"type":"decision"'));
    const seq = (JSON.parse(lines[target]!) as { seq: number }).seq;
    lines[target] = lines[target]!.replace('compared feature by feature', 'compared feature by FEATURE');
    writeFileSync(file, lines.join('\n'));

    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/verify.ts', file], {
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`^tampered at seq ${seq}:`, 'm'));

    await page.getByRole('button', { name: 'Back to deployments' }).click();
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const row = page.getByRole('button', { name: /^Open / }).filter({ hasText: /./ });
    await row.first().waitFor();
    const openOwn = page.getByRole('button', { name: `Open ${server.deployment.title}` }).first();
    await openOwn.click();
    const warning = page.getByRole('alert').filter({ hasText: `failed verification at seq ${seq}` });
    await warning.first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Statistics' }).first().click();
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: `seq ${seq}` })
        .first()
        .isVisible(),
    ).toBe(true);
  });

  it('replays in Welsh for a supervisor who chooses Cymraeg at sign-in (issue 26)', async () => {
    const signOut = page.getByRole('button', { name: 'Sign out' });
    if ((await signOut.count()) > 0) await signOut.click();
    const chooser = page.getByRole('radiogroup', { name: 'Language / Iaith' });
    await chooser.waitFor({ timeout: 30_000 });
    await chooser.getByRole('radio', { name: 'Cymraeg' }).check();
    await page.waitForFunction(`document.documentElement.lang === 'cy'`);
    // The account form by its fields' ids: its labels are in Welsh now.
    await page.locator('#signin-id').fill('INSP 9');
    await page.locator('#signin-password').fill(passwordFor('INSP 9'));
    await page.locator('.signin form button[type=submit]').click();
    await page
      .getByRole('navigation', { name: 'Adrannau' })
      .getByRole('button', { name: 'Ailchwarae' })
      .click();
    // The same supervisor comes back to the replay left open (in Welsh now): back to the list.
    const home = page.getByRole('heading', { name: 'Defnyddiau i’w hailchwarae' });
    const back = page.getByRole('button', { name: 'Yn ôl i’r defnyddiau' });
    await home.or(back).first().waitFor({ timeout: 30_000 });
    if ((await back.count()) > 0) await back.click();
    await home.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'Mewnforio bwndel defnydd' }).count()).toBe(1);
    await page
      .getByRole('button', { name: /^Agor / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Llinell amser' }).waitFor({ timeout: 60_000 });
    const playback = page.getByRole('group', { name: 'Chwarae' });
    expect(await playback.getByRole('button', { name: 'Chwarae', exact: true }).count()).toBe(1);
    expect(await playback.getByRole('slider', { name: 'Amser yr ailchwarae' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Rhybuddion a dderbyniwyd' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Ystadegau' }).first().click();
    await page.getByRole('heading', { name: 'Llwyth gwaith fesul swyddog' }).waitFor({ timeout: 15_000 });
    expect(await page.getByText(/^Yn dangos \d+ o \d+ o rybuddion\.$/).count()).toBe(1);
    await page.getByRole('button', { name: 'Adroddiad ac allforion' }).click();
    await page.getByRole('heading', { name: 'Daliad cyfreithiol' }).waitFor({ timeout: 15_000 });
  });
});
