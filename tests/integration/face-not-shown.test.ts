/**
 * Issue 28 item 2: a face that cannot be shown. The screen says which face it could not
 * show; the station journals it (alert-shown with imagesNotShown, journal-v1 "data may carry
 * more"), finds the file gone and asks the feed for the alert again (a reconnection whose
 * resume starts before it), which writes the file again. The alert can be decided: No engage
 * with the reason that says an image could not be shown; Engage is refused, and that reason
 * is refused on an alert whose faces were both shown.
 */
import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { IMAGE_NOT_SHOWN, REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const cleanup = closeAfterEach();
const RATIONALE = 'The live face could not be shown, so no comparison was possible.';

describe('a face that cannot be shown', () => {
  it('is journalled, asked of the feed again, and the alert decided as not shown', async () => {
    const server = await TrainingFeedServer.start({
      rate: 0,
      token: 't',
      scenes: false,
      ackTimeoutMs: 60_000,
    });
    cleanup.push(() => server.close());
    const dataDir = tempDir();
    const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    await signInWithAccount(core, dataDir, { id: 'PC 12', name: 'Lee Moss', role: 'officer' });
    const id = server.deployment.deploymentId;
    const file = journalFile(dataDir, id);
    const shownFine = await server.emitAlert();
    const missing = await server.emitAlert();
    expect([shownFine.ack, missing.ack]).toEqual(['stored', 'stored']);
    const alertOf = (alertId: string) => snapshot()?.alerts.find((a) => a.alertId === alertId);
    await waitFor(() => alertOf(missing.payload.alertId), 'alert on screen');
    const probe = alertOf(missing.payload.alertId)!.probe.sha256;
    const probeFile = join(dataDir, 'deployments', id, 'images', probe);
    await unlink(probeFile);

    // The screen could not show the live face: it says so.
    const shown = await core.services.alertShown({ alertId: missing.payload.alertId, notShown: ['probe'] });
    expect(shown).toMatchObject({ ok: true });
    const entry = readJournal(file).find(
      (e) => e.type === 'alert-shown' && (e.data as { alertId: string }).alertId === missing.payload.alertId,
    );
    expect(entry?.data).toMatchObject({ imagesNotShown: [{ role: 'probe', sha256: probe, onDisk: false }] });
    expect(entry?.actor).toMatchObject({ id: 'PC 12' });
    await waitFor(
      () => alertOf(missing.payload.alertId)?.facesNotShown?.includes('probe'),
      'not shown on the view',
    );
    // Asked of the feed again: the alert comes back and its file is written again.
    await waitFor(() => existsSync(probeFile), 'the live face written again from a re-delivery', 15_000);
    expect(server.alerts.get(missing.payload.alertId)!.deliveries).toBeGreaterThan(1);

    // Engage is refused without both faces; No engage must say why.
    const decide = (decision: 'engage' | 'no-engage', reasons: string[]) =>
      core.services.recordDecision({
        alertId: missing.payload.alertId,
        decision,
        reasons,
        rationale: RATIONALE,
      });
    expect(await decide('engage', [REASON_CODES[0]!.code, IMAGE_NOT_SHOWN.code])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/live camera face could not be shown: Engage needs both faces/),
    });
    expect(await decide('no-engage', [REASON_CODES[2]!.code])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/choose the reason "An image could not be shown"/),
    });
    expect(await decide('no-engage', [IMAGE_NOT_SHOWN.code])).toMatchObject({ ok: true, revision: 1 });
    await waitFor(() => server.decisions.get(`${missing.payload.alertId}#1`), 'decision at the feed');
    expect(server.decisions.get(`${missing.payload.alertId}#1`)).toMatchObject({
      reasons: [IMAGE_NOT_SHOWN.code],
    });

    // Both faces shown: the reason does not apply.
    expect(await core.services.alertShown({ alertId: shownFine.payload.alertId })).toMatchObject({
      ok: true,
    });
    expect(
      await core.services.recordDecision({
        alertId: shownFine.payload.alertId,
        decision: 'no-engage',
        reasons: [IMAGE_NOT_SHOWN.code],
        rationale: RATIONALE,
      }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/Both faces were shown/) });
    expect((await verifyJournal(file)).failure).toBeNull();
  });
});
