/**
 * The training feed as the reference server for lfr-feed-v1 "Shared deployments: claims":
 * several real Socket.IO stations on one deployment; every message parsed with the
 * shared schemas, as an external station would.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { FEED_NAMESPACE, type Deployment } from '../../shared/feed/schemas';
import {
  alertClaimedSchema,
  alertEscalatedSchema,
  alertReleasedSchema,
  alertSettledSchema,
  claimAnswerSchema,
  seatsSchema,
  type AlertClaimed,
  type AlertEscalated,
  type AlertReleased,
  type AlertSettled,
  type ClaimAnswer,
  type Seats,
} from '../../shared/feed/claims';
import { TrainingFeedServer, type TrainingFeedOptions } from '../../electron/simulator/feed-server';

interface Station {
  socket: Socket;
  stationId: string;
  deployments: Deployment[];
  claimed: AlertClaimed[];
  released: AlertReleased[];
  settled: AlertSettled[];
  escalated: AlertEscalated[];
  seats: Seats[];
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
    claims: true,
    ...opts,
  });
  servers.push(server);
  return server;
}

async function connect(server: TrainingFeedServer, stationId = randomUUID()): Promise<Station> {
  const stationKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
  const socket = io(`${server.url}${FEED_NAMESPACE}`, {
    autoConnect: false,
    reconnection: false,
    forceNew: true,
    transports: ['websocket'],
    auth: { token: 'training', stationId, stationKey, clientVersion: 'test/1', resume: null },
  });
  sockets.push(socket);
  const s: Station = {
    socket,
    stationId,
    deployments: [],
    claimed: [],
    released: [],
    settled: [],
    escalated: [],
    seats: [],
  };
  socket.on('deployment', (d: Deployment) => s.deployments.push(d));
  socket.on('alert', (_p: unknown, ack: (a: unknown) => void) => ack({ status: 'stored' }));
  socket.on('alert-claimed', (m: unknown) => s.claimed.push(alertClaimedSchema.parse(m)));
  socket.on('alert-released', (m: unknown) => s.released.push(alertReleasedSchema.parse(m)));
  socket.on('alert-escalated', (m: unknown) => s.escalated.push(alertEscalatedSchema.parse(m)));
  socket.on('seats', (m: unknown) => s.seats.push(seatsSchema.parse(m)));
  socket.on('alert-settled', (m: unknown, ack: (a: unknown) => void) => {
    s.settled.push(alertSettledSchema.parse(m));
    ack({ status: 'stored' });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
    socket.connect();
  });
  return s;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const PC_REES = { id: 'PC-2', name: 'PC Rees' };
const PC_MORGAN = { id: 'PC-1', name: 'PC Morgan' };
const SGT_HALL = { id: 'SGT-9', name: 'Sgt Hall' };

async function claim(
  s: Station,
  server: TrainingFeedServer,
  alertId: string,
  operator = PC_MORGAN,
  extra: { role?: 'officer' | 'supervisor'; takeOver?: boolean } = {},
): Promise<ClaimAnswer> {
  const answer: unknown = await s.socket.timeout(5_000).emitWithAck('claim', {
    v: 1,
    alertId,
    deploymentId: server.deployment.deploymentId,
    operator,
    role: extra.role ?? 'officer',
    ...(extra.takeOver ? { takeOver: true } : {}),
  });
  return claimAnswerSchema.parse(answer);
}

function decision(server: TrainingFeedServer, alertId: string, operator = PC_MORGAN, revision = 1) {
  const hex = 'ab'.repeat(32);
  const now = new Date().toISOString();
  return {
    v: 1,
    alertId,
    deploymentId: server.deployment.deploymentId,
    revision,
    decision: 'no-engage',
    reasons: ['not-the-person'],
    rationale: 'Different ear shape and no scar on the chin.',
    operator,
    shownAt: now,
    decidedAt: now,
    evidence: { probeSha256: hex, subjectSha256: hex, score: 0.66, threshold: 0.64 },
    journal: { seq: 12, hash: hex },
  };
}

async function twoSeats(opts: TrainingFeedOptions = {}) {
  const server = await startServer(opts);
  const one = await connect(server);
  const two = await connect(server);
  const record = await server.emitAlert();
  return { server, one, two, alertId: record.payload.alertId };
}

describe('training feed: claims across stations', () => {
  it('lists "claims" in the deployment; one station holds, the other is told who and cannot decide', async () => {
    const { server, one, two, alertId } = await twoSeats();
    await until(() => two.deployments.length > 0, 'deployment');
    expect(two.deployments[0]!.features).toEqual(['claims']);

    const granted = await claim(one, server, alertId);
    expect(granted.status).toBe('granted');
    await until(() => two.claimed.length === 1, 'alert-claimed at seat 2');
    expect(two.claimed[0]!.by).toMatchObject({
      stationId: one.stationId,
      label: 'Seat 1',
      operator: PC_MORGAN,
    });
    expect(one.claimed).toHaveLength(0);

    const held = await claim(two, server, alertId, PC_REES);
    expect(held).toMatchObject({ status: 'held', by: { label: 'Seat 1', operator: PC_MORGAN } });

    const refused = (await two.socket.emitWithAck('decision', decision(server, alertId, PC_REES))) as {
      reason: string;
    };
    expect(refused).toMatchObject({ status: 'rejected' });
    expect(refused.reason).toMatch(/held by PC Morgan at Seat 1/);

    expect(await one.socket.emitWithAck('decision', decision(server, alertId))).toEqual({
      status: 'recorded',
    });
    await until(() => two.settled.length === 1, 'alert-settled at seat 2');
    expect(two.settled[0]).toMatchObject({
      alertId,
      decision: 'no-engage',
      revision: 1,
      by: { label: 'Seat 1' },
    });
    expect(one.settled).toHaveLength(0);
    expect(await claim(two, server, alertId, PC_REES)).toMatchObject({
      status: 'settled',
      decision: 'no-engage',
    });
    // An amendment goes to the deciding station: accepted there, refused elsewhere.
    expect(await one.socket.emitWithAck('decision', decision(server, alertId, PC_MORGAN, 2))).toEqual({
      status: 'recorded',
    });
    await until(() => two.settled.length === 2, 'the amendment settled at seat 2');
    expect(two.settled[1]!.revision).toBe(2);
  });

  it('renewing keeps the claim and its since; release offers the alert again', async () => {
    const { server, one, two, alertId } = await twoSeats();
    const first = await claim(one, server, alertId);
    const again = await claim(one, server, alertId);
    expect(first.status === 'granted' && again.status === 'granted').toBe(true);
    expect(two.claimed).toHaveLength(1);
    const since = server.claims.holder(alertId)!.since;
    expect(await claim(one, server, alertId)).toMatchObject({ status: 'granted' });
    expect(server.claims.holder(alertId)!.since).toBe(since);

    const answer = await one.socket.emitWithAck('release', {
      v: 1,
      alertId,
      deploymentId: server.deployment.deploymentId,
      reason: 'moved to another alert',
    });
    expect(answer).toEqual({ status: 'released' });
    await until(() => two.released.length === 1, 'alert-released at seat 2');
    expect(two.released[0]).toMatchObject({ alertId, reason: 'moved to another alert' });
    expect(await claim(two, server, alertId, PC_REES)).toMatchObject({ status: 'granted' });
  });

  it('take-over: refused from an officer, honoured from a signed-in supervisor, the holder told why', async () => {
    const { server, one, two, alertId } = await twoSeats();
    await claim(one, server, alertId);
    const officer = await claim(two, server, alertId, PC_REES, { takeOver: true });
    expect(officer).toMatchObject({ status: 'rejected' });
    expect((officer as { reason: string }).reason).toMatch(/supervisor/);
    two.socket.emit('seat', {
      v: 1,
      deploymentId: server.deployment.deploymentId,
      operator: SGT_HALL,
      role: 'supervisor',
    });
    const taken = await claim(two, server, alertId, SGT_HALL, { role: 'supervisor', takeOver: true });
    expect(taken).toMatchObject({ status: 'granted' });
    await until(() => one.released.length === 1, 'alert-released at the former holder');
    expect(one.released[0]!.reason).toBe('taken over by Sgt Hall at Seat 2');
    expect(server.claims.holder(alertId)).toMatchObject({ stationId: two.stationId, operator: SGT_HALL });
    await until(() => one.claimed.length === 1, 'alert-claimed at the former holder');
    const refused = (await one.socket.emitWithAck('decision', decision(server, alertId))) as {
      status: string;
    };
    expect(refused.status).toBe('rejected');
  });

  it('a station that goes away gives its claims back after the grace; one that stops renewing too', async () => {
    const { server, one, two, alertId } = await twoSeats({ claimGraceMs: 300, claimTtlMs: 600 });
    await claim(one, server, alertId);
    one.socket.close();
    await until(() => two.released.length === 1, 'released after the grace');
    expect(two.released[0]!.reason).toMatch(/Seat 1 disconnected/);
    expect(await claim(two, server, alertId, PC_REES)).toMatchObject({ status: 'granted' });
    // Seat 2 never renews: the claim expires and everyone is told.
    await until(() => two.released.length === 2, 'released on expiry');
    expect(two.released[1]!.reason).toMatch(/expired/);
    expect(server.claims.holder(alertId)).toBeNull();
  });

  it('a reconnect within the grace keeps the claim', async () => {
    const server = await startServer({ claimGraceMs: 2_000 });
    const stationId = randomUUID();
    const one = await connect(server, stationId);
    const two = await connect(server);
    const { payload } = await server.emitAlert();
    await claim(one, server, payload.alertId);
    one.socket.close();
    const back = await connect(server, stationId);
    expect(await claim(two, server, payload.alertId, PC_REES)).toMatchObject({ status: 'held' });
    expect(await claim(back, server, payload.alertId)).toMatchObject({ status: 'granted' });
    await new Promise((r) => setTimeout(r, 2_300));
    expect(two.released).toHaveLength(0);
  });

  it('escalations go to the seats where a supervisor is signed in; seats shows who holds what', async () => {
    const { server, one, two, alertId } = await twoSeats();
    two.socket.emit('seat', {
      v: 1,
      deploymentId: server.deployment.deploymentId,
      operator: SGT_HALL,
      role: 'supervisor',
    });
    await claim(one, server, alertId);
    await until(
      () => two.seats.some((m) => m.seats.some((s) => s.holding.includes(alertId))),
      'seats naming the held alert',
    );
    const latest = two.seats.at(-1)!;
    expect(latest.seats.find((s) => s.label === 'Seat 1')).toMatchObject({
      operator: PC_MORGAN,
      role: 'officer',
    });
    expect(latest.seats.find((s) => s.label === 'Seat 2')).toMatchObject({
      operator: SGT_HALL,
      role: 'supervisor',
    });

    const answer = await one.socket.emitWithAck('escalate', {
      v: 1,
      alertId,
      deploymentId: server.deployment.deploymentId,
      operator: PC_MORGAN,
      note: 'Scar matches but the age looks wrong: please advise.',
    });
    expect(answer).toEqual({ status: 'recorded' });
    await until(() => two.escalated.length === 1, 'alert-escalated at the supervisor seat');
    expect(two.escalated[0]).toMatchObject({ alertId, note: expect.stringMatching(/please advise/) });
    expect(one.escalated).toHaveLength(0);
  });

  it('refuses malformed and unknown claims with a reason; survives them', async () => {
    const { server, one, alertId } = await twoSeats();
    const bad = (await one.socket.emitWithAck('claim', { v: 1, alertId })) as { status: string };
    expect(bad.status).toBe('rejected');
    expect(await claim(one, server, randomUUID())).toMatchObject({ status: 'rejected' });
    expect(await claim(one, server, alertId)).toMatchObject({ status: 'granted' });
  });

  it('without "claims" every station decides every alert, and claims are refused', async () => {
    const { server, one, two, alertId } = await twoSeats({ claims: false });
    await until(() => one.deployments.length > 0, 'deployment');
    expect(one.deployments[0]!.features).toBeUndefined();
    expect(await claim(one, server, alertId)).toMatchObject({ status: 'rejected' });
    expect(await one.socket.emitWithAck('decision', decision(server, alertId))).toEqual({
      status: 'recorded',
    });
    expect(two.settled).toHaveLength(0);
  });
});
