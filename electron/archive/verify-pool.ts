/**
 * Verifies many archived journals on every core: one worker thread per core
 * (verify-worker.ts), each with its own PostgreSQL connections, fed a small batch of
 * journals at a time (two in flight each) so the slow ones do not hold the rest back, and
 * each batch's digests are one query (verify-rows.ts `verifyArchivedBatch`). Where no worker can be
 * started (no worker file, or it fails to start), the same jobs run in this thread over
 * the caller's pool: slower, never a different answer.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { workerFromFile } from '../core/source-worker';
import { verifyArchivedBatch, type RowsVerification, type VerifyJob } from './verify-rows';
import { sodiumModulePath } from '../core/journal/ed25519';
import type { VerifierWorkerData, WorkerAnswer, WorkerJob } from './verify-worker';

interface PoolOptions {
  /** The archive URL the workers connect with (the caller's own role: verdicts are its to record). */
  url: string | null;
  /** Worker threads to use; by default one per core, and none for a handful of journals. */
  threads?: number;
  onResult?: (result: RowsVerification) => Promise<void> | void;
}

const IN_FLIGHT_PER_WORKER = 2;
/** Journals per batch, at most: enough to share a transaction and a digest query, few enough to keep every core busy to the end. */
const MOST_PER_BATCH = 25;

/** The jobs in consecutive batches, about eight per thread (so the last ones are small against the whole). */
export function batchesOf<T>(jobs: readonly T[], threads: number): T[][] {
  const size = Math.max(1, Math.min(MOST_PER_BATCH, Math.ceil(jobs.length / (threads * 8))));
  const out: T[][] = [];
  for (let i = 0; i < jobs.length; i += size) out.push(jobs.slice(i, i + size));
  return out;
}

function workerFile(): string | null {
  const file = fileURLToPath(new URL('./verify-worker.ts', import.meta.url));
  return existsSync(file) ? file : null;
}

/**
 * The worker's code as one CommonJS script: its TypeScript and every package it imports
 * bundled by esbuild (node's built-ins left out), so a worker started from it with `eval`
 * needs no loader and no file of ours on disk. Through tsx's loader instead, each worker
 * ran a module loader thread of its own and compiled every module on it: 0.7 to 1 s more
 * CPU over a 1,000,000-entry report (docs/archive.md, "6 Dec, night"). Null where esbuild
 * is not installed or cannot bundle it: the workers then load the source through tsx.
 */
export async function bundledWorker(file: string): Promise<string | null> {
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
      // pg's optional native binding, which it requires only when asked for.
      external: ['pg-native'],
    });
    return built.outputFiles[0]?.text ?? null;
  } catch {
    return null;
  }
}

function startWorker(file: string, bundled: string | null, url: string): Worker {
  // libsodium's path resolved here: code run with `eval` would look for it from the working directory.
  const workerData = { url, sodium: sodiumModulePath() } satisfies VerifierWorkerData;
  if (bundled !== null) return new Worker(bundled, { eval: true, workerData });
  return workerFromFile(file, { workerData });
}

async function inThisThread(db: pg.Pool, jobs: VerifyJob[], opts: PoolOptions): Promise<RowsVerification[]> {
  const out: RowsVerification[] = [];
  const queue = batchesOf(jobs, 2);
  await Promise.all(
    [0, 1].map(async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const client = await db.connect();
        let results: RowsVerification[];
        try {
          results = await verifyArchivedBatch(client, batch);
        } finally {
          // Released before the results are recorded: that takes a connection of the same pool.
          client.release();
        }
        for (const result of results) {
          await opts.onResult?.(result);
          out.push(result);
        }
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
  const bundled = await bundledWorker(file);
  const workers = Array.from({ length: threads }, () => startWorker(file, bundled, url));
  const out: RowsVerification[] = [];
  const batches = batchesOf(jobs, threads);
  let next = 0;
  // Results are handed on one at a time, in the order they come, while the workers go on:
  // recording them (a commit every few hundred) must not leave a core without a batch.
  let handedOn: Promise<void> = Promise.resolve();
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let busy = 0;
            const give = () => {
              while (busy < IN_FLIGHT_PER_WORKER && next < batches.length) {
                const id = next++;
                const batch = batches[id];
                if (!batch) break;
                busy += 1;
                worker.postMessage({ id, jobs: batch } satisfies WorkerJob);
              }
              if (busy === 0) resolve();
            };
            worker.on('message', (answer: WorkerAnswer) => {
              busy -= 1;
              if ('error' in answer) {
                const named = (batches[answer.id] ?? []).map((j) => j.deploymentId).join(', ');
                reject(new Error(`verifying ${named || '?'}: ${answer.error}`));
                return;
              }
              handedOn = handedOn.then(async () => {
                for (const result of answer.results) {
                  out.push(result);
                  await opts.onResult?.(result);
                }
              });
              handedOn.catch(reject);
              give();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (busy > 0 || next < batches.length)
                reject(new Error(`verifier worker stopped (exit ${code})`));
            });
            give();
          }),
      ),
    );
    await handedOn;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
