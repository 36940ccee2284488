import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startTrainingFeed } from '../../electron/simulator/worker-host';

const WORKER = fileURLToPath(new URL('../../electron/simulator/worker.ts', import.meta.url));
const stationKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;

async function firstDeployment(url: string, token: string): Promise<{ deploymentId: string }> {
  const socket = io(`${url}/lfr/v1`, {
    transports: ['websocket'],
    reconnection: false,
    auth: { token, stationId: randomUUID(), stationKey, clientVersion: 'test', resume: null },
  });
  try {
    return await new Promise((resolve, reject) => {
      socket.once('deployment', resolve);
      socket.once('connect_error', reject);
    });
  } finally {
    socket.disconnect();
  }
}

describe('training feed host', () => {
  it('runs the feed in a worker thread that speaks the protocol, and closes it', async () => {
    const lines: string[] = [];
    const feed = await startTrainingFeed({ port: 0, rate: 0, token: 'w' }, (l) => lines.push(l), WORKER);
    try {
      expect(feed.inWorker).toBe(true);
      expect((await firstDeployment(feed.url, 'w')).deploymentId).toMatch(/^TRN-/);
      await expect.poll(() => lines.some((l) => l.includes('connection'))).toBe(true);
    } finally {
      await feed.close();
    }
  });

  it('falls back to this thread when no worker script is given or it is missing', async () => {
    for (const file of [null, '/nonexistent/worker.cjs']) {
      const feed = await startTrainingFeed({ port: 0, rate: 0, token: 'm' }, () => undefined, file);
      try {
        expect(feed.inWorker).toBe(false);
        expect((await firstDeployment(feed.url, 'm')).deploymentId).toMatch(/^TRN-/);
      } finally {
        await feed.close();
      }
    }
  });
});
