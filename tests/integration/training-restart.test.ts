/**
 * Issue 10 item 3: a station restarted on the same data folder, with its training feed
 * started afresh (as `npm start` does), must not get every alert refused because the
 * new feed numbers from 1 again. Real Socket.IO feed servers, a real station core,
 * real files.
 */
import { describe, expect, it } from 'vitest';
import type { StationCore } from '../../electron/core/station-core';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { closeAfterEach, startTestCore, writeStationSettings } from '../helpers/station';
import { journalFile, readJournal, tempDir, waitFor } from './util';

const TOKEN = 'restart-token';
const cleanup = closeAfterEach();

async function run(
  dataDir: string,
  beforeStation: (server: TrainingFeedServer) => void = () => undefined,
): Promise<{ server: TrainingFeedServer; core: StationCore }> {
  // Same seed each time: the same day's training deployment, as a restarted `npm start` gets.
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false, seed: 7 });
  beforeStation(server);
  const core = await startTestCore({
    dataDir,
    feedUrl: server.url,
    token: TOKEN,
    ackTimeoutMs: 1000,
  });
  cleanup.push(
    () => server.close(),
    () => core.close(),
  );
  await waitFor(() => server.stations.length > 0, 'the station to connect');
  return { server, core };
}

describe('a restarted station and a fresh training feed', () => {
  it('continues the deployment: new alerts are stored, none refused for their seq', async () => {
    const dataDir = tempDir('rs-restart-');
    writeStationSettings(dataDir, { dwellMs: 0 });

    const first = await run(dataDir);
    for (let i = 0; i < 3; i++) expect((await first.server.emitAlert()).ack).toBe('stored');
    const deploymentId = first.server.deployment.deploymentId;
    await first.core.close();
    await first.server.close();
    cleanup.length = 0;

    // The new feed makes an alert before the station connects: seq 1 again, which the station holds.
    let early!: ReturnType<TrainingFeedServer['emitAlert']>;
    const second = await run(dataDir, (server) => {
      early = server.emitAlert();
    });
    expect(second.server.deployment.deploymentId).toBe(deploymentId);
    const records = [await early];
    for (let i = 0; i < 2; i++) records.push(await second.server.emitAlert());
    expect(records.map((r) => r.ack)).toEqual(['stored', 'stored', 'stored']);
    expect(records.map((r) => r.payload.seq)).toEqual([4, 5, 6]);

    const entries = readJournal(journalFile(dataDir, deploymentId));
    expect(entries.filter((e) => e.type === 'alert-rejected')).toEqual([]);
    expect(entries.filter((e) => e.type === 'alert-received')).toHaveLength(6);
  });
});
