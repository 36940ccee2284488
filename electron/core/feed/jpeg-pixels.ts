/**
 * JPEG decoded to its pixels (lfr-feed-v1: an image must decode in full) with libjpeg-turbo,
 * through libvips (`sharp`, prebuilt for each platform from npm; no build step). Every scan
 * of every block is decoded (the inverse transform at 1/8 scale: see jpegPixelProblem), and
 * libjpeg's warnings count as failures (`failOn: 'warning'`):
 * a file cut short, a scan that loses its markers or corrupt entropy-coded data is refused,
 * where libjpeg on its own would fill the rest with grey and carry on. Scan bytes that are
 * wrong but still decode to a block each (noise where a face should be) pass, as they do
 * in Chromium, whose decoder this is: the officer sees what the station accepted.
 *
 * Why not the pure-JavaScript decoder it replaces (jpeg-js): a 1920x1080 scene took about
 * 107 ms to decode warm, on the path of every alert that brings a new scene (and of the
 * first alert after sign-in); libjpeg-turbo decodes it several times faster, on libvips'
 * own threads, so the station's event loop does not wait (see docs/benchmarks.md).
 *
 * Loaded on first use, in the station's own thread (sharp's native module is not loaded
 * into worker threads, which the decoder restarts after a hostile image).
 */
import type SharpModule from 'sharp';
import { readImageHeader } from '../../../shared/feed/image-header';
import { LIMITS } from '../../../shared/feed/limits';

type Sharp = typeof SharpModule;
let loading: Promise<Sharp> | null = null;

const loadSharp = (): Promise<Sharp> =>
  (loading ??= import('sharp').then((m) => {
    const sharp = ((m as { default?: Sharp }).default ?? m) as Sharp;
    // libvips' operation cache off (it is process-wide): it keeps the last 100 operations and
    // their buffers (up to 50 MB) in case the same one is asked for again, which the station
    // never does (a digest already decoded is not decoded again: image-decoder.ts). Kept, it
    // cost locking and bookkeeping on every decode: in a 200-alert burst, libvips' threads
    // used about 30% more CPU with it, and the burst's p99 was slower in all 9
    // pairs (docs/benchmarks.md, 6 Dec, late).
    sharp.cache(false);
    return sharp;
  }));

/** libvips loaded in the calling thread (image-decoder.ts: before any worker loads it). */
export const keepJpegDecoderLoaded = (): Promise<unknown> => loadSharp();

/** Why the JPEG's pixels do not decode in full, or null. */
export async function jpegPixelProblem(data: Uint8Array): Promise<string | null> {
  // Its size from its header, read here (no second call into libvips); the wire check read it already.
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
      // row is produced: nothing looks at the pixels, only at whether they decode. Every
      // block's entropy-coded data is still decoded (libjpeg must, to find where the next
      // block starts), which is where a file cut short or corrupt fails; only the inverse
      // transform is taken at 1/8 (tests/unit/image-decode.test.ts: the same files refused
      // as at full size). A new 1280x720 scene took about 18 ms at full size, 6 ms so.
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

let sample: Promise<Buffer> | null = null;

/** A small made-up JPEG (64x48, one colour), made once by libvips: warm-ups decode and check it. */
export function sampleJpeg(): Promise<Buffer> {
  return (sample ??= loadSharp().then((sharp) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 150 } } })
      .jpeg({ quality: 85 })
      .toBuffer(),
  ));
}

let scene: Promise<Buffer> | null = null;

/**
 * A made-up scene the size of a camera's (1280x720, noise, so every block has data to decode).
 * The noise is made here by a xorshift generator and encoded by libvips: libvips' own
 * gaussian noise took about 130 ms of CPU to make, this about 30 (6 Dec, late), and the
 * warm-up runs when a deployment arrives, when its first alerts may be arriving too.
 */
function sampleScene(): Promise<Buffer> {
  return (scene ??= loadSharp().then((sharp) => {
    const width = 1280;
    const height = 720;
    const pixels = Buffer.allocUnsafe(width * height * 3);
    let state = 0x9e3779b9 | 0;
    for (let i = 0; i < pixels.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      pixels[i] = 96 + (state & 63); // grey, give or take a quarter: a scene's texture, not white noise
    }
    return sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer();
  }));
}

/**
 * Load libvips and decode made-up JPEGs once, when a deployment arrives and before any
 * alert: the first real faces then pay neither the library's load nor its first call. Three
 * at once, one of them scene-sized, as an alert brings them: traced, the first alert's
 * decode took 26 ms where later ones took 8 when only a 64x48 image had warmed it
 * (libvips sizes its buffers and starts its threads on first use). True when all three
 * decoded (a test holds it to that, so the warm-up cannot quietly stop warming).
 */
export async function warmJpegDecoder(): Promise<boolean> {
  const [small, big] = await Promise.all([sampleJpeg(), sampleScene()]);
  const problems = await Promise.all([
    jpegPixelProblem(small),
    jpegPixelProblem(big),
    jpegPixelProblem(small),
  ]);
  return problems.every((problem) => problem === null);
}
