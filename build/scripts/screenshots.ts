/**
 * `npm run screenshots`: drives the real station (browser mode, built-in training
 * feed) in Debian's Chromium as a new user would, and saves the pictures the README
 * shows into docs/screenshots/. Needs `npm run build` first; the report page needs
 * pdftoppm (Debian's poppler-utils) and is skipped without it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, signIn, startStation } from '../../tests/e2e/harness';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const shot = (page: Page, name: string) => page.screenshot({ path: join(OUT, `${name}.png`) });

async function decide(page: Page, kind: 'Engage' | 'No engage', reason: string, rationale: string) {
  const probe = page.getByRole('img', { name: 'Probe image' });
  await probe.waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => {
    const imgs = [...document.querySelectorAll('img')];
    return imgs.length >= 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  });
  await page.getByRole('radio', { name: kind, exact: true }).check();
  await page.getByRole('checkbox', { name: reason }).check();
  await page.getByRole('textbox', { name: 'Rationale' }).fill(rationale);
  const button = page.getByRole('button', { name: 'Record decision' });
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find(
      (x) => x.textContent?.trim() === 'Record decision',
    );
    return b && !b.hasAttribute('disabled');
  });
  return button;
}

const station = await startStation(['--rate', '40']);
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(station.url);
  await page
    .getByRole('status')
    .filter({ hasText: /connected/i })
    .first()
    .waitFor({ timeout: 30_000 });
  await shot(page, 'sign-in');

  await signIn(page, 'PC 4521', 'Alex Morgan');
  await page.getByRole('img', { name: 'Probe image' }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(4000);
  // The officer's screen at the sizes it is designed for (issue 14): everything in view, no page scroll.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(500);
  await shot(page, 'live-review-1920x1080');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(500);
  await shot(page, 'live-review-1280x720');
  await shot(page, 'live-review');
  await page.setViewportSize({ width: 1440, height: 900 });

  const first = await decide(
    page,
    'No engage',
    'Facial features differ',
    'Ear shape and jawline differ from the reference; hairline is lower.',
  );
  await page.locator('.decision-form, form').first().scrollIntoViewIfNeeded();
  await shot(page, 'decision-form');
  await first.click();

  const rationales = [
    [
      'Engage',
      'Strong facial likeness',
      'Same scar on the left eyebrow and matching nose profile; location fits.',
    ],
    [
      'No engage',
      'Apparent age or sex differs',
      'Subject looks at least twenty years younger than the reference image.',
    ],
    [
      'No engage',
      'Probe image poor quality',
      'Face half turned and blurred; cannot compare features with confidence.',
    ],
    [
      'Engage',
      'Distinctive features match',
      'Distinctive eyebrow shape and glasses match; score well above threshold.',
    ],
  ] as const;
  for (const [kind, reason, text] of rationales) await (await decide(page, kind, reason, text)).click();
  await page.waitForTimeout(1000);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Officer ID').waitFor();
  await page.getByLabel('Officer ID').fill('INSP 207');
  await page.getByLabel('Officer name').fill('Priya Shah');
  await page.getByRole('radio', { name: 'Supervisor' }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Replay' }).click();
  await page
    .getByRole('button', { name: /^Open / })
    .first()
    .click();
  await page.getByRole('heading', { name: 'Timeline' }).waitFor({ timeout: 60_000 });
  for (let i = 0; i < 8; i++) await page.getByRole('button', { name: 'Next event' }).click();
  await page.waitForTimeout(500);
  await shot(page, 'replay-timeline');

  await page.getByRole('button', { name: 'Statistics' }).first().click();
  await page.waitForTimeout(1000);
  await shot(page, 'replay-statistics');

  await page.getByRole('button', { name: 'Report and exports' }).first().click();
  await page.getByRole('button', { name: 'Export PDF report' }).click();
  const saved = await page.locator('.export-status code').first().textContent({ timeout: 30_000 });
  await shot(page, 'replay-exports');
  if (saved && existsSync('/usr/bin/pdftoppm')) {
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '2', saved, join(OUT, 'report')]);
    process.stdout.write(`report pages rendered from ${saved}\n`);
  } else
    process.stdout.write('pdftoppm not found: report pages not rendered (apt-get install poppler-utils)\n');
} finally {
  await browser.close();
  await station.stop();
}
process.stdout.write(`screenshots in ${OUT}\n`);
