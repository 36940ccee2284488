/**
 * Issue 14, the officer's screen at hour six, in real Chromium against the real station
 * (browser mode, built-in training feed): at 1920x1080, 1366x768 and 1280x720 the status
 * bar, both faces, the rationale and Record decision are inside the viewport and the page
 * does not scroll (the queue scrolls in its own pane); at 1280x720 each face is at least
 * 240 px and both the same size; n, 1, r, the rationale and Ctrl+Enter record; at 200%
 * zoom the queue is a drawer; axe finds nothing serious at 1280x720 and at 200%; handing
 * over shows the note to the next officer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowser,
  seriousAxeViolations,
  signIn,
  startStation,
  unlockOnNewPage,
  type StationProcess,
} from './harness';
import { expectAllInView, facesDecoded, inside, measure, type Box } from './layout';

let station: StationProcess;
let browser: Browser;

beforeAll(async () => {
  // A steady training feed: a queue builds up while the suite looks at the screen.
  station = await startStation(['--rate', '60']);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
});

async function open(width: number, height: number, scale = 1): Promise<{ ctx: BrowserContext; page: Page }> {
  // bypassCSP only so the axe script can be injected; the CSP itself is tested in shell.test.ts.
  const ctx = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: scale,
    bypassCSP: true,
  });
  const page = await ctx.newPage();
  await page.goto(station.url);
  // Each page is a new connection: the officer signed in on an earlier (closed) page unlocks here.
  await unlockOnNewPage(page, 'PC 300');
  return { ctx, page };
}

describe("the officer's screen", () => {
  it('sign-in starts at Officer ID', async () => {
    const { ctx, page } = await open(1280, 720);
    await page.getByLabel('Officer ID').waitFor();
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('signin-id');
    await signIn(page, 'PC 300', 'Robin Hale');
    await facesDecoded(page);
    await ctx.close();
  });

  for (const [width, height] of [
    [1920, 1080],
    [1366, 768],
    [1280, 720],
  ] as const)
    it(`keeps everything in view at ${width}x${height} without the page scrolling`, async () => {
      const { ctx, page } = await open(width, height);
      await facesDecoded(page);
      // Enough alerts that the queue overflows its pane.
      await page.waitForFunction(
        `document.querySelectorAll('[aria-label="Alert queue"] li[data-alert-id]').length >= 8`,
        undefined,
        { timeout: 60_000 },
      );
      const m = await measure(page);
      // Issue 24: the tier and the facts strip too; every reason with its key, none in a scroll pane.
      expectAllInView(m, `${width}x${height}`);
      const factsText = await page.locator('.facts-strip').textContent();
      expect(factsText).toMatch(/Warnings/);
      expect(factsText).toMatch(/Reference image/);
      expect(factsText).toMatch(/captured .*\d\d:\d\d:\d\d (GMT|BST)/);
      // The deployment bar is one line.
      expect(m.deployment.height).toBeLessThan(48);
      // Faces get the space first: both the same size, at least 240 px on the short side.
      expect(m.faces).toHaveLength(2);
      expect(Math.abs(m.faces[0]!.width - m.faces[1]!.width)).toBeLessThan(1);
      expect(Math.abs(m.faces[0]!.height - m.faces[1]!.height)).toBeLessThan(1);
      expect(Math.min(m.faces[0]!.width, m.faces[0]!.height)).toBeGreaterThanOrEqual(240);
      // The queue scrolls in its own pane, not the page.
      expect(m.queue!.scrollHeight).toBeGreaterThan(m.queue!.clientHeight);
      if (width !== 1366) {
        const serious = await seriousAxeViolations(page);
        expect(serious, JSON.stringify(serious)).toEqual([]);
      }
      await ctx.close();
    });

  it('records with n, 1, r, the rationale and Ctrl+Enter at 1280x720, then focuses the next alert', async () => {
    const { ctx, page } = await open(1280, 720);
    await facesDecoded(page);
    const before = await page.locator('#alert-heading').textContent();
    await page.locator('#alert-heading').focus();
    await page.keyboard.press('n');
    expect(await page.evaluate('document.activeElement.type')).toBe('checkbox');
    await page.keyboard.press('1');
    await page.keyboard.press('r');
    await page.keyboard.type('Ear shape and jawline differ from the reference image.');
    await page.waitForTimeout(2100); // the minimum look time
    await page.keyboard.press('Control+Enter');
    await page.getByText(/Decision saved: No engage \(revision 1\)/).waitFor({ timeout: 15_000 });
    await page.waitForFunction(`document.activeElement && document.activeElement.id === 'alert-heading'`);
    expect(before).toBeTruthy();
    // With the save announcement showing, the next alert still fits: it sits under the queue,
    // not above the review (issue 26's 1280x720 gap: Record decision ran below 720 px).
    await facesDecoded(page);
    expect(await page.locator('.save-announcement').textContent()).toMatch(/Decision saved/);
    expectAllInView(await measure(page), '1280x720, decision saved');
    await ctx.close();
  });

  it('says what is missing when Ctrl+Enter cannot record, aloud and on screen, and goes there', async () => {
    const { ctx, page } = await open(1280, 720);
    await facesDecoded(page);
    await page.waitForTimeout(2100); // past the minimum look time, so the first thing missing is the choice
    await page.locator('#alert-heading').focus();
    await page.keyboard.press('Control+Enter');
    const message = page.locator('.blocked-message');
    await expect.poll(() => message.textContent()).toContain('Not recorded. Choose Engage or No engage.');
    expect(await message.getAttribute('aria-live')).toBe('assertive');
    expect(inside(await measureBox(page, '.blocked-message'), { width: 1280, height: 720 })).toBe(true);
    expect(await page.evaluate('document.activeElement.id')).toBe('decision-engage');
    await ctx.close();
  });

  it('at 200% zoom the queue is a drawer, and axe finds nothing serious', async () => {
    const { ctx, page } = await open(640, 360, 2);
    await facesDecoded(page);
    const drawer = page.getByRole('button', { name: /Alerts \(\d+ undecided\)/ });
    expect(await drawer.isVisible()).toBe(true);
    expect(await page.locator('#alerts-sidebar').isVisible()).toBe(false);
    await drawer.click();
    expect(await page.locator('#alerts-sidebar').isVisible()).toBe(true);
    expect(await drawer.getAttribute('aria-expanded')).toBe('true');
    // The open drawer never covers its own button (issue 24), and Esc closes it.
    const toggleBox = (await drawer.boundingBox())!;
    const sideBox = (await page.locator('#alerts-sidebar').boundingBox())!;
    expect(sideBox.y).toBeGreaterThanOrEqual(toggleBox.y + toggleBox.height - 0.5);
    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await drawer.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate('document.activeElement.id')).toBe('drawer-toggle');
    await ctx.close();
  });

  it('at 200% zoom one step reaches the faces or the form, and the keyboard records a decision', async () => {
    const { ctx, page } = await open(640, 360, 2);
    await facesDecoded(page);
    const jump = page.getByRole('navigation', { name: 'Jump to' });
    await jump.getByRole('link', { name: 'Decision form' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('decision-form-heading');
    await jump.getByRole('link', { name: 'Faces' }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('alert-heading');
    const probe = await page.locator('.face-frame').first().boundingBox();
    expect(probe!.y).toBeLessThan(360);
    await page.keyboard.press('n');
    await page.keyboard.press('3');
    await page.keyboard.press('r');
    await page.keyboard.type('Ear shape and jawline differ from the reference image.');
    await page.waitForTimeout(2100); // the minimum look time
    await page.keyboard.press('Control+Enter');
    await page.getByText(/Decision saved: No engage \(revision 1\)/).waitFor({ timeout: 15_000 });
    await ctx.close();
  });

  it('hands over with a note that the next officer sees at sign-in', async () => {
    const { ctx, page } = await open(1280, 720);
    await facesDecoded(page);
    await page.getByRole('button', { name: 'Hand over' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hand over' });
    await dialog
      .getByRole('textbox', { name: 'Note for the next officer' })
      .fill('Camera 3 lens fogged since 14:00.');
    await dialog.getByRole('button', { name: 'Hand over and sign out' }).click();
    const summary = page.getByRole('region', { name: /Handed over by Robin Hale \(PC 300\)/ });
    await summary.waitFor({ timeout: 15_000 });
    expect(await summary.textContent()).toContain('Camera 3 lens fogged since 14:00.');
    expect(await summary.getByRole('list', { name: 'Open at handover' }).textContent()).toMatch(
      /\d+ undecided alert/,
    );
    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious)).toEqual([]);
    await ctx.close();
  });
});

async function measureBox(page: Page, selector: string): Promise<Box | null> {
  return page.evaluate<Box | null>(`(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null;
    const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; })()`);
}
