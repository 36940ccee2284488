/**
 * JPEG decoded to its pixels (lfr-feed-v1: an image must decode in full) with libjpeg-turbo,
 * the decoder Chromium uses too, so the officer sees what the station accepted.
 *
 * Two decoders, one verdict:
 * - libjpeg-turbo itself, through its TurboJPEG API (`@julusian/jpeg-turbo`, Node-API,
 *   prebuilt per platform), called synchronously in the station's JPEG worker thread
 *   (image-decoder.ts). TurboJPEG counts libjpeg's
 *   warnings as a failure: a file cut short, a scan that loses its markers or corrupt
 *   entropy-coded data is refused, where libjpeg on its own would fill the rest with grey
 *   and carry on. Scan bytes that are wrong but still decode to a block each (noise where a
 *   face should be) pass, as they do in Chromium.
 * - libvips (`sharp`), only for an image libjpeg-turbo refused: it gives the reason a
 *   refusal records ("premature end of JPEG image"; the binding loses TurboJPEG's text),
 *   and it decodes what TurboJPEG cannot convert to grey (CMYK), which Chromium shows. It
 *   also takes a file with stray bytes after its last block, as Chromium does, where
 *   TurboJPEG reads on to the end and counts them. So libvips decides every image the fast
 *   decoder refused, and the fast decoder's "decodes" stands only where it decoded every
 *   block without a warning (tests/unit/image-decode.test.ts holds both to a full decode).
 *
 * Decoded to grey: libjpeg still decodes the entropy-coded data of every block of every
 * colour component (it must, to find where the next block starts, which is where damage
 * fails), but transforms only the brightness and skips upsampling and colour conversion.
 *
 * Why not libvips for every image, as before (issue 25): its pipeline cost about 1.5 ms of
 * CPU per image over the decode itself, on three threads; a 280x336 probe took 1.7 ms
 * through it and takes 0.2 ms so, a 1280x720 scene 3.7 ms and 1.9 ms (docs/benchmarks.md,
 * 7 Dec). Why synchronous in a worker and not the binding's asynchronous call on libuv's
 * pool: measured in 200-alert bursts, the pool's decodes shared four threads with the
 * station's file writes and fsyncs, and the burst's slowest answer came about 50 ms later.
 * Every native call here goes through runNative, which the worker guards (native-exit-guard.ts:
 * a worker ended inside the binding's call takes the whole process down).
 */
import type SharpModule from 'sharp';
import type * as TurboModule from '@julusian/jpeg-turbo';
import { readImageHeader } from '../../../shared/feed/image-header';
import { LIMITS } from '../../../shared/feed/limits';

type Sharp = typeof SharpModule;
type Turbo = typeof TurboModule;

let turboLoading: Promise<Turbo> | null = null;
const loadTurbo = (): Promise<Turbo> =>
  // A CommonJS module: its exports are the import's default (and, under tsx, the module itself).
  (turboLoading ??= import('@julusian/jpeg-turbo').then((m) => (m as { default?: Turbo }).default ?? m));

let sharpLoading: Promise<Sharp> | null = null;
const loadSharp = (): Promise<Sharp> =>
  (sharpLoading ??= import('sharp').then((m) => {
    const sharp = ((m as { default?: Sharp }).default ?? m) as Sharp;
    // libvips' operation cache off (it is process-wide): it keeps the last 100 operations and
    // their buffers (up to 50 MB) in case the same one is asked for again, which the station
    // never does (a digest already decoded is not decoded again: image-decoder.ts). Kept, it
    // cost locking and bookkeeping on every decode (docs/benchmarks.md, 6 Dec, late).
    sharp.cache(false);
    return sharp;
  }));

/**
 * How a native call is made in this thread: as it is, or, in the JPEG worker, marked busy
 * so that the process's exit waits for it (the worker sets this: native-exit-guard.ts).
 */
let runNative = <T>(call: () => T): T => call();

export function guardNativeCalls(guarded: <T>(call: () => T) => T): void {
  runNative = guarded;
}

/**
 * Where the grey pixels go: one buffer, reused (a decode is synchronous, so one at a time
 * per thread), grown to the largest image so far up to 4 MiB (a 2560x1440 frame); a larger
 * image gets its own, let go after. Fresh memory for every decode cost an allocation of up
 * to a megabyte an image and the collector's time to give it back.
 */
const KEPT_BUFFER_LIMIT = 4 * 1024 * 1024;
let kept: Buffer | null = null;

function greyBuffer(pixels: number): Buffer {
  if (pixels > KEPT_BUFFER_LIMIT) return Buffer.allocUnsafe(pixels);
  if (!kept || kept.length < pixels) kept = Buffer.allocUnsafe(pixels);
  return kept;
}

/**
 * libjpeg-turbo's answer: true when every block decoded without a warning. The decode is
 * synchronous, in the calling thread: the station calls it in its JPEG worker.
 */
export async function jpegDecodesFast(data: Uint8Array): Promise<boolean> {
  const header = readImageHeader(data);
  if (header?.mime !== 'image/jpeg') return false;
  const turbo = await loadTurbo();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const into = greyBuffer(header.width * header.height);
  try {
    runNative(() => turbo.decompressSync(bytes, into, { format: turbo.FORMAT_GRAY }));
    return true;
  } catch {
    return false;
  }
}

/** The last libvips verdict asked for: each waits for the one before (see below). */
let libvipsQueue: Promise<unknown> = Promise.resolve();

/**
 * libvips' verdict on a JPEG libjpeg-turbo refused, with its reason, or null where libvips
 * decodes it (a CMYK JPEG). One at a time: libvips keeps one error text for the whole
 * process, and two refusals at once mixed their reasons ("premature end of JPEG image" came
 * back as another image's "error in tile 0 x 40"). Refusals are rare; waiting costs nothing.
 */
export function jpegProblemByLibvips(data: Uint8Array): Promise<string | null> {
  const verdict = libvipsQueue.then(() => libvipsVerdict(data));
  libvipsQueue = verdict.catch(() => undefined);
  return verdict;
}

async function libvipsVerdict(data: Uint8Array): Promise<string | null> {
  const header = readImageHeader(data);
  if (header?.mime !== 'image/jpeg') return 'JPEG does not decode (its header does not read as JPEG)';
  const { width, height } = header;
  const sharp = await loadSharp();
  try {
    await sharp(data, {
      failOn: 'warning',
      limitInputPixels: LIMITS.imagePixels * LIMITS.imagePixels,
      sequentialRead: true,
    })
      // Decoded at libjpeg's 1/8 scale (shrink-on-load), to exactly that size so that every
      // row is produced: only whether the pixels decode matters here. Every block's
      // entropy-coded data is still decoded, which is where a file cut short or corrupt
      // fails (tests/unit/image-decode.test.ts: the same files refused as at full size).
      .resize({
        width: Math.ceil(width / 8),
        height: Math.ceil(height / 8),
        fit: 'fill',
        fastShrinkOnLoad: true,
      })
      .raw()
      .toBuffer();
    return null;
  } catch (error) {
    return `JPEG does not decode (${String((error as Error)?.message ?? error).slice(0, 120)})`;
  }
}

/** Why the JPEG's pixels do not decode in full, or null: libjpeg-turbo, then libvips if it refused. */
export async function jpegPixelProblem(data: Uint8Array): Promise<string | null> {
  return (await jpegDecodesFast(data)) ? null : jpegProblemByLibvips(data);
}

let sample: Promise<Buffer> | null = null;

/** A small made-up JPEG (64x48, one colour, 4:2:0 as cameras send), made once by libjpeg-turbo. */
export function sampleJpeg(): Promise<Buffer> {
  return (sample ??= loadTurbo().then((turbo) => {
    const pixels = Buffer.alloc(64 * 48 * 3);
    for (let i = 0; i < pixels.length; i += 3) pixels.set([90, 120, 150], i);
    return runNative(() =>
      turbo.compressSync(pixels, {
        format: turbo.FORMAT_RGB,
        width: 64,
        height: 48,
        quality: 85,
        subsampling: turbo.SAMP_420,
      }),
    );
  }));
}

/** libjpeg-turbo loaded in the calling thread (image-decoder.ts: before the worker loads it). */
export const keepJpegDecoderLoaded = (): Promise<unknown> => loadTurbo();

/**
 * Load libjpeg-turbo and decode a made-up JPEG once, when a deployment arrives and before any
 * alert: the first real face then pays neither the library's load (about 6 ms) nor its first
 * call. (libvips, which needed three images at once and one of them scene-sized to start its
 * threads, is now loaded only for a refused image.) True when it decoded (a test holds it to
 * that, so the warm-up cannot quietly stop warming).
 */
export async function warmJpegDecoder(): Promise<boolean> {
  return jpegDecodesFast(await sampleJpeg());
}
