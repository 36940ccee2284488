/**
 * Issue 26 in real Chromium against the real station (browser mode, training feed) at
 * 1280x720: an officer chooses Cymraeg on the sign-in screen and works through the queue,
 * an alert, a blocked submit, a decision, the lock and a handover, with the screen's words
 * in Welsh (the live catalogue and the glossary terms it uses) and the same layout checks
 * as English (tests/e2e/layout.ts) finding nothing out of view or clipped. Then the
 * pseudo-locale (accented, 30% longer: ?locale=en-XA) runs the layout checks again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, seriousAxeViolations, startStation, type StationProcess } from './harness';
import { clippedText, expectAllInView, facesDecoded, inside, measure, type Box } from './layout';

let station: StationProcess;
let browser: Browser;
const VIEW = { width: 1280, height: 720 };

beforeAll(async () => {
  station = await startStation(['--rate', '60']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

/** The training form by its fields' ids and its submit button, whatever language its labels are in. */
async function signInTyped(page: Page, id: string, name: string) {
  await page.locator('#signin-id').fill(id);
  await page.locator('#signin-name').fill(name);
  await page.locator('.signin form button[type=submit]').click();
}

/** Playwright's box (null when not shown) as the layout checks' Box. */
const asBox = (b: { x: number; y: number; width: number; height: number } | null): Box | null =>
  b && {
    left: b.x,
    top: b.y,
    right: b.x + b.width,
    bottom: b.y + b.height,
    width: b.width,
    height: b.height,
  };

/** Everything that must be in view is, and no text is cut off. */
async function layoutHolds(page: Page, label: string) {
  const m = await measure(page);
  expectAllInView(m, label);
  expect(Math.min(m.faces[0]!.width, m.faces[0]!.height)).toBeGreaterThanOrEqual(240);
  expect(await clippedText(page), `${label}: clipped text`).toEqual([]);
}

describe('the officer’s screen in Welsh, and in the pseudo-locale', () => {
  it('signs in choosing Cymraeg and works through the flow in Welsh at 1280x720, nothing clipped', async () => {
    const ctx = await browser.newContext({ viewport: VIEW, bypassCSP: true });
    let page = await ctx.newPage();
    await page.goto(station.url);

    // The chooser: one group named in both languages, each option named in itself with its own lang.
    const chooser = page.getByRole('radiogroup', { name: 'Language / Iaith' });
    await chooser.waitFor({ timeout: 30_000 });
    const cymraeg = chooser.getByRole('radio', { name: 'Cymraeg' });
    expect(await chooser.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    expect(await chooser.locator('[lang="cy"]').textContent()).toBe('Cymraeg');
    expect(await chooser.locator('[lang="en-GB"]').textContent()).toBe('English');
    // By keyboard: focus the checked option and move with the arrow key.
    await chooser.getByRole('radio', { name: 'English' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await cymraeg.isChecked()).toBe(true);
    await page.waitForFunction(`document.documentElement.lang === 'cy'`);
    expect(await clippedText(page), 'sign-in screen').toEqual([]);

    await signInTyped(page, 'PC 300', 'Robin Hale');
    await facesDecoded(page);
    // The queue and the alert lists, in Welsh.
    const lists = page.getByRole('navigation', { name: 'Rhybuddion' });
    expect(await lists.getByRole('tab', { name: /^Ciw/ }).getAttribute('aria-selected')).toBe('true');
    expect(await lists.getByRole('tab', { name: /^Wedi’u penderfynu/ }).count()).toBe(1);
    await page.waitForFunction(
      `document.querySelectorAll('.queue-scroll li[data-alert-id], .sidebar-panel li[data-alert-id]').length >= 8`,
      undefined,
      { timeout: 60_000 },
    );
    expect(await page.getByRole('link', { name: 'Neidio i’r ffurflen benderfynu' }).count()).toBe(1);
    // The whole screen fits at 1280x720 in Welsh too: faces, facts, every reason, Record decision.
    await layoutHolds(page, 'Welsh, alert open');

    // A submit that cannot record says so in view (its words are the form's), and goes there.
    await page.waitForTimeout(2100); // past the minimum look time
    await page.locator('#alert-heading').focus();
    await page.keyboard.press('Control+Enter');
    const blocked = page.locator('.blocked-message');
    await expect.poll(async () => (await blocked.textContent())?.trim().length ?? 0).toBeGreaterThan(0);
    expect(inside(await blocked.boundingBox().then(asBox), VIEW)).toBe(true);
    expect(await clippedText(page), 'blocked submit').toEqual([]);

    // A decision by keyboard; the announcement is Welsh, the decision named by the glossary.
    await page.locator('#alert-heading').focus();
    await page.keyboard.press('n');
    await page.keyboard.press('1');
    await page.keyboard.press('r');
    await page.keyboard.type('Ear shape and jawline differ from the reference image.');
    await page.keyboard.press('Control+Enter');
    await page
      .getByText(/Penderfyniad wedi’i gadw: Peidio ag ymgysylltu \(fersiwn 1\)/)
      .waitFor({ timeout: 15_000 });
    await facesDecoded(page);
    // The save announcement sits under the queue (layout.css): the next alert still fits.
    await layoutHolds(page, 'Welsh, decision saved');

    // The lock: a new page takes up the session only after proving it is the officer.
    await page.close();
    page = await ctx.newPage();
    await page.goto(station.url);
    const locked = page.getByRole('dialog', { name: 'Yr orsaf wedi’i chloi' });
    await locked.waitFor({ timeout: 30_000 });
    // Counts by tier, the tiers named by the glossary in Welsh.
    expect(await locked.getByRole('status').textContent()).toMatch(/^\d+ yn aros, \d+ (coch|ambr|gwyrdd)/);
    expect(await clippedText(page), 'lock screen').toEqual([]);
    await locked.getByRole('button', { name: 'Datgloi (hyfforddiant)' }).click();
    await locked.waitFor({ state: 'detached', timeout: 30_000 });

    // Handing over: the dialog, its note and its button in Welsh; the summary at the next sign-in.
    await facesDecoded(page);
    await page.getByRole('button', { name: /^(Hand over|Trosglwyddo)$/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Trosglwyddo' });
    expect(await dialog.getByRole('list', { name: 'Ar agor wrth drosglwyddo' }).textContent()).toMatch(
      /\d+ r?h?ybudd heb benderfyniad/,
    );
    expect(await clippedText(page), 'handover dialog').toEqual([]);
    await dialog
      .getByRole('textbox', { name: 'Nodyn i’r swyddog nesaf' })
      .fill('Camera 3 yn niwlog ers 14:00.');
    await dialog.getByRole('button', { name: 'Trosglwyddo ac allgofnodi' }).click();
    const summary = page.getByRole('region', { name: /Trosglwyddwyd gan Robin Hale \(PC 300\)/ });
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toContain('“Camera 3 yn niwlog ers 14:00.”');
    // Still Welsh after signing out, and the document says so.
    expect(await page.evaluate('document.documentElement.lang')).toBe('cy');
    expect(await clippedText(page), 'sign-in after handover').toEqual([]);
    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious)).toEqual([]);
    await ctx.close();
  });

  it('finds nothing out of view or clipped in the pseudo-locale (30% longer) at 1280x720', async () => {
    const ctx = await browser.newContext({ viewport: VIEW, bypassCSP: true });
    const page = await ctx.newPage();
    await page.goto(`${station.url}${station.url.includes('?') ? '&' : '?'}locale=en-XA`);
    await page.locator('#signin-id').waitFor({ timeout: 30_000 });
    expect(await clippedText(page), 'pseudo sign-in').toEqual([]);
    await signInTyped(page, 'PC 2211', 'Dana Wells');
    await facesDecoded(page);
    await page.waitForFunction(
      `document.querySelectorAll('.queue-scroll li[data-alert-id], .sidebar-panel li[data-alert-id]').length >= 8`,
      undefined,
      { timeout: 60_000 },
    );
    await layoutHolds(page, 'pseudo-locale');
    await ctx.close();
  });
});
