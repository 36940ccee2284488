/**
 * lfr-feed-v1 "An image must decode in full": a valid header is not enough. Each broken
 * image is refused with a reason; the simulator's real JPEGs and well-formed PNG/WebP pass,
 * in this thread and through the decoder's worker thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { decodeProblem } from '../../electron/core/feed/image-decode';
import { ImageDecoder } from '../../electron/core/feed/image-decoder';
import { digestOf } from '../../electron/core/feed/alert-content';
import { renderFace } from '../../electron/simulator/faces';
import { checkImageBytes } from '../../shared/feed/image-header';
import { png, webp } from '../helpers/images';

const face = renderFace(7, { width: 120, height: 144, variant: 'probe', captureSeed: 3 });
const jpeg = face.data;

describe('decodeProblem', () => {
  it('passes whole images of each type', () => {
    expect(decodeProblem(jpeg, 'image/jpeg')).toBeNull();
    expect(decodeProblem(png(40, 30), 'image/png')).toBeNull();
    expect(decodeProblem(webp(40, 30), 'image/webp')).toBeNull();
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
    ['a JPEG cut in half', jpeg.subarray(0, jpeg.length >> 1), 'image/jpeg', /JPEG does not decode/],
    ['a WebP cut short', webp(40, 30).subarray(0, 36), 'image/webp', /cut short/],
  ] as const)('refuses %s (the header alone passes)', (_name, bytes, mime, why) => {
    const [w, h] = mime === 'image/jpeg' ? [face.width, face.height] : [40, 30];
    expect(checkImageBytes(bytes, mime, w, h)).toBeNull();
    expect(decodeProblem(bytes, mime)).toMatch(why);
  });

  it('refuses a PNG chunk whose CRC does not match', () => {
    const bytes = png(40, 30);
    bytes[40] = bytes[40]! ^ 0xff;
    expect(decodeProblem(bytes, 'image/png')).toMatch(/CRC|cut short/);
  });
});

describe('ImageDecoder (worker thread)', () => {
  const decoder = new ImageDecoder();
  afterAll(() => decoder.close());

  it('answers from the worker, the same as in this thread, and remembers what decoded', async () => {
    const broken = png(40, 30, { idat: false });
    const [good, bad] = await Promise.all([
      decoder.check(digestOf(jpeg).sha256, jpeg, 'image/jpeg'),
      decoder.check(digestOf(broken).sha256, broken, 'image/png'),
    ]);
    expect(good).toBeNull();
    expect(bad).toMatch(/no image data/);
    // Remembered by digest: not decoded again (an undecodable one always is).
    expect(await decoder.check(digestOf(jpeg).sha256, new Uint8Array(), 'image/jpeg')).toBeNull();
  });

  it('falls back to this thread when no worker file exists', async () => {
    const inThread = new ImageDecoder(null);
    expect(await inThread.check('x', png(4, 4, { idat: false }), 'image/png')).toMatch(/no image data/);
  });
});
