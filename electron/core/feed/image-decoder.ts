/**
 * Hashes and decodes feed images in full off the station's event loop (image-decode.ts says
 * what "in full" means per type). A JPEG goes to libjpeg-turbo in a worker thread of its own,
 * and only one it refuses goes on to libvips, here, for the verdict and its reason
 * (jpeg-pixels.ts); PNG and WebP go to another worker thread. Each worker hashes the image
 * too (its SHA-256 names its file and its journal entry), and remembers what decoded, so a
 * watchlist face or a scene repeated across a burst costs one decode
 * (image-decode-worker.ts). The bytes reach a worker through memory both threads share
 * (shared-ring.ts). Each worker is started on first use (or by warm()) and let go with the
 * process; the JPEG worker's native calls are guarded so that the process's exit waits for
 * the one running (native-exit-guard.ts). Where no worker can be started (no worker file),
 * or until the JPEG worker has answered once, this thread hashes and decodes.
 *
 * A worker that dies mid-decode (a hostile image that exhausts it) refuses the images
 * it held with that reason, and the next image starts a new worker.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ImageMime } from '../../../shared/feed/schemas';
import { decodeInFull, REMEMBERED } from './image-decode';
import { jpegProblemByLibvips, keepJpegDecoderLoaded, warmJpegDecoder } from './jpeg-pixels';
import { NativeExitGuard } from './native-exit-guard';
import type { DecodeAnswer, DecodeRequest, DecodeWorkerData } from './image-decode-worker';
import { SharedRing } from './shared-ring';
import { workerFromFile } from '../source-worker';

/** The image's SHA-256 (hex), and why it does not decode in full, or null when it does. */
export interface ImageVerdict {
  sha256: string;
  problem: string | null;
  /** Answered from memory: it decoded before, under this digest, and was not decoded again. */
  remembered: boolean;
}

/** An image being examined: its digest as soon as it is known, and the verdict. */
export interface Examination {
  sha256: Promise<string>;
  verdict: Promise<ImageVerdict>;
}

/**
 * Room for the images a worker has not yet answered for. A 200-alert burst hands about 14 MB
 * over in all, answered as it goes; what finds no room is handed over the slow way.
 */
const RING_BYTES = 8 * 1024 * 1024;

const sha256Of = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The worker beside this module: the TypeScript source (tsx, tests) or the bundled .cjs (Electron). */
function defaultDecodeWorkerFile(): string | null {
  const bundled =
    typeof __filename === 'string' ? join(dirname(__filename), 'image-decode-worker.cjs') : null;
  const source = bundled ? null : fileURLToPath(new URL('./image-decode-worker.ts', import.meta.url));
  const file = bundled ?? source!;
  return existsSync(file) ? file : null;
}

export class ImageDecoder {
  /** JPEG: libjpeg-turbo, in its own worker, its native calls guarded (see below). */
  private readonly jpeg: DecodeThread;
  /** PNG and WebP: the checks and libwebp, in a worker that a hostile image may bring down. */
  private readonly other: DecodeThread;
  private readonly decoded = new Map<string, true>();
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly workerFile: string | null = defaultDecodeWorkerFile(),
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.jpeg = new DecodeThread('JPEG', workerFile, log, { guardNativeCalls: true });
    this.other = new DecodeThread('PNG/WebP', workerFile, log);
  }

  /** Neither worker has an image it has not answered for. */
  get idle(): boolean {
    return this.jpeg.idle && this.other.idle;
  }

  /**
   * The image's SHA-256, and why it does not decode in full (null when it does): from its
   * worker, which hashes it and remembers what decoded; in this thread where there is no
   * worker, or while the JPEG worker has not yet answered once (see below).
   *
   * `hashHere`: take the digest in this thread as well, at once, so that the image's writes
   * can start beside its decode. Worth it when the workers are idle (a single alert: its
   * path to the screen is one decode shorter); in a burst the workers are busy, and this
   * thread, which takes in the alerts, leaves the hashing to them (issue 25).
   */
  examine(data: Uint8Array, mime: ImageMime, opts: { hashHere?: boolean } = {}): Examination {
    const thread = mime === 'image/jpeg' ? this.jpeg : this.other;
    // Until the JPEG worker has answered once, the decode runs here: a few milliseconds at
    // most, where waiting for the worker to start (about 200 ms in browser mode, where tsx
    // compiles it) cost the first alert after its deployment's arrival those 200 ms.
    const here = !thread.available || (mime === 'image/jpeg' && !thread.ready);
    if (here) {
      if (thread.available) this.warm();
      const sha256 = sha256Of(data);
      const remembered = this.decoded.has(sha256);
      const verdict = this.decodeHere(sha256, data, mime, !thread.available).then((problem) => ({
        sha256,
        problem,
        remembered,
      }));
      return { sha256: Promise.resolve(sha256), verdict };
    }
    const early = opts.hashHere ? sha256Of(data) : null;
    // A JPEG worker that has answered was started by warm(), after this thread loaded libjpeg-turbo.
    const verdict = thread
      .decode(data, mime)
      .then(async (answer) =>
        'refusedFast' in answer
          ? { sha256: answer.sha256, problem: await jpegProblemByLibvips(data), remembered: false }
          : { sha256: answer.sha256, problem: answer.problem, remembered: answer.remembered },
      );
    return { sha256: early !== null ? Promise.resolve(early) : verdict.then((v) => v.sha256), verdict };
  }

  /**
   * In this thread. The same image asked for again while its decode runs waits for that
   * decode: a burst that repeats one face queues one decode, not one per alert.
   */
  private decodeHere(
    sha256: string,
    data: Uint8Array,
    mime: ImageMime,
    afterYield: boolean,
  ): Promise<string | null> {
    if (this.decoded.has(sha256)) return Promise.resolve(null);
    const running = this.inFlight.get(sha256);
    if (running) return running;
    // With no worker at all (no worker file), after a yield, as it always was.
    const decoding = (
      afterYield
        ? new Promise<string | null>((resolve) => setImmediate(() => resolve(safeDecode(data, mime))))
        : safeDecode(data, mime)
    ).then((problem) => {
      this.inFlight.delete(sha256);
      if (problem === null) {
        this.decoded.set(sha256, true);
        if (this.decoded.size > REMEMBERED) this.decoded.delete(this.decoded.keys().next().value!);
      }
      return problem;
    });
    this.inFlight.set(sha256, decoding);
    return decoding;
  }

  /**
   * Start the workers before the first alert needs them (the station calls this when a
   * deployment arrives): loading the decoders is then not paid by the first alert's answer.
   * libjpeg-turbo is loaded in this thread first: on glibc a native library first loaded by
   * a worker is unloaded when that worker ends, under any other worker still using it
   * (sharp's documentation, "Worker threads", says so of libvips); loaded here, it stays
   * loaded for the process, and a worker started again after a hostile image finds it.
   */
  warm(): void {
    // Only loaded here: the decodes, and so their warm-up, are the JPEG worker's. Warmed in
    // this thread as well, libvips' made-up scene's making and decoding (about 150 ms of CPU)
    // once held back the worker's start and shared the cores with a first alert arriving just
    // after its deployment (the intake bench's first alert took about 310 ms, the next 10).
    const loaded = keepJpegDecoderLoaded().catch((error: unknown) =>
      this.log(`image decoder: JPEG decoder did not load (${String(error).slice(0, 120)})`),
    );
    this.other.ensure();
    // The JPEG worker loads libjpeg-turbo only once this thread holds it (see above).
    void loaded.then(() => {
      if (this.jpeg.available) this.jpeg.warm();
      // No worker: the decodes are this thread's, and so is their warm-up.
      else void warmJpegDecoder().catch(() => undefined);
    });
  }

  close(): void {
    this.jpeg.close();
    this.other.close();
  }
}

interface PendingDecode {
  resolve: (answer: DecodeAnswer) => void;
  data: Uint8Array | null;
  at: number | null;
}

/**
 * One decode worker, started on first use and let go with the process. JPEG decodes go to
 * their own worker (issue 25): each is a synchronous call of a fraction of a millisecond to
 * a few, which the station's event loop, the loop that also takes in the alerts, does not
 * wait for.
 */
class DecodeThread {
  private worker: Worker | null = null;
  private nextId = 1;
  /** Each message not yet answered: its bytes (null: a warm-up) and where they are in the ring. */
  private readonly pending = new Map<number, PendingDecode>();
  /** Where the bytes are handed over (shared-ring.ts); made with the first worker, kept for the next. */
  private ringMade: SharedRing | null = null;
  private guard: NativeExitGuard | null = null;
  /** The current worker has answered a message: it has started and loaded its decoder. */
  private answered = false;
  /** The current worker has been asked to warm up. */
  private warming = false;

  constructor(
    private readonly name: string,
    private readonly workerFile: string | null,
    private readonly log: (line: string) => void,
    private readonly options: { guardNativeCalls?: boolean } = {},
  ) {}

  private get ring(): SharedRing {
    return (this.ringMade ??= new SharedRing(RING_BYTES));
  }

  /** Nothing sent to the worker is waiting for its answer. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  /** The worker is running and has answered once (its warm-up, or a decode). */
  get ready(): boolean {
    return this.worker !== null && this.answered;
  }

  /** False where no worker can be started (no worker file): the caller decodes in its own thread. */
  get available(): boolean {
    return this.workerFile !== null;
  }

  /** The worker's answer for these bytes: their digest, and its verdict. */
  decode(data: Uint8Array, mime: ImageMime): Promise<DecodeAnswer> {
    const worker = this.ensure();
    if (!worker) throw new Error(`no ${this.name} worker file`); // the caller asks only when available
    const id = this.nextId++;
    const at = this.ring.put(data);
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, data, at });
      if (at !== null) {
        worker.postMessage({ id, at, length: data.byteLength, mime } satisfies DecodeRequest);
        return;
      }
      // No room in the ring: its own copy, handed over. Posted as it is, a view into what the
      // socket read would copy the whole of that read.
      const own = Uint8Array.prototype.slice.call(data);
      worker.postMessage({ id, data: own, mime } satisfies DecodeRequest, [own.buffer]);
    });
  }

  /** Has the worker load and run its decoder once, answered like a decode (and ignored). */
  warm(): void {
    const worker = this.ensure();
    if (!worker || this.warming) return;
    this.warming = true;
    const id = this.nextId++;
    this.pending.set(id, { resolve: () => undefined, data: null, at: null });
    worker.postMessage({ id, warm: true } satisfies DecodeRequest);
  }

  close(): void {
    // Not while inside a native call (native-exit-guard.ts): asked to stop, then ended.
    this.guard?.stop();
    this.guard = null;
    void this.worker?.terminate();
    this.worker = null;
  }

  ensure(): Worker | null {
    if (this.worker || !this.workerFile) return this.worker;
    const file = this.workerFile;
    const guard = this.options.guardNativeCalls ? new NativeExitGuard() : null;
    const workerData: DecodeWorkerData = { ring: this.ring.buffer, nativeExitGuard: guard?.shared };
    const worker = workerFromFile(file, { workerData });
    this.guard = guard;
    worker.unref();
    this.answered = false;
    this.warming = false;
    worker.on('message', (answer: DecodeAnswer) => {
      this.answered = true;
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (!waiting) return;
      // Answered, so no longer read: its room in the ring is free for the next image.
      if (waiting.at !== null) this.ring.release(waiting.at);
      waiting.resolve(answer);
    });
    const failed = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      guard?.forget();
      if (this.guard === guard) this.guard = null;
      this.log(`image decoder: ${this.name} worker stopped (${why}); images it held are refused`);
      // The worker has stopped, so reads none of its regions: each is free, each image refused.
      for (const [id, waiting] of this.pending) {
        if (waiting.at !== null) this.ring.release(waiting.at);
        const problem = `image could not be decoded (decoder stopped: ${why})`;
        waiting.resolve({
          id,
          sha256: waiting.data ? sha256Of(waiting.data) : '',
          problem,
          remembered: false,
        });
      }
      this.pending.clear();
    };
    worker.on('error', (error) => failed(String(error).slice(0, 120)));
    worker.on('exit', (code) => failed(`exit ${code}`));
    this.worker = worker;
    return worker;
  }
}

function safeDecode(data: Uint8Array, mime: ImageMime): Promise<string | null> {
  return decodeInFull(data, mime).catch(
    (error: unknown) => `image does not decode (${String(error).slice(0, 120)})`,
  );
}
