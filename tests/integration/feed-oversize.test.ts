/**
 * Issue 21 item 4, lfr-feed-v1 "Limits": a feed message over the station's frame limit (a
 * 101 MiB alert from a real Socket.IO server) closes the connection, is journalled (what,
 * how large, when), raises the refusal banner, says on the feed status that intake is
 * blocked by it, and the station reconnects with backoff and takes and decides the next alerts.
 */
import { describe, expect, it } from 'vitest';
import { binaryEventOf, STATION_FRAME_LIMIT } from '../../electron/core/feed/oversize';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { makeAlert, type ScenarioContext } from '../../electron/simulator/scenario';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const cleanup = closeAfterEach();

describe('oversized feed messages', () => {
  it('reads the event of a binary packet header', () => {
    expect(binaryEventOf('51-/lfr/v1,12["alert",{"_placeholder":true,"num":0}]')).toEqual({
      event: 'alert',
      attachments: 1,
    });
    expect(binaryEventOf('2/lfr/v1,["deployment",{}]')).toBeNull();
  });

  it('journals and alarms a 101 MiB alert, then takes and decides the next alerts', async () => {
    expect(STATION_FRAME_LIMIT).toBeGreaterThan(32 * 1024 * 1024);
    const server = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false, ackTimeoutMs: 1500 });
    cleanup.push(() => server.close());
    const dataDir = tempDir();
    const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => snapshot()?.deployment, 'connected');
    await signInWithAccount(core, dataDir, { id: 'PC 101', name: 'Sam Patel', role: 'officer' });
    const scenario = (server as unknown as { scenario: ScenarioContext }).scenario;

    const huge = makeAlert(scenario);
    huge.probe = { ...huge.probe, data: new Uint8Array(101 * 1024 * 1024) };
    expect(await server.emitRaw('alert', huge)).toBeNull(); // never answered: the frame was refused

    const shown = await waitFor(
      () => snapshot()?.reliability?.refusals.find((r) => r.code === 'oversize'),
      'oversize alarm',
    );
    expect(shown.reason).toMatch(/"alert" message of 101\.0 MiB \(105906\d{3} bytes\)/);
    await waitFor(
      () => /Intake blocked by an oversized message/.test(snapshot()?.feed.message ?? ''),
      'feed status',
    );
    const file = journalFile(dataDir, server.deployment.deploymentId);
    const entry = readJournal(file).find((e) => e.type === 'alert-rejected' && e.data.code === 'oversize');
    expect(entry?.data).toMatchObject({ kind: 'alert', reason: expect.stringMatching(/101\.0 MiB/) });

    // The feed stops sending it: the station reconnects by itself and takes what comes next.
    await waitFor(() => server.stations.length === 1, 'reconnected');
    const next = await server.emitAlert();
    expect(next.ack).toBe('stored');
    const later = await server.emitAlert();
    expect(later.ack).toBe('stored');
    await waitFor(() => snapshot()?.feed.message === 'Connected', 'feed status cleared');
    expect(await core.services.alertShown({ alertId: next.payload.alertId })).toMatchObject({ ok: true });
    const decided = await core.services.recordDecision({
      alertId: next.payload.alertId,
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Jawline and eye spacing differ clearly from the reference.',
    });
    expect(decided).toMatchObject({ ok: true });
    expect(snapshot()!.reliability!.refusedTotal).toBe(1);
  });
});
