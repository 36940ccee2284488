import { randomUUID } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { FEED_NAMESPACE, alertSchema, describeZodError } from '../../shared/feed/schemas';
import { MALFORMED_KINDS } from '../../electron/simulator/malformed';
import { TrainingFeedServer, type TrainingFeedOptions } from '../../electron/simulator/feed-server';
import { safeguardWarnings } from '../../shared/safeguards';

const servers: TrainingFeedServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function startServer(opts: TrainingFeedOptions): Promise<TrainingFeedServer> {
  const server = await TrainingFeedServer.start({
    rate: 0,
    scenes: false,
    watchlistSize: 4,
    ackTimeoutMs: 5_000,
    ...opts,
  });
  servers.push(server);
  return server;
}

/** A station that checks alerts with the shared schema and the deployment window, as the real one must. */
function station(server: TrainingFeedServer, reconnection = false) {
  const { publicKey } = generateKeyPairSync('ed25519');
  const received: unknown[] = [];
  let connects = 0;
  const socket = io(`${server.url}${FEED_NAMESPACE}`, {
    reconnection,
    reconnectionDelay: 50,
    reconnectionDelayMax: 100,
    forceNew: true,
    transports: ['websocket'],
    auth: {
      token: 'training',
      stationId: randomUUID(),
      stationKey: publicKey.export({ format: 'jwk' }).x!,
      clientVersion: 't',
      resume: null,
    },
  });
  sockets.push(socket);
  socket.on('connect', () => (connects += 1));
  socket.on('alert', (payload: unknown, ack: (a: unknown) => void) => {
    received.push(payload);
    const parsed = alertSchema.safeParse(payload);
    if (!parsed.success) return ack({ status: 'rejected', reason: describeZodError(parsed.error) });
    const at = Date.parse(parsed.data.capturedAt);
    const d = server.deployment;
    if (at < Date.parse(d.startsAt) || at > Date.parse(d.endsAt))
      return ack({ status: 'rejected', reason: 'outside window' });
    ack({ status: 'stored' });
  });
  return { socket, received, connects: () => connects };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('training feed drills', () => {
  it('burst: 200 alerts at once, strictly increasing seq, all acknowledged', async () => {
    const server = await startServer({ drill: 'burst' });
    const s = station(server);
    // 200 faces and scenes drawn at once: on a machine kept busy this took over 15 s (a
    // clean-clone run beside stress-ng and two other builds), so it gets the time it needs.
    await until(
      () => server.alerts.size === 200 && [...server.alerts.values()].every((r) => r.ack === 'stored'),
      'burst',
      120_000,
    );
    const seqs = [...server.alerts.values()].map((r) => r.payload.seq);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(s.received).toHaveLength(200);
  }, 150_000);

  it('malformed: every kind is refused by a station that applies the shared checks', async () => {
    const server = await startServer({ drill: 'malformed' });
    station(server);
    await until(() => server.stations.length === 1, 'connection');
    for (const kind of MALFORMED_KINDS) await server.emitMalformed(kind);
    expect(server.malformed.map((m) => m.kind)).toEqual([...MALFORMED_KINDS]);
    for (const m of server.malformed) expect(m.ack, m.kind).toMatchObject({ status: 'rejected' });
    const good = await server.emitAlert();
    expect(good.ack).toBe('stored');
  });

  it('out-of-window: some timed alerts are captured outside the window and get rejected', async () => {
    const server = await startServer({ drill: 'out-of-window', rate: 1200 });
    station(server);
    await until(
      () => [...server.alerts.values()].filter((r) => r.ack !== 'pending').length >= 4,
      'timed alerts',
    );
    const rejected = [...server.alerts.values()].filter((r) => r.ack === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    for (const r of rejected) {
      const at = Date.parse(r.payload.capturedAt);
      expect(at < Date.parse(server.deployment.startsAt) || at > Date.parse(server.deployment.endsAt)).toBe(
        true,
      );
    }
  });

  it('not-started: the window opens in 30 minutes, so alerts now are rejected', async () => {
    const server = await startServer({ drill: 'not-started' });
    station(server);
    expect(Date.parse(server.deployment.startsAt)).toBeGreaterThan(Date.now());
    expect((await server.emitAlert()).ack).toBe('rejected');
  });

  it('no-notice and late-review: the record lacks notice and a reason, and the review follows the start', async () => {
    const server = await startServer({ drill: ['no-notice', 'late-review'] });
    expect(server.deployment.notice).toEqual({ given: false, channels: [] });
    expect(Date.parse(server.deployment.watchlist.reviewedAt!)).toBeGreaterThan(
      Date.parse(server.deployment.startsAt),
    );
    const codes = safeguardWarnings(server.deployment, Date.now(), true).map((w) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['no-notice', 'watchlist-reviewed-late']));
  });

  it('duplicate: re-sends a stored alert with the same alertId and seq', async () => {
    const server = await startServer({ drill: 'duplicate' });
    const s = station(server);
    const record = await server.emitAlert();
    await server.redeliver(record.payload.alertId);
    expect(s.received).toHaveLength(2);
    expect((s.received[1] as { alertId: string }).alertId).toBe(record.payload.alertId);
    expect(record.deliveries).toBe(2);
    expect(server.duplicates.alertResends).toBe(1);
  });

  it('slow-ack: the first answer per key is never sent; a resend is answered late', async () => {
    const server = await startServer({ drill: 'slow-ack', slowAckMs: 150 });
    const s = station(server);
    const record = await server.emitAlert();
    const hex = 'ab'.repeat(32);
    const message = {
      v: 1,
      alertId: record.payload.alertId,
      deploymentId: server.deployment.deploymentId,
      revision: 1,
      decision: 'engage',
      reasons: ['strong-likeness'],
      rationale: 'Same scar, same build.',
      operator: { id: 'PC-1', name: 'Pat' },
      shownAt: new Date().toISOString(),
      decidedAt: new Date().toISOString(),
      evidence: { probeSha256: hex, subjectSha256: hex, score: 0.8, threshold: 0.64 },
      journal: { seq: 3, hash: hex },
    };
    await expect(s.socket.timeout(500).emitWithAck('decision', message)).rejects.toThrow();
    expect(server.decisions.size).toBe(1);
    const answer = await s.socket.timeout(3_000).emitWithAck('decision', message);
    expect(answer).toEqual({ status: 'recorded' });
    expect(server.decisions.size).toBe(1);
    expect(server.duplicates.decision).toBe(1);
  });

  it('disconnect: drops the connection; the station reconnects and gets the deployment again', async () => {
    const server = await startServer({ drill: 'disconnect', disconnectEveryMs: 300 });
    const s = station(server, true);
    let deployments = 0;
    s.socket.on('deployment', () => (deployments += 1));
    await until(() => s.connects() >= 2 && deployments >= 2, 'reconnect');
  });

  it('low-threshold and unreviewed-watchlist change the deployment, and combine', async () => {
    const server = await startServer({ drill: ['low-threshold', 'unreviewed-watchlist'] });
    expect(server.deployment.threshold).toBe(0.55);
    expect(server.deployment.watchlist.reviewedAt).toBeNull();
    expect(server.deployment.watchlist.reviewedBy).toBeNull();
    station(server);
    const record = await server.emitAlert();
    expect(record.payload.threshold).toBe(0.55);
    expect(record.payload.score).toBeGreaterThanOrEqual(0.55);
  });
});
