/**
 * The deployment safeguards end to end: a real feed server playing the low-threshold
 * and unreviewed-watchlist drills, the real station core in browser mode, Chromium.
 * The warnings are on screen; an alert captured outside the window is refused,
 * journalled and counted on screen; a supervisor turns on the two-person check in the
 * station settings and a lone engage on a red alert cannot be recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { journalFile, readJournal, waitFor } from '../integration/util';
import { passwordFor } from '../helpers/accounts';
import { launchBrowser, signIn, startStation, type StationProcess, seriousAxeViolations } from './harness';

const TOKEN = 'e2e-safeguards';
let server: TrainingFeedServer;
let station: StationProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await TrainingFeedServer.start({
    rate: 0,
    token: TOKEN,
    scenes: false,
    seed: 33,
    drill: ['low-threshold', 'unreviewed-watchlist'],
  });
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

const entries = () => readJournal(journalFile(station.dataDir, server.deployment.deploymentId));
async function axeCheck(label: string) {
  const serious = await seriousAxeViolations(page);
  expect(serious, `${label}: ${JSON.stringify(serious)}`).toEqual([]);
}

const panel = () => page.getByRole('region', { name: 'Deployment' });

describe('deployment safeguards', () => {
  it('shows the low-threshold and unreviewed-watchlist warnings, and journals each once', async () => {
    const warnings = panel().getByRole('alert');
    await expect.poll(() => warnings.textContent()).toContain('Threshold 0.55 is below 0.60');
    const text = (await warnings.textContent()) ?? '';
    expect(text).toContain('National Physical Laboratory (2023)');
    expect(text).toContain('Watchlist not reviewed');
    expect(await panel().textContent()).toMatch(/not reviewed/);
    await axeCheck('deployment panel with warnings');

    await page.getByRole('button', { name: 'Deployment details' }).click();
    const details = page.getByRole('dialog', { name: 'Deployment details' });
    expect(await details.textContent()).toContain(server.deployment.dpiaRef);
    expect(await details.getByRole('table', { name: 'Cameras' }).getByRole('row').count()).toBe(
      server.deployment.cameras.length + 1,
    );
    await axeCheck('deployment details');
    await details.getByRole('button', { name: 'Close' }).click();

    const codes = entries()
      .filter((e) => e.type === 'safeguard-warning')
      .map((e) => e.data.code);
    expect(codes.sort()).toEqual(['low-threshold', 'watchlist-unreviewed']);
  });

  it('refuses an alert captured before the window, records it and counts it on screen', async () => {
    const before = new Date(Date.parse(server.deployment.startsAt) - 20 * 60_000).toISOString();
    const record = await server.emitAlert({ capturedAt: before });
    expect(record.ack).toBe('rejected');
    expect(record.reason).toBe('outside the authorised window');
    const rejected = entries().filter((e) => e.type === 'alert-rejected');
    expect(rejected.map((e) => e.data)).toEqual([
      expect.objectContaining({ alertId: record.payload.alertId, code: 'outside-window' }),
    ]);
    await expect.poll(() => panel().textContent()).toMatch(/Refused alerts\W*1 \(1 outside the window\)/);
  });

  it('blocks a lone engage on a red alert once a supervisor turns on the two-person check', async () => {
    // A supervisor by account (harness E2E_ACCOUNTS): on a real feed the role is never typed.
    await signIn(page, 'PS 310', 'Morgan Hale');
    await page.getByRole('button', { name: 'Station settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Station settings' });
    await settings.getByRole('checkbox', { name: 'Red alerts' }).check();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.waitFor({ state: 'detached' });
    await waitFor(() => entries().some((e) => e.type === 'settings-changed'), 'settings journalled');
    const change = entries().find((e) => e.type === 'settings-changed')!;
    expect(change.actor).toEqual({ id: 'PS 310', name: 'Morgan Hale' });
    expect(change.data).toEqual({ twoPersonTiers: ['red'] });
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(page, 'PC 4410', 'Riley Shaw');
    expect(await page.getByRole('button', { name: 'Station settings' }).count()).toBe(0);
    const alert = await server.emitAlert({ subject: { tier: 'red' } });
    expect(alert.ack).toBe('stored');
    const probe = page.getByRole('img', { name: 'Probe image' });
    await expect
      .poll(() => probe.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
      .toBeGreaterThan(0);

    await page.getByRole('radio', { name: 'Engage', exact: true }).check();
    await page.getByRole('checkbox', { name: 'Strong facial likeness' }).check();
    await page
      .getByRole('textbox', { name: 'Rationale' })
      .fill('Same scar above the left eyebrow; hairline and jaw match.');
    const button = page.getByRole('button', { name: 'Record decision' });
    await page.getByRole('group', { name: 'Second officer confirmation' }).waitFor();
    await page.waitForTimeout(2200); // the minimum dwell passes
    expect(await button.isDisabled()).toBe(true); // alone, the engage cannot be recorded
    expect(entries().some((e) => e.type === 'decision')).toBe(false);

    await page.getByLabel('Second officer ID').fill('PC 5120');
    // The second officer types their own password: a typed name proves nothing, a wrong password is refused.
    await page.getByLabel('Second officer password').fill('not their password');
    await page.getByLabel('Confirmation note').fill('Compared independently: scar and jawline match.');
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    await page.getByText(/second officer not confirmed/).waitFor();
    expect(entries().some((e) => e.type === 'decision')).toBe(false);
    await page.getByLabel('Second officer password').fill(passwordFor('PC 5120'));
    await expect.poll(() => button.isEnabled()).toBe(true);
    await button.click();
    const sent = await waitFor(() => server.decisions.get(`${alert.payload.alertId}#1`), 'decision');
    expect(sent.decision).toBe('engage');
    const decision = entries().find((e) => e.type === 'decision')!;
    expect(decision.data).toMatchObject({
      operator: { id: 'PC 4410', name: 'Riley Shaw' },
      confirmedBy: {
        id: 'PC 5120',
        name: 'Dev Amin',
        note: 'Compared independently: scar and jawline match.',
      },
    });
    expect((await verifyJournal(journalFile(station.dataDir, server.deployment.deploymentId))).ok).toBe(true);
  });
});
