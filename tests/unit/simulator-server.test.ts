import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  FEED_NAMESPACE,
  alertSchema,
  deploymentSchema,
  type Alert,
  type Deployment,
} from '../../shared/feed/schemas';
import { readImageHeader } from '../../shared/feed/image-header';
import { checkpointSigningText } from '../../shared/journal/entries';
import { TrainingFeedServer, type TrainingFeedOptions } from '../../electron/simulator/feed-server';

type AlertHandler = (payload: Alert, ack: (answer: unknown) => void) => void;

interface Station {
  socket: Socket;
  alerts: Alert[];
  deployments: Deployment[];
  stationId: string;
  privateKey: KeyObject;
}

const servers: TrainingFeedServer[] = [];
const sockets: Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

async function startServer(opts: TrainingFeedOptions = {}): Promise<TrainingFeedServer> {
  const server = await TrainingFeedServer.start({
    rate: 0,
    scenes: false,
    watchlistSize: 6,
    ackTimeoutMs: 2_000,
    ...opts,
  });
  servers.push(server);
  return server;
}

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { stationKey: publicKey.export({ format: 'jwk' }).x!, privateKey };
}

/** A minimal station: stores nothing, answers alerts as `onAlert` says (default: stored). */
async function connect(
  server: TrainingFeedServer,
  opts: {
    token?: string;
    resume?: { deploymentId: string; afterSeq: number } | null;
    onAlert?: AlertHandler;
    stationId?: string;
  } = {},
): Promise<Station> {
  const { stationKey, privateKey } = keyPair();
  const stationId = opts.stationId ?? randomUUID();
  const socket = io(`${server.url}${FEED_NAMESPACE}`, {
    autoConnect: false,
    reconnection: false,
    forceNew: true,
    transports: ['websocket'],
    auth: {
      token: opts.token ?? 'training',
      stationId,
      stationKey,
      clientVersion: 'test/1',
      resume: opts.resume ?? null,
    },
  });
  sockets.push(socket);
  const station: Station = { socket, alerts: [], deployments: [], stationId, privateKey };
  socket.on('deployment', (d: Deployment) => station.deployments.push(d));
  socket.on('alert', (payload: Alert, ack: (answer: unknown) => void) => {
    station.alerts.push(payload);
    (opts.onAlert ?? ((_p, a) => a({ status: 'stored' })))(payload, ack);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.connect();
  });
  return station;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function decisionFor(server: TrainingFeedServer, alertId: string, revision = 1) {
  const hex = 'ab'.repeat(32);
  return {
    v: 1,
    alertId,
    deploymentId: server.deployment.deploymentId,
    revision,
    decision: 'no-engage',
    reasons: ['not-the-person'],
    rationale: 'Different ear shape and no scar on the chin.',
    operator: { id: 'PC-101', name: 'Pat Example' },
    shownAt: new Date().toISOString(),
    decidedAt: new Date().toISOString(),
    evidence: { probeSha256: hex, subjectSha256: hex, score: 0.66, threshold: 0.64 },
    journal: { seq: 12, hash: hex },
  };
}

describe('training feed server', () => {
  it('refuses non-loopback hosts and unknown drills', async () => {
    await expect(TrainingFeedServer.start({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
    await expect(TrainingFeedServer.start({ drill: 'nope' as never })).rejects.toThrow(/unknown drill/);
  });

  it('fails the handshake with "unauthorized" for a wrong token or a malformed auth', async () => {
    const server = await startServer({ token: 'secret' });
    await expect(connect(server, { token: 'wrong' })).rejects.toThrow('unauthorized');
    const socket = io(`${server.url}${FEED_NAMESPACE}`, {
      reconnection: false,
      forceNew: true,
      transports: ['websocket'],
      auth: { token: 'secret' },
    });
    sockets.push(socket);
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthorized');
    await expect(connect(server, { token: 'secret' })).resolves.toBeDefined();
  });

  it('sends the deployment on connect and again when it changes', async () => {
    const server = await startServer();
    const station = await connect(server);
    await until(() => station.deployments.length === 1, 'deployment');
    // With the latest checkpoint the feed holds from this station (none yet).
    expect(deploymentSchema.parse(station.deployments[0])).toEqual({
      ...server.deployment,
      lastCheckpoint: null,
    });
    server.setDeployment({ threshold: 0.7 });
    await until(() => station.deployments.length === 2, 'changed deployment');
    expect(station.deployments[1]!.threshold).toBe(0.7);
    expect(() => server.setDeployment({ threshold: 2 })).toThrow();
  });

  it('delivers alerts with binary images that parse, and resolves emitAlert with the ack', async () => {
    const server = await startServer({ scenes: true });
    const station = await connect(server, {
      onAlert: (p, ack) =>
        ack(p.seq === 2 ? { status: 'rejected', reason: 'outside window' } : { status: 'stored' }),
    });
    const first = await server.emitAlert();
    const second = await server.emitAlert();
    expect(first.ack).toBe('stored');
    expect(second).toMatchObject({ ack: 'rejected', reason: 'outside window', deliveries: 1 });
    expect(first.ackLatenciesMs).toHaveLength(1);
    const received = alertSchema.parse(station.alerts[0]);
    expect(Buffer.isBuffer(station.alerts[0]!.probe.data)).toBe(true);
    expect(readImageHeader(received.probe.data)).toMatchObject({
      width: received.probe.width,
      height: received.probe.height,
    });
    expect(readImageHeader(received.scene!.data)).toMatchObject({ width: 1280, height: 720 });
    expect(received.subject.image.data.length).toBeGreaterThan(5_000);
  });

  it('re-delivers unacknowledged alerts on reconnect, in seq order, and honours resume.afterSeq', async () => {
    const server = await startServer({ ackTimeoutMs: 300 });
    const first = await connect(server, {
      onAlert: (p, ack) => (p.seq === 1 ? ack({ status: 'stored' }) : undefined),
    });
    const a1 = await server.emitAlert();
    void server.emitAlert();
    void server.emitAlert();
    await until(() => first.alerts.length === 3, 'three alerts');
    first.socket.close();
    await until(() => server.stations.length === 0, 'disconnect');
    expect([...server.alerts.values()].map((r) => r.ack)).toEqual(['stored', 'pending', 'pending']);

    // A station without resume gets what was never acknowledged: seq 2 and 3.
    const second = await connect(server);
    await until(() => second.alerts.length === 2, 're-delivery');
    expect(second.alerts.map((a) => a.seq)).toEqual([2, 3]);
    await until(() => [...server.alerts.values()].every((r) => r.ack === 'stored'), 'all stored');
    second.socket.close();

    // resume.afterSeq: everything after it comes again, even if stored.
    const third = await connect(server, {
      resume: { deploymentId: server.deployment.deploymentId, afterSeq: 1 },
    });
    await until(() => third.alerts.length === 2, 'resume');
    expect(third.alerts.map((a) => a.seq)).toEqual([2, 3]);
    third.socket.close();

    // A resume for another deployment does not count.
    const fourth = await connect(server, { resume: { deploymentId: 'other', afterSeq: 0 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(fourth.alerts).toHaveLength(0);
    expect(server.alerts.get(a1.payload.alertId)!.deliveries).toBe(1);
    const seq2 = [...server.alerts.values()].find((r) => r.payload.seq === 2)!;
    expect(seq2.deliveries).toBe(3);
  });

  it('records decisions idempotently by (alertId, revision) and rejects invalid ones with a reason', async () => {
    const server = await startServer();
    const station = await connect(server);
    const record = await server.emitAlert();
    const message = decisionFor(server, record.payload.alertId);
    expect(await station.socket.emitWithAck('decision', message)).toEqual({ status: 'recorded' });
    expect(await station.socket.emitWithAck('decision', message)).toEqual({ status: 'recorded' });
    expect(server.decisions.size).toBe(1);
    expect(server.duplicates.decision).toBe(1);
    expect(server.decisions.get(`${record.payload.alertId}#1`)?.rationale).toBe(message.rationale);

    const amended = { ...decisionFor(server, record.payload.alertId, 2), decision: 'engage' };
    expect(await station.socket.emitWithAck('decision', amended)).toEqual({ status: 'recorded' });
    expect(server.decisions.size).toBe(2);

    const invalid = await station.socket.emitWithAck('decision', { ...message, reasons: [] });
    expect(invalid).toMatchObject({ status: 'rejected' });
    expect((invalid as { reason: string }).reason).toMatch(/reasons/);
    const conflicting = await station.socket.emitWithAck('decision', { ...message, rationale: 'changed' });
    expect(conflicting).toMatchObject({ status: 'rejected' });
    const unknownDeployment = await station.socket.emitWithAck('decision', {
      ...message,
      deploymentId: 'nope',
    });
    expect(unknownDeployment).toMatchObject({ status: 'rejected', reason: 'unknown deployment nope' });
    expect(server.decisions.size).toBe(2);

    const outcome = {
      v: 1,
      alertId: record.payload.alertId,
      deploymentId: server.deployment.deploymentId,
      revision: 1,
      result: 'not-located',
      notes: '',
      recordedBy: { id: 'PC-101', name: 'Pat Example' },
      recordedAt: new Date().toISOString(),
    };
    expect(await station.socket.emitWithAck('outcome', outcome)).toEqual({ status: 'recorded' });
    expect(await station.socket.emitWithAck('outcome', outcome)).toEqual({ status: 'recorded' });
    expect(server.outcomes.size).toBe(1);
    expect(await station.socket.emitWithAck('outcome', { ...outcome, result: 'maybe' })).toMatchObject({
      status: 'rejected',
    });
  });

  it('verifies checkpoint signatures with the handshake key', async () => {
    const server = await startServer();
    const station = await connect(server);
    const hash = 'cd'.repeat(32);
    const deploymentId = server.deployment.deploymentId;
    const text = checkpointSigningText(station.stationId, deploymentId, 50, hash);
    const signature = sign(null, Buffer.from(text, 'utf8'), station.privateKey).toString('base64url');
    const message = { v: 1, stationId: station.stationId, deploymentId, seq: 50, hash, signature };
    expect(await station.socket.emitWithAck('checkpoint', message)).toEqual({ status: 'recorded' });
    expect(await station.socket.emitWithAck('checkpoint', message)).toEqual({ status: 'recorded' });
    expect(server.checkpoints).toHaveLength(1);
    expect(server.duplicates.checkpoint).toBe(1);

    const forged = sign(null, Buffer.from(text, 'utf8'), keyPair().privateKey).toString('base64url');
    const bad = await station.socket.emitWithAck('checkpoint', { ...message, seq: 51, signature: forged });
    expect(bad).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/signature/) });
    const tampered = await station.socket.emitWithAck('checkpoint', { ...message, seq: 52 });
    expect(tampered).toMatchObject({ status: 'rejected' });
    expect(server.checkpoints).toHaveLength(1);
  });

  it('withdraws an alert and gets the station answer', async () => {
    const server = await startServer();
    const station = await connect(server);
    const withdrawals: unknown[] = [];
    station.socket.on('alert-withdrawn', (m: unknown, ack: (a: unknown) => void) => {
      withdrawals.push(m);
      ack({ status: 'stored' });
    });
    const record = await server.emitAlert();
    expect(await server.withdraw(record.payload.alertId, 'entry removed from the watchlist')).toEqual({
      status: 'stored',
    });
    expect(withdrawals).toEqual([
      { v: 1, alertId: record.payload.alertId, reason: 'entry removed from the watchlist' },
    ]);
    expect(record.withdrawn).toEqual({ reason: 'entry removed from the watchlist', ack: 'stored' });
  });

  it('emits alerts on a timer once a station is connected', async () => {
    const server = await startServer({ rate: 600 });
    await new Promise((r) => setTimeout(r, 300));
    expect(server.alerts.size).toBe(0);
    const station = await connect(server);
    await until(() => station.alerts.length >= 2, 'timed alerts');
    expect(station.alerts[1]!.seq).toBeGreaterThan(station.alerts[0]!.seq);
  });
});
