/**
 * A worker thread of the archive verifier (verify-pool.ts starts them, one per core): it
 * holds its own PostgreSQL connections and answers each batch of journals ({ id, jobs })
 * with their verifications ({ id, results }) or why it could not ({ id, error }). Two
 * batches are in flight per worker, so one's rows are read while another's lines are hashed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { useSodiumFrom } from '../core/journal/ed25519';
import { verifyArchivedBatch, type RowsVerification, type VerifyJob } from './verify-rows';

export interface WorkerJob {
  id: number;
  jobs: VerifyJob[];
}

export type WorkerAnswer = { id: number; results: RowsVerification[] } | { id: number; error: string };

export interface VerifierWorkerData {
  url: string;
  /** Where sodium-native loads from (ed25519.ts), or null: checkpoints checked by node:crypto. */
  sodium: string | null;
}

const { url, sodium } = workerData as VerifierWorkerData;
useSodiumFrom(sodium);
const pool = new pg.Pool({
  connectionString: url,
  max: 2,
  connectionTimeoutMillis: 10_000,
  application_name: 'review-station verifier',
});
pool.on('error', () => undefined);

const port = parentPort;
port?.on('message', ({ id, jobs }: WorkerJob) => {
  void (async () => {
    const client = await pool.connect();
    try {
      const results = await verifyArchivedBatch(client, jobs);
      port.postMessage({ id, results } satisfies WorkerAnswer);
    } finally {
      client.release();
    }
  })().catch((error: unknown) =>
    port.postMessage({
      id,
      error: error instanceof Error ? error.message : String(error),
    } satisfies WorkerAnswer),
  );
});
