/**
 * Issue 10 against a real Socket.IO feed server and a real station core: a detail never
 * refuses an alert (items 1, 5), a changed re-delivery is a conflict (2), refusals are
 * never silent (3), capture times ahead of the station clock are flagged (4), and a
 * decision the server rejects shows as rejected with its reason (9).
 */
import { describe, expect, it } from 'vitest';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { isoWithOffset, makeDeployment } from '../../electron/simulator/scenario';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'faults-token';
const cleanup = closeAfterEach();

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: true, seed: 11 });
  cleanup.push(() => server.close());
  const dataDir = tempDir('rs-faults-');
  const { core, snapshot } = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: TOKEN });
  await waitFor(() => snapshot()?.deployment, 'the deployment');
  const journal = () => readJournal(journalFile(dataDir, server.deployment.deploymentId));
  return { server, core, dataDir, snapshot: () => snapshot()!, journal };
}

describe('alerts from a real feed', () => {
  it('re-delivered with other content: rejected naming the conflict, journalled, shown, stored alert unchanged', async () => {
    const { server, snapshot, journal } = await setUp();
    const record = await server.emitAlert();
    expect(record.ack).toBe('stored');
    const { alertId } = record.payload;
    // The same content again is stored again, and nothing more is journalled.
    expect(await server.emitRaw('alert', record.payload)).toEqual({ status: 'stored' });
    expect(journal().filter((e) => e.type === 'alert-conflict')).toEqual([]);

    const changed = { ...record.payload, score: Math.min(0.999, record.payload.score + 0.05) };
    const answer = (await server.emitRaw('alert', changed)) as { status: string; reason: string };
    expect(answer.status).toBe('rejected');
    expect(answer.reason).toMatch(/^conflicting re-delivery: alert .* already stored with other content/);
    const conflicts = journal().filter((e) => e.type === 'alert-conflict');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.data).toEqual({
      alertId,
      storedSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      receivedSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(conflicts[0]!.data.storedSha256).not.toBe(conflicts[0]!.data.receivedSha256);
    const snap = await waitFor(() => snapshot().reliability?.refusals.length && snapshot(), 'the refusal');
    expect(snap.reliability!.refusals[0]).toMatchObject({ alertId, code: 'conflict', reason: answer.reason });
    const stored = snap.alerts.find((a) => a.alertId === alertId)!;
    expect(stored.score).toBe(record.payload.score);
    expect(stored.notes?.conflicts).toBe(1);
    expect(journal().filter((e) => e.type === 'alert-received')).toHaveLength(1);
  });

  it('takes a date-only takenAt and drops a malformed optional member, naming it', async () => {
    const { server, snapshot, journal } = await setUp();
    const record = await server.emitAlert();
    const base = record.payload;
    const payload = {
      ...base,
      alertId: '3f1c1c8e-8d0e-4b52-9a53-1d1f0e6c2a11',
      seq: base.seq + 1,
      subject: {
        ...base.subject,
        ownerContact: 12345,
        image: { ...base.subject.image, takenAt: '2024-05-01' },
      },
      somethingNew: { the: 'feed added this' },
    };
    expect(await server.emitRaw('alert', payload)).toEqual({ status: 'stored' });
    const entry = journal().find((e) => e.type === 'alert-received' && e.data.alertId === payload.alertId)!;
    const data = entry.data as { dropped: string[]; subject: { image: { takenAt: string } } };
    expect(data.subject.image.takenAt).toBe('2024-05-01');
    expect(data.dropped).toEqual([expect.stringMatching(/^subject\.ownerContact: /)]);
    expect('somethingNew' in entry.data).toBe(false);
    const view = await waitFor(
      () => snapshot().alerts.find((a) => a.alertId === payload.alertId),
      'the alert on screen',
    );
    expect(view.notes?.dropped).toEqual(data.dropped);
    expect(view.subject.image.takenAt).toBe('2024-05-01');
  });

  it('refuses a lone surrogate with a reason, journals it, and tells the officer (banner data)', async () => {
    const { server, snapshot, journal } = await setUp();
    const record = await server.emitAlert();
    const payload = {
      ...record.payload,
      alertId: '6b1d2f52-3a47-4f0a-b9f3-0c8e2d1a9b77',
      seq: record.payload.seq + 1,
      subject: { ...record.payload.subject, reason: 'Wanted for \uD800 robbery' },
    };
    const answer = (await server.emitRaw('alert', payload)) as { status: string; reason: string };
    expect(answer).toEqual({
      status: 'rejected',
      reason: expect.stringMatching(/subject\.reason: contains a lone surrogate/),
    });
    const refused = journal().filter((e) => e.type === 'alert-rejected');
    expect(refused.map((e) => e.data.alertId)).toEqual([payload.alertId]);
    const snap = await waitFor(() => snapshot().reliability?.refusedTotal && snapshot(), 'the refusal');
    expect(snap.reliability!.refusals[0]).toMatchObject({ code: 'invalid', reason: answer.reason });
    // Answered the same way if sent again, never left unanswered.
    expect(await server.emitRaw('alert', payload)).toEqual(answer);
  });

  it('flags a capture time more than two minutes ahead of the station clock', async () => {
    const { server, snapshot, journal } = await setUp();
    const ahead = isoWithOffset(new Date(Date.now() + 5 * 60_000));
    const record = await server.emitAlert({ capturedAt: ahead });
    expect(record.ack).toBe('stored');
    const entry = journal().find((e) => e.type === 'alert-received')!;
    expect(entry.data.clockAheadMs).toBeGreaterThan(4 * 60_000);
    const view = await waitFor(() => snapshot().alerts[0], 'the alert');
    expect(view.notes?.clockAheadMs).toBeGreaterThan(4 * 60_000);
    const onTime = await server.emitAlert();
    const second = await waitFor(
      () => snapshot().alerts.find((a) => a.alertId === onTime.payload.alertId),
      'the second alert',
    );
    expect(second.notes?.clockAheadMs).toBeNull();
  });

  it('shows a decision the server rejects as rejected with its reason; the officer can amend', async () => {
    const { server, core, dataDir, snapshot, journal } = await setUp();
    await signInWithAccount(core, dataDir, { id: 'PC 41', name: 'Ray Dunn', role: 'officer' });
    // A deployment the server does not know: the training feed answers its decisions `rejected`.
    const other = makeDeployment({ seed: 99, now: new Date(), overrides: { deploymentId: 'TRN-UNKNOWN-1' } });
    await server.emitRaw('deployment', other);
    await waitFor(() => snapshot().deployment?.deploymentId === 'TRN-UNKNOWN-1', 'the other deployment');
    const record = await server.emitAlert();
    const payload = {
      ...record.payload,
      deploymentId: other.deploymentId,
      alertId: '0d9a8e3b-1c2d-4e5f-8a7b-6c5d4e3f2a1b',
    };
    expect(await server.emitRaw('alert', payload)).toEqual({ status: 'stored' });
    expect(await core.services.alertShown({ alertId: payload.alertId })).toMatchObject({ ok: true });
    const decide = (rationale: string) =>
      core.services.recordDecision({
        alertId: payload.alertId,
        decision: 'no-engage',
        reasons: [REASON_CODES[2]!.code],
        rationale,
      });
    expect(await decide('The jawline and ears differ clearly from the reference image.')).toMatchObject({
      ok: true,
    });
    const rejected = await waitFor(
      () => snapshot().alerts.find((a) => a.alertId === payload.alertId)?.decisions[0]?.rejected,
      'the server’s rejection',
    );
    expect(rejected).toBe(`unknown deployment ${other.deploymentId}`);
    const file = journalFile(dataDir, other.deploymentId);
    expect(readJournal(file).find((e) => e.type === 'decision-recorded')?.data).toMatchObject({
      status: 'rejected',
      reason: rejected,
    });
    // Amending makes a new revision (it is sent and answered in its turn).
    expect(await decide('Amended: compared again, the eyebrows and nose differ.')).toMatchObject({
      ok: true,
      revision: 2,
    });
    expect(journal().length).toBeGreaterThan(0);
  });
});
