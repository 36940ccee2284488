/**
 * Issue 28 item 4: decisions made while the feed is down, with a station restart in
 * between, reach the feed in the order they were made (not the order their alerts
 * arrived); only the latest checkpoint of a journal waits in the outbox.
 */
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxItem } from '../../electron/core/outbox';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { REASON_CODES } from '../../shared/decision-rules';
import { signInWithAccount } from '../helpers/accounts';
import { closeAfterEach, startWatchedCore } from '../helpers/station';
import { tempDir, waitFor } from './util';

const cleanup = closeAfterEach();
const officer = { id: 'PC 7', name: 'Jo Reid', role: 'officer' } as const;

describe('outbox order', () => {
  it('sends five decisions made during an outage, across a restart, in decision order', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false, seed: 3 });
    const dataDir = tempDir();
    const first = await startWatchedCore([], { dataDir, feedUrl: server.url, token: 't' });
    await waitFor(() => first.snapshot()?.deployment, 'connected');
    await signInWithAccount(first.core, dataDir, officer);
    const alerts: string[] = [];
    for (let i = 0; i < 5; i++) alerts.push((await server.emitAlert()).payload.alertId);
    const port = server.port;
    await server.close();

    const order = [alerts[4]!, alerts[0]!, alerts[1]!, alerts[2]!, alerts[3]!];
    const decide = async (core: typeof first.core, alertId: string) => {
      expect(await core.services.alertShown({ alertId })).toMatchObject({ ok: true });
      const result = await core.services.recordDecision({
        alertId,
        decision: 'no-engage',
        reasons: [REASON_CODES[2]!.code],
        rationale: 'Jawline and eye spacing differ clearly from the reference.',
      });
      expect(result).toMatchObject({ ok: true });
    };
    await decide(first.core, order[0]!);
    await decide(first.core, order[1]!);
    await first.core.close();

    const second = await startWatchedCore(cleanup, { dataDir, feedUrl: server.url, token: 't' });
    await signInWithAccount(second.core, dataDir, officer);
    for (const alertId of order.slice(2)) await decide(second.core, alertId);

    const back = await TrainingFeedServer.start({ rate: 0, token: 't', scenes: false, seed: 3, port });
    cleanup.push(() => back.close());
    await waitFor(() => back.decisions.size === 5, 'five decisions', 60_000);
    expect([...back.decisions.values()].map((d) => d.alertId)).toEqual(order);
  });

  it('keeps only the latest checkpoint of each journal waiting, and orders by when items were made', () => {
    const outbox = new Outbox({ onAnswer: async () => undefined });
    const checkpoint = (deploymentId: string, seq: number): OutboxItem => ({
      kind: 'checkpoint',
      key: `${deploymentId}#${seq}`,
      payload: { v: 1, stationId: 's', deploymentId, seq, hash: 'h', signature: 'x' },
      queuedAt: '2026-01-01T00:00:00Z',
    });
    const decision = (alertId: string, decidedAt: string, seq: number): OutboxItem => ({
      kind: 'decision',
      key: `${alertId}#1`,
      payload: { alertId, decidedAt, journal: { seq, hash: 'h' } },
      queuedAt: '2026-01-01T00:00:00Z',
    });
    for (let seq = 10; seq <= 50; seq += 10) outbox.enqueue(checkpoint('a', seq));
    outbox.enqueue(checkpoint('b', 7));
    outbox.enqueue(checkpoint('a', 20)); // older than the one waiting: not queued again
    outbox.enqueue(decision('late', '2026-01-01T10:05:00Z', 9));
    outbox.enqueue(decision('early', '2026-01-01T10:01:00Z', 30));
    expect(outbox.size).toBe(4);
    expect(outbox.has('checkpoint', 'a#50')).toBe(true);
    expect(outbox.has('checkpoint', 'a#40')).toBe(false);
    const keys = [...(outbox as unknown as { slots: Map<string, unknown> }).slots.keys()];
    expect(keys).toEqual(['decision:early#1', 'decision:late#1', 'checkpoint:b#7', 'checkpoint:a#50']);
  });
});
