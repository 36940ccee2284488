/**
 * The flood drill (issue 13): 3,000 alerts at a steady pace once a station connects,
 * a backlog that keeps growing rather than one lump.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { FEED_NAMESPACE } from '../../shared/feed/schemas';
import { burstPlan, FLOOD, isDrillName } from '../../electron/simulator/drills';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';

let server: TrainingFeedServer | null = null;
let socket: Socket | null = null;
afterEach(async () => {
  socket?.close();
  await server?.close();
});

it('is a drill of 3,000 alerts at 25 a second, and wins over burst when both are asked for', () => {
  expect(isDrillName('flood')).toBe(true);
  expect(FLOOD).toEqual({ alerts: 3000, perSecond: 25 });
  expect(burstPlan(new Set(['flood']), 200)).toEqual({ name: 'flood', count: 3000, everyMs: 40 });
  expect(burstPlan(new Set(['burst', 'flood']), 200)?.name).toBe('flood');
  expect(burstPlan(new Set(['burst']), 200)).toEqual({ name: 'burst', count: 200, everyMs: 0 });
  expect(burstPlan(new Set(), 200)).toBeNull();
});

it('sends alerts at a pace once a station connects, not all at once', async () => {
  server = await TrainingFeedServer.start({ rate: 0, scenes: false, watchlistSize: 4, drill: 'flood' });
  const received: string[] = [];
  socket = io(`${server.url}${FEED_NAMESPACE}`, {
    forceNew: true,
    transports: ['websocket'],
    auth: {
      token: 'training',
      stationId: randomUUID(),
      stationKey: generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!,
      clientVersion: 't',
      resume: null,
    },
  });
  socket.on('alert', (payload: { alertId: string }, ack: (a: unknown) => void) => {
    received.push(payload.alertId);
    ack({ status: 'stored' });
  });
  while (received.length < 10) await new Promise((r) => setTimeout(r, 20));
  // Paced: at 25 a second, far fewer than all 3,000 have been made when the tenth arrives.
  expect(server.alerts.size).toBeLessThan(FLOOD.alerts / 2);
  expect(new Set(received).size).toBe(received.length);
});
