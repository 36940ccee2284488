/**
 * Starts the training feed: in a worker thread where one can be started (see
 * worker.ts for why), otherwise in this thread. Either way the caller gets the URL
 * to connect to and a close().
 */
import { existsSync } from 'node:fs';
import { workerFromFile } from '../core/source-worker';
import type { TrainingFeedStarter } from '../core/station-feed';
import { isDrillName } from './drills';
import { TrainingFeedServer, type TrainingFeedOptions } from './feed-server';
import type { WorkerMessage } from './worker';

interface RunningTrainingFeed {
  url: string;
  inWorker: boolean;
  close(): Promise<void>;
}

function startInWorker(file: string, options: Omit<TrainingFeedOptions, 'log'>, log: (line: string) => void) {
  return new Promise<RunningTrainingFeed>((resolve, reject) => {
    const worker = workerFromFile(file, { workerData: options });
    let closed: (() => void) | null = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') log(message.line);
      else if (message.type === 'closed') closed?.();
      else if (message.type === 'ready')
        resolve({
          url: message.url,
          inWorker: true,
          close: () =>
            new Promise<void>((done) => {
              closed = done;
              worker.postMessage({ type: 'close' });
              // A worker that cannot close cleanly is ended: the station is quitting.
              setTimeout(() => void worker.terminate().then(() => done()), 5000).unref();
            }),
        });
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`training feed worker exited (${code}) before it was ready`)),
    );
  });
}

/**
 * `workerFile`: the bundled worker in Electron (dist/main/training-worker.cjs), the
 * TypeScript source in browser mode (run under tsx); null runs the feed in this thread.
 */
export async function startTrainingFeed(
  options: Omit<TrainingFeedOptions, 'log'>,
  log: (line: string) => void,
  workerFile: string | null,
): Promise<RunningTrainingFeed> {
  if (workerFile && existsSync(workerFile)) {
    try {
      return await startInWorker(workerFile, options, log);
    } catch (error) {
      log(`could not start the training feed in a worker (${String(error)}); running it in this thread`);
    }
  }
  const server = await TrainingFeedServer.start({ ...options, log });
  return { url: server.url, inWorker: false, close: () => server.close() };
}

/**
 * The training feed as the station core takes it: the entry points pass this to
 * startStationCore, so the core itself never imports the simulator.
 */
export function trainingFeedStarter(workerFile: string | null): TrainingFeedStarter {
  return (request, log) => {
    const drills = request.drills.filter(isDrillName);
    return startTrainingFeed(
      {
        port: 0,
        token: request.token,
        ...(request.rate !== undefined ? { rate: request.rate } : {}),
        ...(drills.length ? { drill: drills } : {}),
      },
      log,
      workerFile,
    );
  };
}
