/**
 * Decodes feed images in full off the station's event loop (image-decode.ts says what
 * "in full" means per type). A JPEG goes to libjpeg-turbo through libvips (jpeg-pixels.ts),
 * asked from a worker thread of its own; PNG and WebP go to another worker thread. Each is
 * started on first use (or by warm()) and let go with the process. An image that decoded once (by its SHA-256) is not decoded again, so a
 * watchlist face or a scene repeated across a burst costs one decode. Where no worker
 * can be started (no worker file), the decode runs in this thread, after a yield.
 *
 * A worker that dies mid-decode (a hostile image that exhausts it) refuses the images
 * it held with that reason, and the next image starts a new worker.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { ImageMime } from '../../../shared/feed/schemas';
import { decodeInFull } from './image-decode';
import { keepJpegDecoderLoaded, warmJpegDecoder } from './jpeg-pixels';
import type { DecodeAnswer, DecodeRequest } from './image-decode-worker';
import { workerFromFile } from '../source-worker';

/** How many decoded digests are remembered; a forgotten one is only decoded again. */
const REMEMBERED = 4096;

/** The worker beside this module: the TypeScript source (tsx, tests) or the bundled .cjs (Electron). */
function defaultDecodeWorkerFile(): string | null {
  const bundled =
    typeof __filename === 'string' ? join(dirname(__filename), 'image-decode-worker.cjs') : null;
  const source = bundled ? null : fileURLToPath(new URL('./image-decode-worker.ts', import.meta.url));
  const file = bundled ?? source!;
  return existsSync(file) ? file : null;
}

export class ImageDecoder {
  /** JPEG: libvips, loaded in its own worker (see below). */
  private readonly jpeg: DecodeThread;
  /** PNG and WebP: the checks and libwebp, in a worker that a hostile image may bring down. */
  private readonly other: DecodeThread;
  private readonly decoded = new Map<string, true>();
  private readonly inFlight = new Map<string, Promise<string | null>>();

  constructor(
    private readonly workerFile: string | null = defaultDecodeWorkerFile(),
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.jpeg = new DecodeThread('JPEG', workerFile, log);
    this.other = new DecodeThread('PNG/WebP', workerFile, log);
  }

  /**
   * Why the image does not decode in full, or null when it does. The same image asked for
   * again while its decode runs waits for that decode: a burst that repeats one face (a
   * watchlist image, a re-delivery) queues one decode, not one per alert.
   */
  check(sha256: string, data: Uint8Array, mime: ImageMime): Promise<string | null> {
    if (this.decoded.has(sha256)) return Promise.resolve(null);
    const running = this.inFlight.get(sha256);
    if (running) return running;
    const decoding = this.decode(data, mime).then((problem) => {
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
   * libvips is loaded in this thread first: on glibc a native library first loaded by a
   * worker is unloaded when that worker ends, under any other worker still using it (sharp's
   * documentation, "Worker threads"); loaded here, it stays loaded for the process.
   */
  warm(): void {
    // Only loaded here: the decodes, and so their warm-up, are the JPEG worker's. Warmed in
    // this thread as well, the made-up scene's making and decoding (about 150 ms of CPU) held
    // back the worker's start and shared the cores with a first alert arriving just after
    // its deployment (the intake bench's first alert took about 310 ms, the next 10).
    const loaded = keepJpegDecoderLoaded().catch((error: unknown) =>
      this.log(`image decoder: JPEG decoder did not load (${String(error).slice(0, 120)})`),
    );
    this.other.ensure();
    // The JPEG worker loads libvips only once this thread holds it (see above).
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

  private decode(data: Uint8Array, mime: ImageMime): Promise<string | null> {
    const thread = mime === 'image/jpeg' ? this.jpeg : this.other;
    if (!thread.available)
      return new Promise((resolve) => setImmediate(() => resolve(safeDecode(data, mime))));
    // libvips needs this thread to hold it before a worker loads it (warm()).
    if (mime === 'image/jpeg') return keepJpegDecoderLoaded().then(() => thread.decode(data, mime));
    return thread.decode(data, mime);
  }
}

/**
 * One decode worker, started on first use and let go with the process. JPEG decodes go to
 * their own worker (issue 25): sharp's JavaScript, its options and its native call cost
 * about a millisecond of the calling thread per image, and in a 200-alert burst that was a
 * fifth of the station's event loop, the loop that also takes in the alerts. The decode
 * itself runs on libvips' threads as before; only the asking moved.
 */
class DecodeThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (problem: string | null) => void>();

  constructor(
    private readonly name: string,
    private readonly workerFile: string | null,
    private readonly log: (line: string) => void,
  ) {}

  /** False where no worker can be started (no worker file): the caller decodes in its own thread. */
  get available(): boolean {
    return this.workerFile !== null;
  }

  decode(data: Uint8Array, mime: ImageMime): Promise<string | null> {
    const worker = this.ensure();
    if (!worker) return safeDecode(data, mime);
    const id = this.nextId++;
    // Its own bytes, handed over: posted as it is, a view into what the socket read would
    // copy the whole of that read (traced: most of a millisecond an image in a burst).
    const own = Uint8Array.prototype.slice.call(data);
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, data: own, mime } satisfies DecodeRequest, [own.buffer]);
    });
  }

  /** Has the worker load and run its decoder once, answered like a decode (and ignored). */
  warm(): void {
    const worker = this.ensure();
    if (!worker) return;
    const id = this.nextId++;
    this.pending.set(id, () => undefined);
    worker.postMessage({ id, warm: true } satisfies DecodeRequest);
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = null;
  }

  ensure(): Worker | null {
    if (this.worker || !this.workerFile) return this.worker;
    const file = this.workerFile;
    const worker = workerFromFile(file);
    worker.unref();
    worker.on('message', ({ id, problem }: DecodeAnswer) => {
      const resolve = this.pending.get(id);
      this.pending.delete(id);
      resolve?.(problem);
    });
    const failed = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.log(`image decoder: ${this.name} worker stopped (${why}); images it held are refused`);
      for (const resolve of this.pending.values())
        resolve(`image could not be decoded (decoder stopped: ${why})`);
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
