/**
 * Checkpoint signatures checked on worker threads while the main thread reads, parses,
 * hashes and folds. A station-written journal has a checkpoint after every entry a
 * person made (a third of its lines), and an Ed25519 check costs more than hashing the
 * line it signs; node's own async crypto.verify still does most of each check's work on
 * the calling thread, so the checks go to workers in batches instead.
 *
 * One small pool serves every verification in the process (the archive re-verifies a
 * thousand journals in a row: starting workers once per journal would cost more than
 * the checks). Workers hold the event loop open only while they have work, so a command
 * cannot exit with a verdict still pending. A worker that fails has its batches checked
 * on the calling thread: a check is never lost and never assumed good.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sodiumModulePath } from './ed25519';
import { verifySignature } from './signing';

/**
 * The worker: plain CommonJS with node:crypto, and libsodium from the path the pool gives
 * (so it runs the same from source, tests and the bundled app, with no file of ours to
 * find). Its rule is signing.ts's verifySignature exactly, by the same implementation as
 * this thread (ed25519.ts): a key or signature not of the right form, or one that cannot
 * be read, is a failure. Answers the index of the first check that fails, or -1.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
let sodium = null;
try {
  if (workerData && workerData.sodium) sodium = require(workerData.sodium);
} catch {}
const PUBLIC_KEY_RE = /^[A-Za-z0-9_-]{43}$/;
const SIGNATURE_RE = /^[A-Za-z0-9_-]{86}$/;
const keys = new Map();
function keyOf(publicKey) {
  if (!keys.has(publicKey)) {
    let key = null;
    try {
      if (PUBLIC_KEY_RE.test(publicKey)) {
        const raw = Buffer.from(publicKey, 'base64url');
        key = sodium ? raw : createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
      }
    } catch {}
    if (keys.size > 64) keys.clear();
    keys.set(publicKey, key);
  }
  return keys.get(publicKey);
}
function good(key, text, signature) {
  if (!key || !SIGNATURE_RE.test(signature)) return false;
  try {
    const message = Buffer.from(text, 'utf8');
    const sig = Buffer.from(signature, 'base64url');
    if (sig.length !== 64) return false;
    return sodium ? sodium.crypto_sign_verify_detached(sig, message, key) : verify(null, message, key, sig);
  } catch {
    return false;
  }
}
parentPort.on('message', ({ id, publicKey, texts, signatures }) => {
  const key = keyOf(publicKey);
  let bad = -1;
  for (let i = 0; i < texts.length; i++) {
    if (!good(key, texts[i], signatures[i])) { bad = i; break; }
  }
  parentPort.postMessage({ id, bad });
});
`;

interface SignatureJob {
  publicKey: string;
  text: string;
  signature: string;
}

interface Batch {
  publicKey: string;
  texts: string[];
  signatures: string[];
  /** Resolves with the index of the first check that fails, or -1. */
  resolve: (bad: number) => void;
}

/** Checks a batch on this thread: the fallback, and the rule the workers follow. */
function checkInline(batch: Pick<Batch, 'publicKey' | 'texts' | 'signatures'>): number {
  return batch.texts.findIndex(
    (text, i) => !verifySignature(batch.publicKey, text, batch.signatures[i] ?? ''),
  );
}

class PoolWorker {
  readonly pending = new Map<number, Batch>();
  private readonly worker: Worker;
  private dead = false;

  constructor(private readonly onDeath: (w: PoolWorker) => void) {
    // Resolved here: code run with `eval` would look for the package from the working directory.
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sodium: sodiumModulePath() } });
    this.worker.unref();
    this.worker.on('message', ({ id, bad }: { id: number; bad: number }) => {
      const batch = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) this.worker.unref();
      batch?.resolve(bad);
    });
    this.worker.on('error', () => this.die());
    this.worker.on('exit', () => this.die());
  }

  send(id: number, batch: Batch): void {
    if (this.pending.size === 0) this.worker.ref();
    this.pending.set(id, batch);
    this.worker.postMessage({
      id,
      publicKey: batch.publicKey,
      texts: batch.texts,
      signatures: batch.signatures,
    });
  }

  private die(): void {
    if (this.dead) return;
    this.dead = true;
    this.onDeath(this);
    // What it held is checked here instead.
    for (const batch of this.pending.values()) batch.resolve(checkInline(batch));
    this.pending.clear();
  }
}

/** Workers beside the main thread, which is busy too (reading, hashing, folding). */
const POOL_SIZE = Math.max(1, Math.min(4, availableParallelism() - 1));

class SignaturePool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;

  check(batch: Batch): void {
    while (this.workers.length < POOL_SIZE)
      this.workers.push(
        new PoolWorker((dead) => {
          const at = this.workers.indexOf(dead);
          if (at >= 0) this.workers.splice(at, 1);
        }),
      );
    // The least busy worker; none left (all failed and more cannot start) leaves it to this thread.
    const worker = this.workers.reduce<PoolWorker | undefined>(
      (best, w) => (!best || w.pending.size < best.pending.size ? w : best),
      undefined,
    );
    if (worker) worker.send(this.nextId++, batch);
    else batch.resolve(checkInline(batch));
  }
}

let shared: SignaturePool | null = null;

/** Journals smaller than this check their signatures inline: a worker's start costs more. */
export const POOL_FROM_BYTES = 1 << 20;
const BATCH = 256;
const MAX_BATCHES_IN_FLIGHT = 16;

/**
 * The signature checks of one verification, sent in batches to the shared pool (or
 * checked inline). Reports the earliest job, by the order jobs were added, that fails.
 */
export class SignatureBatcher<T extends SignatureJob> {
  private current: T[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** The earliest job found to fail so far. */
  failed: T | null = null;
  private failedOrder = Infinity;
  private added = 0;

  constructor(private readonly useWorkers: boolean) {}

  add(job: T): void {
    if (!this.useWorkers) {
      if (!this.failed && !verifySignature(job.publicKey, job.text, job.signature)) this.failed = job;
      return;
    }
    // A batch holds one key; a journal has one, so this is only a guard.
    if (this.current.length > 0 && this.current[0]?.publicKey !== job.publicKey) this.flush();
    this.current.push(job);
    if (this.current.length >= BATCH) this.flush();
  }

  get full(): boolean {
    return this.inFlight.size >= MAX_BATCHES_IN_FLIGHT;
  }

  async room(): Promise<void> {
    while (this.full) await Promise.race(this.inFlight);
  }

  /** Sends what is gathered and waits for every answer. */
  async settle(): Promise<void> {
    this.flush();
    await Promise.all(this.inFlight);
  }

  private flush(): void {
    const jobs = this.current;
    const publicKey = jobs[0]?.publicKey;
    if (publicKey === undefined) return;
    this.current = [];
    const first = this.added;
    this.added += jobs.length;
    const pool = (shared ??= new SignaturePool());
    const done: Promise<void> = new Promise<number>((resolve) =>
      pool.check({
        publicKey,
        texts: jobs.map((j) => j.text),
        signatures: jobs.map((j) => j.signature),
        resolve,
      }),
    ).then((bad) => {
      this.inFlight.delete(done);
      const job = jobs[bad];
      if (job && first + bad < this.failedOrder) {
        this.failedOrder = first + bad;
        this.failed = job;
      }
    });
    this.inFlight.add(done);
  }
}
