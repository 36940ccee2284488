/**
 * Issue 21 item 4: an image that does not decode in full (a PNG with a valid header and
 * no pixel data, a JPEG cut short) is refused `rejected` with a reason and journalled,
 * and the station goes on taking and deciding the next alerts. Real feed, real files.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { makeAlert, type ScenarioContext } from '../../electron/simulator/scenario';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { png } from '../helpers/images';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const cleanup = closeAfterEach();

describe('full image decode at intake', () => {
  it('refuses undecodable images with a reason, journals them, stores none of their bytes, and takes the next alert', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false });
    cleanup.push(() => server.close());
    const dataDir = tempDir();
    const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    await signInWithAccount(core, dataDir, { id: 'PC 101', name: 'Sam Patel', role: 'officer' });
    const scenario = (server as unknown as { scenario: ScenarioContext }).scenario;

    const noPixels = makeAlert(scenario);
    noPixels.probe = { mime: 'image/png', data: png(64, 80, { idat: false }), width: 64, height: 80 };
    const cutJpeg = makeAlert(scenario);
    cutJpeg.subject.image = {
      ...cutJpeg.subject.image,
      data: cutJpeg.subject.image.data.subarray(0, cutJpeg.subject.image.data.length >> 1),
    };
    const first = (await server.emitRaw('alert', noPixels)) as { status: string; reason: string };
    expect(first.status).toBe('rejected');
    expect(first.reason).toMatch(/^probe: PNG has no image data/);
    const second = (await server.emitRaw('alert', cutJpeg)) as { status: string; reason: string };
    expect(second).toEqual({
      status: 'rejected',
      reason: expect.stringMatching(/^subject.image: JPEG does not decode/),
    });

    const file = journalFile(dataDir, server.deployment.deploymentId);
    const rejected = readJournal(file).filter((e) => e.type === 'alert-rejected');
    expect(rejected.map((e) => [e.data.alertId, e.data.code])).toEqual([
      [noPixels.alertId, 'undecodable'],
      [cutJpeg.alertId, 'undecodable'],
    ]);
    const snap = await waitFor(
      () => snapshot()?.reliability?.refusedTotal === 2 && snapshot()?.reliability,
      'refusals shown',
    );
    expect(snap.refusedTotal).toBe(2);
    expect(snap.refusals[0]!.reason).toMatch(/JPEG does not decode/);

    // The next alert is taken, shown and decided; the refused alerts left no image files.
    const next = await server.emitAlert();
    expect(next.ack).toBe('stored');
    const images = readdirSync(join(dataDir, 'deployments', server.deployment.deploymentId, 'images'));
    expect(images.sort()).toEqual(
      readJournal(file)
        .filter((e) => e.type === 'alert-received')
        .flatMap((e) => [
          (e.data.probe as { sha256: string }).sha256,
          (e.data.subject as { image: { sha256: string } }).image.sha256,
        ])
        .filter((v, i, all) => all.indexOf(v) === i)
        .sort(),
    );
    await core.services.alertShown({ alertId: next.payload.alertId });
    const decided = await core.services.recordDecision({
      alertId: next.payload.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Jawline and eye spacing differ clearly from the reference.',
    });
    expect(decided).toMatchObject({ ok: true });
  });
});
