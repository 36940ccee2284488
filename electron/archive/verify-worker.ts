/**
 * A worker thread of the archive verifier (verify-pool.ts starts them, one per core): it
 * holds its own PostgreSQL connections and answers each job ({ id, job }) with the
 * journal's verification ({ id, result }) or why it could not ({ id, error }). Two jobs are
 * in flight per worker, so one journal's rows are read while another's lines are hashed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { verifyArchivedRows, type RowsVerification, type VerifyJob } from './verify-rows';

export interface WorkerJob {
  id: number;
  job: VerifyJob;
}

export type WorkerAnswer = { id: number; result: RowsVerification } | { id: number; error: string };

const { url } = workerData as { url: string };
const pool = new pg.Pool({
  connectionString: url,
  max: 2,
  connectionTimeoutMillis: 10_000,
  application_name: 'review-station verifier',
});
pool.on('error', () => undefined);

const port = parentPort;
port?.on('message', ({ id, job }: WorkerJob) => {
  void (async () => {
    const client = await pool.connect();
    try {
      const result = await verifyArchivedRows(client, job);
      port.postMessage({ id, result } satisfies WorkerAnswer);
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
