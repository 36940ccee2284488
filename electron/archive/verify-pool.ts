/**
 * Verifies many archived journals on every core: one worker thread per core
 * (verify-worker.ts), each with its own PostgreSQL connections, fed a journal at a time
 * (two in flight each) so the slow ones do not hold the rest back. Where no worker can be
 * started (no worker file, or it fails to start), the same jobs run in this thread over
 * the caller's pool: slower, never a different answer.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { verifyArchivedRows, type RowsVerification, type VerifyJob } from './verify-rows';
import type { WorkerAnswer, WorkerJob } from './verify-worker';

interface PoolOptions {
  /** The archive URL the workers connect with (the caller's own role: verdicts are its to record). */
  url: string | null;
  /** Worker threads to use; by default one per core, and none for a handful of journals. */
  threads?: number;
  onResult?: (result: RowsVerification) => Promise<void> | void;
}

const IN_FLIGHT_PER_WORKER = 2;

function workerFile(): string | null {
  const file = fileURLToPath(new URL('./verify-worker.ts', import.meta.url));
  return existsSync(file) ? file : null;
}

function startWorker(file: string, url: string): Worker {
  // The TypeScript source needs tsx's loader registered in the worker's own thread.
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`,
    { eval: true, workerData: { url } },
  );
}

async function inThisThread(db: pg.Pool, jobs: VerifyJob[], opts: PoolOptions): Promise<RowsVerification[]> {
  const out: RowsVerification[] = [];
  const queue = [...jobs];
  await Promise.all(
    [0, 1].map(async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const client = await db.connect();
        let result: RowsVerification;
        try {
          result = await verifyArchivedRows(client, job);
        } finally {
          // Released before the result is recorded: that takes a connection of the same pool.
          client.release();
        }
        await opts.onResult?.(result);
        out.push(result);
      }
    }),
  );
  return out;
}

export async function verifyJournalsInParallel(
  db: pg.Pool,
  jobs: VerifyJob[],
  opts: PoolOptions,
): Promise<RowsVerification[]> {
  const file = workerFile();
  const threads = Math.max(1, opts.threads ?? Math.min(availableParallelism(), Math.ceil(jobs.length / 4)));
  if (!file || !opts.url || jobs.length === 0 || (opts.threads === undefined && jobs.length < 8))
    return inThisThread(db, jobs, opts);
  const url = opts.url;
  const workers = Array.from({ length: threads }, () => startWorker(file, url));
  const out: RowsVerification[] = [];
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let busy = 0;
            const give = () => {
              while (busy < IN_FLIGHT_PER_WORKER && next < jobs.length) {
                const id = next++;
                const job = jobs[id];
                if (!job) break;
                busy += 1;
                worker.postMessage({ id, job } satisfies WorkerJob);
              }
              if (busy === 0) resolve();
            };
            worker.on('message', (answer: WorkerAnswer) => {
              busy -= 1;
              if ('error' in answer) {
                reject(new Error(`verifying ${jobs[answer.id]?.deploymentId ?? '?'}: ${answer.error}`));
                return;
              }
              out.push(answer.result);
              Promise.resolve(opts.onResult?.(answer.result)).then(give, reject);
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (busy > 0 || next < jobs.length) reject(new Error(`verifier worker stopped (exit ${code})`));
            });
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
