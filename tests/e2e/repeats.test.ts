/**
 * Repeats handled as repeats (issue 22, item 4) end to end: the real Socket.IO training
 * feed, the real browser-mode station core, Debian's Chromium, the built renderer.
 * Three alerts on one watchlist entry and image: the officer decides the lead No engage in
 * full with the mouse and keyboard, then confirms the two repeats from the strip with the
 * key `c` once each repeat's own look time has passed. The feed receives three decisions;
 * the journal has three `decision` entries, the two repeats linked to the lead's.
 *
 * The look time is waited for by watching the strip's button, never by asserting how long
 * it took (tests do not assert wall-clock time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { journalFile, readJournal, waitFor } from '../integration/util';
import { launchBrowser, openDesktopPage, signIn, startStation, type StationProcess } from './harness';

const TOKEN = 'e2e-repeats';
const RATIONALE = 'Nose shape and ear position differ from the reference image.';

let server: TrainingFeedServer;
let station: StationProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 22 });
  station = await startStation(['--feed', server.url, '--token', TOKEN]);
  browser = await launchBrowser();
  page = await openDesktopPage(browser, station.url);
});
afterAll(async () => {
  await browser?.close();
  await station?.stop();
  await server?.close();
});

const decodedProbe = async (p: Page) => {
  const probe = p.getByRole('img', { name: 'Probe image' });
  await probe.waitFor({ timeout: 60_000 });
  await expect
    .poll(() => probe.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 60_000 })
    .toBeGreaterThan(0);
};

describe('repeats from the strip', () => {
  it('the lead decided in full, two repeats confirmed with c after their look time, each linked to the lead', async () => {
    await signIn(page, 'PC 4521', 'Alex Morgan');
    await page.getByRole('button', { name: 'Hand over' }).waitFor({ timeout: 60_000 });

    // Three alerts on one watchlist entry (and so the same watchlist image), as the
    // integration test makes them.
    const first = await server.emitAlert();
    const entryId = first.payload.subject.entryId;
    const second = await server.emitAlert({ entryId });
    const third = await server.emitAlert({ entryId });
    const ids = [first, second, third].map((r) => r.payload.alertId);
    const [lead, r1, r2] = ids as [string, string, string];
    // The queue groups repeat hits (a group row holds one item per alert): count the alerts.
    const queue = page.getByRole('list', { name: 'Alert queue' }).locator('li[data-alert-id]');
    await expect.poll(() => queue.count(), { timeout: 30_000 }).toBe(3);

    // The lead in full: mouse for the choice and reason, keyboard for the rationale and submit.
    await decodedProbe(page);
    await page.getByRole('radio', { name: 'No engage' }).click();
    await page
      .getByRole('group', { name: 'Reasons' })
      .getByRole('checkbox', { name: 'Facial features differ' })
      .click();
    await page.getByRole('textbox', { name: 'Rationale' }).click();
    await page.keyboard.type(RATIONALE);
    const record = page.getByRole('button', { name: 'Record decision' });
    await expect.poll(() => record.isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Control+Enter');
    await waitFor(() => server.decisions.get(`${lead}#1`), 'the lead decision at the feed');

    // The strip ("2 repeats on the same watchlist entry as alert #n", then "1 repeat …"): both
    // repeats' probe faces under the lead; each waits for its own look time.
    const strip = page.getByRole('region', { name: /repeats? on the same watchlist entry as alert #/ });
    await strip.waitFor({ timeout: 30_000 });
    const confirm = strip.getByRole('button', { name: 'Same as lead: no engage' });
    await expect.poll(() => confirm.count(), { timeout: 30_000 }).toBe(2);

    // Key c confirms the first ready repeat, then the next.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('c');
    await waitFor(() => server.decisions.get(`${r1}#1`) ?? server.decisions.get(`${r2}#1`), 'a repeat');
    await expect.poll(() => confirm.count(), { timeout: 30_000 }).toBe(1);
    await page.keyboard.press('c');
    await waitFor(
      () => ids.every((id) => server.decisions.get(`${id}#1`)),
      'three decisions at the feed',
      30_000,
    );
    expect(ids.map((id) => server.decisions.get(`${id}#1`)!.decision)).toEqual([
      'no-engage',
      'no-engage',
      'no-engage',
    ]);
    await expect.poll(() => queue.count(), { timeout: 30_000 }).toBe(0);

    const file = journalFile(station.dataDir, server.deployment.deploymentId);
    await waitFor(
      () => readJournal(file).filter((e) => e.type === 'decision-recorded').length === 3,
      'three server answers journalled',
    );
    const decisions = readJournal(file).filter((e) => e.type === 'decision');
    expect(decisions).toHaveLength(3);
    const leadEntry = decisions.find((d) => d.data.alertId === lead)!;
    expect(leadEntry.data).not.toHaveProperty('lead');
    const repeats = decisions.filter((d) => d.data.alertId !== lead);
    expect(repeats.map((d) => d.data.alertId).sort()).toEqual([r1, r2].sort());
    // Each repeat's `lead` names the lead's decision entry exactly (alert, revision, seq,
    // hash): the decision the officer wrote in full, never the repeat confirmed before it.
    for (const d of repeats)
      expect(d.data).toMatchObject({
        decision: 'no-engage',
        lead: { alertId: lead, revision: 1, seq: leadEntry.seq, hash: leadEntry.hash },
      });
    // What the feed received is what was journalled.
    for (const d of decisions)
      expect(server.decisions.get(`${d.data.alertId as string}#1`)!.journal).toEqual({
        seq: d.seq,
        hash: d.hash,
      });
    expect((await verifyJournal(file)).ok).toBe(true);
  });
});
