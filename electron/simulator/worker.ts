/**
 * The built-in training feed in a worker thread. Drawing synthetic faces takes tens
 * to hundreds of milliseconds of CPU; in a worker that never stalls the station's own
 * event loop (in Electron, the main process). The station talks to it over Socket.IO
 * on loopback, as to any feed; the thread only carries start, logs and close.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { TrainingFeedServer, type TrainingFeedOptions } from './feed-server';

export type WorkerMessage =
  { type: 'ready'; url: string } | { type: 'log'; line: string } | { type: 'closed' };

async function run(port: MessagePort): Promise<void> {
  const options = workerData as Omit<TrainingFeedOptions, 'log'>;
  const server = await TrainingFeedServer.start({
    ...options,
    log: (line) => port.postMessage({ type: 'log', line } satisfies WorkerMessage),
  });
  port.on('message', (message: { type?: string }) => {
    if (message.type !== 'close') return;
    void server.close().then(() => {
      port.postMessage({ type: 'closed' } satisfies WorkerMessage);
      port.close();
    });
  });
  port.postMessage({ type: 'ready', url: server.url } satisfies WorkerMessage);
}

// No top-level await: Electron's copy of this file is bundled as CommonJS.
if (parentPort) void run(parentPort);
