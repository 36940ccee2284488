/**
 * Retention through the whole core, as it is wired at start: a station that decided
 * alerts from a real feed is restarted with its clock past the retention period; the
 * purge runs before the feed connects, the journal still verifies with the images
 * reported purged, and a legal hold placed before the restart stops it.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { startStationCore } from '../../electron/core/station-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import { journalFile, readJournal, tempDir, waitFor } from './util';
import { testKeyDir } from '../helpers/station';

const TOKEN = 'retention-token';
const DAY = 86_400_000;
let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => undefined);
  cleanup = [];
});

async function core(url: string, dataDir: string, now?: () => number) {
  const c = await startStationCore({
    dataDir,
    keyDir: testKeyDir(dataDir),
    feedUrl: url,
    token: TOKEN,
    mode: 'browser',
    appVersion: 'test',
    ...(now ? { now } : {}),
  });
  let latest: StationSnapshot | null = null;
  c.onEvent('state', (s) => (latest = s));
  return { c, snapshot: () => latest };
}

async function decidedDeployment() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 17 });
  cleanup.push(() => server.close());
  const dataDir = tempDir('rs-retention-core-');
  mkdirSync(join(dataDir, 'station'), { recursive: true });
  writeFileSync(join(dataDir, 'station', 'settings.json'), JSON.stringify({ dwellMs: 0 }));
  const first = await core(server.url, dataDir);
  await waitFor(() => first.snapshot()?.deployment, 'deployment');
  await signInWithAccount(first.c, dataDir, { id: 'PC 31', name: 'Lee Grant', role: 'officer' });
  for (let i = 0; i < 2; i++) {
    const { payload } = await server.emitAlert();
    await first.c.services.alertShown({ alertId: payload.alertId });
    const decided = await first.c.services.recordDecision({
      alertId: payload.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Ear shape and hairline differ from the reference image.',
    });
    expect(decided.ok).toBe(true);
  }
  const file = journalFile(dataDir, server.deployment.deploymentId);
  const images = readJournal(file)
    .filter((e) => e.type === 'alert-received')
    .flatMap((e) => [
      (e.data.probe as { sha256: string }).sha256,
      (e.data.subject as { image: { sha256: string } }).image.sha256,
    ]);
  const imagePath = (sha: string) =>
    join(dataDir, 'deployments', server.deployment.deploymentId, 'images', sha);
  const late = Date.parse(server.deployment.endsAt) + 32 * DAY;
  return { server, dataDir, first, file, images: [...new Set(images)].sort(), imagePath, late };
}

describe('retention in the station core', () => {
  it('purges once retention has run out and the feed confirms the clock; the journal verifies and reports the images purged', async () => {
    const { server, dataDir, first, file, images, imagePath, late } = await decidedDeployment();
    await first.c.close();
    expect(images.every((h) => existsSync(imagePath(h)))).toBe(true);

    const second = await core(server.url, dataDir, () => late);
    cleanup.push(() => second.c.close());
    // At start the clock is a month past the journal's last entry: retention waits and says why (issue 10).
    expect(readJournal(file).some((e) => e.type === 'retention-purge')).toBe(false);
    const waiting = await waitFor(() => second.snapshot()?.reliability?.clock.doubt, 'the clock doubt');
    expect(waiting).toMatch(/more than a day after the last journal entry/);
    // An alert captured at the station's time confirms its clock (it is refused: the window is long past).
    expect((await server.emitAlert({ capturedAt: new Date(late).toISOString() })).ack).toBe('rejected');
    await waitFor(() => readJournal(file).some((e) => e.type === 'retention-purge'), 'the purge');
    const purge = readJournal(file).find((e) => e.type === 'retention-purge');
    expect(purge?.data.images).toEqual(images);
    expect(images.some((h) => existsSync(imagePath(h)))).toBe(false);
    const report = await verifyJournal(file);
    expect(report.ok).toBe(true);
    expect(report.images).toMatchObject({ purged: images.length, missing: [], altered: [] });
    // The screen is told after the entry is on disk (and folded): wait for that push.
    const snap = await waitFor(
      () => (second.snapshot()?.retention?.purgedImages === images.length ? second.snapshot() : null),
      'the purge on screen',
    );
    expect(snap.retention!.purgedImages).toBe(images.length);
    expect(snap.alerts.every((a) => a.decisions.length === 1 && a.probe.url === null)).toBe(true);
  });

  it('keeps every image while a supervisor’s legal hold stands', async () => {
    const { server, dataDir, first, file, images, imagePath, late } = await decidedDeployment();
    await first.c.services.signOut({});
    await signInWithAccount(first.c, dataDir, { id: 'PS 2', name: 'Ari Stone', role: 'supervisor' });
    const held = await first.c.services.setLegalHold({
      deploymentId: server.deployment.deploymentId,
      active: true,
      reason: 'Preserved for IOPC investigation 2025/0031',
    });
    expect(held).toEqual({ ok: true });
    await first.c.close();

    const second = await core(server.url, dataDir, () => late);
    cleanup.push(() => second.c.close());
    expect(readJournal(file).some((e) => e.type === 'retention-purge')).toBe(false);
    expect(images.every((h) => existsSync(imagePath(h)))).toBe(true);
    const snap = await waitFor(() => second.snapshot()?.retention && second.snapshot(), 'snapshot');
    expect(snap.retention!.legalHold).toMatchObject({
      reason: 'Preserved for IOPC investigation 2025/0031',
      by: { id: 'PS 2', name: 'Ari Stone' },
    });
    expect((await verifyJournal(file)).ok).toBe(true);
  });
});
