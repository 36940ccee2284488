/**
 * The training feed's `tally` (lfr-feed-v1): each camera's periods follow each other with
 * no overlap, every message passes the wire schema, and one the station does not answer
 * `stored` is sent again with the next.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { FEED_NAMESPACE, tallySchema, type Tally } from '../../shared/feed/schemas';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { TallyClock } from '../../electron/simulator/tally';
import { Random } from '../../electron/simulator/prng';
import { generateKeyPairSync, randomUUID } from 'node:crypto';

const servers: TrainingFeedServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const s of servers.splice(0)) await s.close();
});

describe('TallyClock', () => {
  it('covers time per camera without gaps or overlaps, with valid messages', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, scenes: false, watchlistSize: 3 });
    servers.push(server);
    let now = Date.parse('2026-05-01T10:00:00Z');
    const clock = new TallyClock(server.deployment, new Random(7), () => now);
    expect(clock.next()).toEqual([]); // no time has passed
    const periods: Tally[] = [];
    for (let i = 0; i < 5; i++) {
      now += 60_000 + i * 1000;
      periods.push(...clock.next());
    }
    const cameras = server.deployment.cameras.map((c) => c.id);
    expect(periods).toHaveLength(5 * cameras.length);
    for (const camera of cameras) {
      const mine = periods.filter((p) => p.cameraId === camera);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.from).toBe(mine[i - 1]!.to);
    }
    for (const p of periods) {
      expect(tallySchema.safeParse(p).success).toBe(true);
      expect(p.faces).toBeGreaterThanOrEqual(150);
      expect(p.faces).toBeLessThanOrEqual(700);
    }
    expect(tallySchema.safeParse({ ...periods[0], to: periods[0]!.from }).success).toBe(false);
    expect(tallySchema.safeParse({ ...periods[0], faces: -1 }).success).toBe(false);
  });
});

describe('training feed sends tally', () => {
  it('sends each camera a tally and re-sends one that was not stored', async () => {
    const server = await TrainingFeedServer.start({
      rate: 0,
      scenes: false,
      watchlistSize: 3,
      ackTimeoutMs: 1000,
    });
    servers.push(server);
    const socket = io(`${server.url}${FEED_NAMESPACE}`, {
      reconnection: false,
      forceNew: true,
      transports: ['websocket'],
      auth: {
        token: 'training',
        stationId: randomUUID(),
        stationKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!,
        clientVersion: 'test/1',
        resume: null,
      },
    });
    sockets.push(socket);
    const received: Tally[] = [];
    let refuseFirst = true;
    socket.on('tally', (t: Tally, ack: (a: unknown) => void) => {
      received.push(t);
      if (refuseFirst) {
        refuseFirst = false;
        ack({ status: 'rejected', reason: 'test' });
      } else ack({ status: 'stored' });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await new Promise((r) => setTimeout(r, 5));
    const first = await server.emitTallies();
    expect(first.length).toBe(server.deployment.cameras.length);
    expect(server.talliesStored).toHaveLength(first.length - 1);
    await new Promise((r) => setTimeout(r, 5));
    await server.emitTallies();
    // The refused one went again, first in the next batch.
    expect(received[first.length]).toEqual(received[0]);
    expect(server.talliesStored).toContainEqual(received[0]);
  });
});
