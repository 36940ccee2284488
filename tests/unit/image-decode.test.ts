/**
 * lfr-feed-v1 "An image must decode in full": a valid header is not enough. Each broken
 * image is refused with a reason; the simulator's real JPEGs and well-formed PNG/WebP pass,
 * in this thread and through the decoder's worker thread. JPEG pixels are decoded by
 * libjpeg-turbo, whose warnings count as failures; libvips (sharp) decides what it refuses.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeInFull, decodeProblem } from '../../electron/core/feed/image-decode';
import { ImageDecoder } from '../../electron/core/feed/image-decoder';
import { jpegDecodesFast, jpegProblemByLibvips, warmJpegDecoder } from '../../electron/core/feed/jpeg-pixels';
import { digestOf } from '../../electron/core/feed/alert-content';
import { renderFace } from '../../electron/simulator/synthetic-faces';
import { checkImageBytes, type ImageMime } from '../../shared/feed/image-header';
import { png, webp } from '../helpers/images';

const face = renderFace(7, { width: 120, height: 144, variant: 'probe', captureSeed: 3 });
const jpeg = face.data;
/** Real WebP files (made with libwebp's cwebp from a 40x30 gradient), lossy and lossless. */
const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'images', name)));
const lossy = fixture('gradient-40x30-lossy.webp');
const lossless = fixture('gradient-40x30-lossless.webp');

/** The same container with its bitstream garbled after the headers: only a pixel decoder can tell. */
function garbled(webpBytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(webpBytes);
  for (let i = 40; i < copy.length - 2; i++) copy[i] = copy[i]! ^ 0x5a;
  return copy;
}

describe('decodeProblem', () => {
  it('passes whole images of each type', () => {
    expect(decodeProblem(jpeg, 'image/jpeg')).toBeNull();
    expect(decodeProblem(png(40, 30), 'image/png')).toBeNull();
    expect(decodeProblem(lossy, 'image/webp')).toBeNull();
  });

  it.each([
    [
      'a PNG with a valid header and no pixel data',
      png(40, 30, { idat: false }),
      'image/png',
      /no image data/,
    ],
    ['a PNG with fewer rows than its header says', png(40, 30, { rows: 10 }), 'image/png', /promises/],
    ['a PNG cut short', png(40, 30).subarray(0, 60), 'image/png', /cut short|ends before/],
    ['a WebP cut short', lossy.subarray(0, 36), 'image/webp', /cut short/],
  ] as const)('refuses %s (the header alone passes)', (_name, bytes, mime, why) => {
    expect(checkImageBytes(bytes, mime, 40, 30)).toBeNull();
    expect(decodeProblem(bytes, mime)).toMatch(why);
  });

  it('refuses a PNG chunk whose CRC does not match', () => {
    const bytes = png(40, 30);
    bytes[40] = bytes[40]! ^ 0xff;
    expect(decodeProblem(bytes, 'image/png')).toMatch(/CRC|cut short/);
  });
});

/** The JPEG with 0xFF bytes (a marker where scan data should be) in the middle of its scan. */
function corrupted(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const from = bytes.length >> 1;
  copy.fill(0xff, from, from + 64);
  return copy;
}

describe('decodeInFull: JPEG pixels (libjpeg-turbo)', () => {
  it.each([
    ['cut in half', jpeg.subarray(0, jpeg.length >> 1)],
    ['cut short by its last bytes', jpeg.subarray(0, jpeg.length - 40)],
    ['with corrupt data in its scan', corrupted(jpeg)],
  ])('refuses a JPEG %s (the header alone passes)', async (_name, bytes) => {
    expect(checkImageBytes(bytes, 'image/jpeg', face.width, face.height)).toBeNull();
    expect(await decodeInFull(bytes, 'image/jpeg')).toMatch(/^JPEG does not decode \(/);
  });

  it('says why, in libvips’ words, where libjpeg-turbo refused', async () => {
    const cut = jpeg.subarray(0, jpeg.length - 40);
    expect(await jpegDecodesFast(cut)).toBe(false);
    expect(await decodeInFull(cut, 'image/jpeg')).toMatch(/premature end of JPEG/i);
  });

  // The fast decoder's call converts to grey, which it cannot do from CMYK; Chromium shows
  // CMYK JPEGs, and so the station takes them: libvips decides what the fast decoder refused.
  it('decodes a CMYK JPEG, which libjpeg-turbo’s grey decode refuses and libvips decodes', async () => {
    const cmyk = new Uint8Array(await sharp(jpeg).toColourspace('cmyk').jpeg().toBuffer());
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    expect(await jpegDecodesFast(cmyk)).toBe(false);
    expect(await decodeInFull(cmyk, 'image/jpeg')).toBeNull();
    expect(await decodeInFull(cmyk.subarray(0, cmyk.length - 40), 'image/jpeg')).toMatch(/premature end/i);
  });

  it('decodes the simulator’s real JPEGs, a face and a full-HD scene', async () => {
    expect(await decodeInFull(jpeg, 'image/jpeg')).toBeNull();
    const big = renderFace(11, { width: 1920, height: 1080, variant: 'probe', captureSeed: 5 }).data;
    expect(await decodeInFull(big, 'image/jpeg')).toBeNull();
  });

  it('warms up on made-up JPEGs that decode, one of them camera-sized', async () => {
    expect(await warmJpegDecoder()).toBe(true);
  });

  // libjpeg-turbo decodes to grey, libvips at 1/8 scale (jpeg-pixels.ts). Together, and
  // libvips alone, they must refuse exactly what a full-size colour decode refuses; the fast
  // decoder alone may refuse more (libvips then decides), never less. It does refuse more:
  // a scene with damage after its last block (libjpeg-turbo's TurboJPEG reads on to the end
  // of the file and counts the stray bytes, as libvips, which stops at the last row, does
  // not); Chromium too stops at the last row and shows it whole, and the station takes it.
  it('refuses what a full-size decode refuses, baseline or progressive, damage early or late', async () => {
    const fullSize = (bytes: Uint8Array) =>
      sharp(bytes, { failOn: 'warning' })
        .raw()
        .toBuffer()
        .then(
          () => 'decodes',
          () => 'refused',
        );
    const big = renderFace(11, { width: 1920, height: 1080, variant: 'probe', captureSeed: 5 }).data;
    const progressive = new Uint8Array(await sharp(big).jpeg({ progressive: true }).toBuffer());
    const verdicts: string[] = [];
    let fastRefusedMore = 0;
    for (const bytes of [big, progressive, jpeg]) {
      const late = new Uint8Array(bytes);
      late.fill(0xff, bytes.length - 300, bytes.length - 240);
      const damaged = [
        bytes.subarray(0, bytes.length - 40),
        bytes.subarray(0, bytes.length - 200),
        corrupted(bytes),
        late,
      ];
      for (const copy of [bytes, ...damaged]) {
        const expected = await fullSize(copy);
        const ours = (await decodeInFull(copy, 'image/jpeg')) === null ? 'decodes' : 'refused';
        expect(ours).toBe(expected);
        if (await jpegDecodesFast(copy)) expect(expected).toBe('decodes');
        else fastRefusedMore += expected === 'decodes' ? 1 : 0;
        expect((await jpegProblemByLibvips(copy)) === null ? 'decodes' : 'refused').toBe(expected);
        verdicts.push(ours);
      }
    }
    // Not a test that cannot fail: both verdicts occur among these files, and the case where
    // only libvips' verdict keeps the image (the damage after the last block) is among them.
    expect(new Set(verdicts)).toEqual(new Set(['decodes', 'refused']));
    expect(fastRefusedMore).toBeGreaterThan(0);
  });
});

describe('decodeInFull: WebP pixels (libwebp)', () => {
  it('decodes real lossy and lossless WebP files', async () => {
    expect(await decodeInFull(lossy, 'image/webp')).toBeNull();
    expect(await decodeInFull(lossless, 'image/webp')).toBeNull();
  });

  it.each([
    ['lossy', lossy],
    ['lossless', lossless],
  ])('refuses a %s WebP whose container is whole but whose pixels are garbage', async (_kind, bytes) => {
    const bad = garbled(bytes);
    expect(decodeProblem(bad, 'image/webp')).toBeNull();
    expect(await decodeInFull(bad, 'image/webp')).toMatch(/WebP pixels do not decode/);
  });

  it('refuses the filler bitstream that passed the container check before', async () => {
    expect(await decodeInFull(webp(40, 30), 'image/webp')).toMatch(/WebP pixels do not decode/);
  });

  it('leaves JPEG and PNG to their own checks', async () => {
    expect(await decodeInFull(jpeg, 'image/jpeg')).toBeNull();
    expect(await decodeInFull(png(40, 30, { idat: false }), 'image/png')).toMatch(/no image data/);
  });
});

const problemOf = (decoder: ImageDecoder, bytes: Uint8Array, mime: ImageMime) =>
  decoder.examine(bytes, mime).verdict.then((verdict) => verdict.problem);

describe('ImageDecoder (worker thread)', () => {
  const decoder = new ImageDecoder();
  afterAll(() => decoder.close());

  it('refuses a damaged JPEG with libvips’ reason, and takes a CMYK one, through the worker', async () => {
    const cut = jpeg.subarray(0, jpeg.length - 40);
    expect(await problemOf(decoder, cut, 'image/jpeg')).toMatch(/premature end of JPEG/i);
    const cmyk = new Uint8Array(await sharp(jpeg).toColourspace('cmyk').jpeg().toBuffer());
    expect(await problemOf(decoder, cmyk, 'image/jpeg')).toBeNull();
  });

  it('answers from the worker, the same as in this thread, and remembers what decoded', async () => {
    const broken = png(40, 30, { idat: false });
    const [good, bad] = await Promise.all([
      problemOf(decoder, jpeg, 'image/jpeg'),
      problemOf(decoder, broken, 'image/png'),
    ]);
    expect(good).toBeNull();
    expect(bad).toMatch(/no image data/);
    // Hashed in the worker, and remembered by digest: not decoded again (an undecodable one always is).
    expect(await decoder.examine(jpeg, 'image/jpeg').verdict).toEqual({
      sha256: digestOf(jpeg).sha256,
      problem: null,
      remembered: true,
    });
    expect(await decoder.examine(broken, 'image/png').verdict).toMatchObject({
      sha256: digestOf(broken).sha256,
      remembered: false,
    });
  });

  it('gives the digest at once when asked to hash here, the same the worker takes', async () => {
    const face = renderFace(77, { width: 160, height: 192, variant: 'probe', captureSeed: 3 }).data;
    const exam = decoder.examine(face, 'image/jpeg', { hashHere: true });
    let verdictIn = false;
    void exam.verdict.then(() => (verdictIn = true));
    expect(await exam.sha256).toBe(digestOf(face).sha256);
    expect(verdictIn).toBe(false); // the writes may start while the worker still decodes
    expect(await exam.verdict).toEqual({ sha256: digestOf(face).sha256, problem: null, remembered: false });
    expect(decoder.idle).toBe(true);
  });

  it('decodes WebP pixels in the worker too', async () => {
    expect(await problemOf(decoder, lossy, 'image/webp')).toBeNull();
    const bad = garbled(lossless);
    expect(await problemOf(decoder, bad, 'image/webp')).toMatch(/WebP pixels do not decode/);
  });

  // libvips is one per process, its operation cache shared by every thread, and a load of
  // sharp turns the cache on (sharp's default): the station's load must turn it off after.
  it('leaves libvips’ operation cache off and empty, after refusals through the worker and here', async () => {
    const scene = renderFace(13, { width: 640, height: 360, variant: 'probe', captureSeed: 9 }).data;
    const cut = scene.subarray(0, scene.length - 100);
    expect(await problemOf(decoder, cut, 'image/jpeg')).toMatch(/^JPEG does not decode/);
    expect(await decodeInFull(cut, 'image/jpeg')).toMatch(/^JPEG does not decode/);
    const { items, memory } = sharp.cache();
    expect(items).toEqual({ current: 0, max: 0 });
    expect(memory.current).toBe(0);
  });

  it('falls back to this thread when no worker file exists', async () => {
    const inThread = new ImageDecoder(null);
    expect(await problemOf(inThread, png(4, 4, { idat: false }), 'image/png')).toMatch(/no image data/);
    expect(await problemOf(inThread, garbled(lossy), 'image/webp')).toMatch(/WebP pixels do not decode/);
  });
});

describe('JPEG decodes at scale, and the process’s end', () => {
  it('answers each of 300 decodes at once, good and damaged, as it answers them one by one', async () => {
    const decoder = new ImageDecoder();
    try {
      const faces = Array.from({ length: 30 }, (_, i) => {
        const one = renderFace(100 + i, { width: 160, height: 192, variant: 'probe', captureSeed: i }).data;
        return i % 3 === 0 ? one.subarray(0, one.length - 60) : one;
      });
      // A damaged one is decoded each time it is asked for; a good one once, then remembered.
      const images = Array.from({ length: 300 }, (_, i) => faces[i % 30]!);
      const together = await Promise.all(images.map((bytes) => problemOf(decoder, bytes, 'image/jpeg')));
      const alone: (string | null)[] = [];
      for (const bytes of images) alone.push(await decodeInFull(bytes, 'image/jpeg'));
      expect(together).toEqual(alone);
      expect(together.filter((p) => p === null)).toHaveLength(200);
    } finally {
      decoder.close();
    }
  });

  // A process ends with decodes running whenever the station stops in a burst, and a worker
  // ended inside libjpeg-turbo's binding can take the process down (SIGABRT): the JPEG
  // worker's calls are guarded (native-exit-guard.ts, whose own test shows the abort).
  it('lets the process exit while decodes are running, with its own exit code', () => {
    const decoderModule = resolve(import.meta.dirname, '../../electron/core/feed/image-decoder.ts');
    const facesModule = resolve(import.meta.dirname, '../../electron/simulator/synthetic-faces.ts');
    const script = `
      import { ImageDecoder } from ${JSON.stringify(decoderModule)};
      import { renderFace } from ${JSON.stringify(facesModule)};
      const scene = renderFace(3, { width: 1280, height: 720, variant: 'probe', captureSeed: 1 }).data;
      // Damaged ones too: the binding's refusal is where the call into Node fails as a worker ends.
      const damaged = scene.subarray(0, scene.length - 500);
      const decoder = new ImageDecoder();
      let answered = 0;
      for (let i = 0; i < 400; i++)
        void decoder.examine(i % 2 ? scene : damaged, 'image/jpeg').verdict.then(() => {
          if (++answered === 20) process.exit(7);
        });
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/terminate called/);
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 7, signal: null });
  });
});
