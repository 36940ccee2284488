/**
 * The station core against a real Socket.IO feed server (the training feed) and real
 * files: intake, duplicates, decisions through the outbox, resume, unauthorized.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StationCore } from '../../electron/core/station-core';
import { verifyJournal } from '../../electron/core/journal/verify';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { MALFORMED_KINDS } from '../../electron/simulator/malformed';
import { REASON_CODES } from '../../shared/decision-rules';
import type { StationSnapshot } from '../../shared/view';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'test-token';
const cleanup = closeAfterEach();

async function feed(opts: Partial<Parameters<typeof TrainingFeedServer.start>[0]> = {}) {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, ...opts });
  cleanup.push(() => server.close());
  return server;
}

async function station(server: { url: string }, dataDir = tempDir(), token = TOKEN) {
  // No minimum dwell in these tests (settings other than sound are a supervisor's to change).
  writeStationSettings(dataDir, { dwellMs: 0 });
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token,
    ackTimeoutMs: 1000,
  });
  cleanup.push(() => core.close());
  let latest: StationSnapshot | null = null;
  core.onEvent('state', (s) => (latest = s));
  const snapshot = () => latest ?? null;
  return { core, dataDir, snapshot };
}

async function decide(core: StationCore, alertId: string, decision: 'engage' | 'no-engage' = 'no-engage') {
  const shown = await core.services.alertShown({ alertId });
  expect(shown).toEqual({ ok: true, shownAt: expect.any(String), lookedMs: expect.any(Number) });
  return core.services.recordDecision({
    alertId,
    decision,
    reasons: [REASON_CODES[2]!.code],
    rationale: 'Jawline and eye spacing differ clearly from the reference.',
  });
}

describe('station and feed', () => {
  it('stores an alert durably before acknowledging, shows it pending, and answers a duplicate without storing twice', async () => {
    const server = await feed({ scenes: true });
    const { core, dataDir, snapshot } = await station(server);
    await waitFor(() => snapshot()?.deployment, 'deployment');
    expect(snapshot()!.feed.state).toBe('connected');

    const record = await server.emitAlert();
    expect(record.ack).toBe('stored');
    const id = record.payload.alertId;
    const file = journalFile(dataDir, server.deployment.deploymentId);
    const received = readJournal(file).filter((e) => e.type === 'alert-received');
    expect(received.map((e) => e.data.alertId)).toEqual([id]);
    const probe = received[0]!.data.probe as { sha256: string };
    expect(
      existsSync(join(dataDir, 'deployments', server.deployment.deploymentId, 'images', probe.sha256)),
    ).toBe(true);

    await server.redeliver(id);
    expect(await server.emitRaw('alert', record.payload)).toEqual({ status: 'stored' });
    const snap = await waitFor(() => snapshot()?.alerts.length === 1 && snapshot(), 'snapshot');
    expect(snap.alerts[0]!.status).toBe('pending');
    expect(snap.alerts[0]!.scene?.box).toBeTruthy();
    expect(readJournal(file).filter((e) => e.type === 'alert-received')).toHaveLength(1);
    expect(core.undecidedCount()).toBe(1);
  });

  it('records a decision, sends it with rationale, reasons, operator and evidence, and journals the answer', async () => {
    const server = await feed();
    const { core, dataDir } = await station(server);
    await signInWithAccount(core, dataDir, { id: 'PC 101', name: 'Sam Patel', role: 'officer' });
    const record = await server.emitAlert();
    const refused = await core.services.recordDecision({
      alertId: record.payload.alertId,
      decision: 'engage',
      reasons: [],
      rationale: 'short',
    });
    expect(refused.ok).toBe(false);
    const result = await decide(core, record.payload.alertId);
    expect(result.ok).toBe(true);
    const key = `${record.payload.alertId}#1`;
    const sent = await waitFor(() => server.decisions.get(key), 'decision at server');
    expect(sent).toMatchObject({
      decision: 'no-engage',
      reasons: [REASON_CODES[2]!.code],
      rationale: 'Jawline and eye spacing differ clearly from the reference.',
      operator: { id: 'PC 101', name: 'Sam Patel' },
      evidence: { score: record.payload.score, threshold: record.payload.threshold },
    });
    if (!result.ok) throw new Error('unreachable');
    expect(sent.journal).toEqual({ seq: result.seq, hash: result.hash });
    const file = journalFile(dataDir, server.deployment.deploymentId);
    await waitFor(() => readJournal(file).some((e) => e.type === 'decision-recorded'), 'decision-recorded');
    const decisionEntry = readJournal(file).find((e) => e.type === 'decision')!;
    expect(decisionEntry.hash).toBe(result.hash);
    expect((decisionEntry.data.evidence as { probeSha256: string }).probeSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyJournal(file)).ok).toBe(true);
    expect(core.undecidedCount()).toBe(0);
  });

  it('rejects an alert captured outside the authorised window and records it', async () => {
    const server = await feed();
    const { dataDir, snapshot } = await station(server);
    await waitFor(() => snapshot()?.deployment, 'deployment');
    const before = new Date(Date.parse(server.deployment.startsAt) - 60_000).toISOString();
    const record = await server.emitAlert({ capturedAt: before });
    expect(record.ack).toBe('rejected');
    expect(record.reason).toBe('outside the authorised window');
    const rejected = readJournal(journalFile(dataDir, server.deployment.deploymentId)).filter(
      (e) => e.type === 'alert-rejected',
    );
    expect(rejected[0]!.data).toMatchObject({ alertId: record.payload.alertId, code: 'outside-window' });
    await waitFor(() => snapshot()?.counts.outsideWindow === 1, 'counted');
    expect(snapshot()!.alerts).toHaveLength(0);
  });

  it('rejects every malformed drill payload over the wire with a reason, and queues none', async () => {
    const server = await feed();
    const { snapshot } = await station(server);
    await waitFor(() => snapshot()?.deployment, 'deployment');
    for (const kind of MALFORMED_KINDS) {
      const record = await server.emitMalformed(kind);
      expect(record.ack, kind).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/\w/) });
    }
    expect((await server.emitAlert()).ack).toBe('stored');
    await waitFor(() => snapshot()?.alerts.length === 1, 'the good alert only');
    expect(snapshot()!.counts.rejected).toBe(MALFORMED_KINDS.length);
  });

  it('shows refused credentials and does not retry', async () => {
    const server = await feed();
    let connections = 0;
    server.on('connection', () => connections++);
    const { snapshot } = await station(server, tempDir(), 'wrong-token');
    const snap = await waitFor(() => snapshot()?.feed.state === 'refused' && snapshot(), 'refused');
    expect(snap.feed.message).toMatch(/refused this station’s credentials/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(snapshot()!.feed.state).toBe('refused');
    expect(connections).toBe(0);
  });

  it('loses and doubles nothing when the connection drops mid-stream and when the server restarts', async () => {
    const server = await feed({ seed: 7 });
    const { dataDir, snapshot } = await station(server);
    await waitFor(() => snapshot()?.deployment, 'deployment');
    const first = await Promise.all(Array.from({ length: 10 }, () => server.emitAlert()));
    expect(first.every((r) => r.ack === 'stored')).toBe(true);
    server.disconnectAll('drop');
    const during = Array.from({ length: 10 }, () => server.emitAlert());
    const second = await Promise.all(during);
    expect(second.every((r) => r.ack === 'stored')).toBe(true);
    const file = journalFile(dataDir, server.deployment.deploymentId);
    const ids = () =>
      readJournal(file)
        .filter((e) => e.type === 'alert-received')
        .map((e) => e.data.alertId as string);
    expect(new Set(ids()).size).toBe(20);
    expect(ids()).toHaveLength(20);

    // A restarted server (same port, same deployment) learns where the station left off.
    const port = server.port;
    await server.close();
    const again = await feed({ seed: 7, port });
    const resumed = await waitFor(() => again.stations[0], 'reconnection', 60_000);
    expect(resumed.resume).toEqual({ deploymentId: again.deployment.deploymentId, afterSeq: 20 });
    expect(again.deployment.deploymentId).toBe(server.deployment.deploymentId);
    expect(ids()).toHaveLength(20);
  });

  it('keeps resending a decision through a server outage until it is recorded, once', async () => {
    const server = await feed({ seed: 3 });
    const { core, dataDir } = await station(server);
    await signInWithAccount(core, dataDir, { id: 'PC 7', name: 'Jo Reid', role: 'officer' });
    const record = await server.emitAlert();
    const port = server.port;
    await server.close();
    const result = await decide(core, record.payload.alertId);
    expect(result.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    const back = await feed({ seed: 3, port });
    const key = `${record.payload.alertId}#1`;
    await waitFor(() => back.decisions.get(key), 'decision after outage', 60_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(back.decisions.size).toBe(1);
    expect(back.duplicates.decision).toBe(0);
  });

  it('resends when an answer is lost (slow-ack drill) and the server keeps one copy', async () => {
    const server = await feed({ drill: 'slow-ack', slowAckMs: 300 });
    const { core, dataDir } = await station(server);
    await signInWithAccount(core, dataDir, { id: 'PC 8', name: 'Ash Khan', role: 'officer' });
    const record = await server.emitAlert();
    await decide(core, record.payload.alertId);
    const file = journalFile(dataDir, server.deployment.deploymentId);
    await waitFor(
      () => readJournal(file).some((e) => e.type === 'decision-recorded'),
      'recorded after resend',
      60_000,
    );
    expect(server.decisions.size).toBe(1);
    expect(server.duplicates.decision).toBeGreaterThanOrEqual(1);
  });
});
