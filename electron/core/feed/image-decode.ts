/**
 * lfr-feed-v1: "An image must decode in full (not only its header)". The header check
 * (shared/feed/image-header.ts) already matched type and size; this reads the rest:
 *
 * - JPEG: decoded in full with libjpeg-turbo (jpeg-pixels.ts, every scan, every block,
 *   warnings counted as failures; libvips decides what it refuses); a file cut short, a
 *   scan that loses its markers or corrupt entropy-coded data are refused.
 * - PNG: every chunk's CRC checked, the IDAT stream inflated in full and checked to be
 *   exactly the rows the header promises, each with a valid filter type (un-filtering
 *   cannot fail, so this is all a decoder can refuse), and IEND present.
 * - WebP: the RIFF container must be complete (its size matches the bytes, every chunk
 *   is whole) and hold a VP8/VP8L bitstream whose first partition is present in full;
 *   then `decodeInFull` decodes every pixel with libwebp (webp-pixels.ts).
 *
 * The PNG and WebP checks are synchronous and CPU-heavy: the station runs them in a worker
 * thread (image-decoder.ts), never on its event loop; the JPEG decode runs on libuv's
 * thread pool.
 */
import { crc32, inflateSync } from 'node:zlib';
import { readImageHeader } from '../../../shared/feed/image-header';
import type { ImageMime } from '../../../shared/feed/schemas';
import { jpegPixelProblem } from './jpeg-pixels';
import { webpPixelProblem } from './webp-pixels';

const u32be = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const u32le = (b: Uint8Array, i: number) =>
  (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | ((b[i + 3]! << 24) >>> 0)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

const PNG_SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Each row's length in bytes (filter byte included) of the image data the header promises. */
function pngRows(width: number, height: number, bitsPerPixel: number, interlaced: boolean): number[] {
  const rowBytes = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8);
  if (!interlaced) return Array.from({ length: height }, () => rowBytes(width));
  const rows: number[] = [];
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) for (let y = 0; y < h; y++) rows.push(rowBytes(w));
  }
  return rows;
}

function pngProblem(b: Uint8Array): string | null {
  const idat: Uint8Array[] = [];
  let header: { width: number; height: number; bitsPerPixel: number; interlaced: boolean } | null = null;
  let palette = false;
  let paletted = false;
  let i = 8;
  for (;;) {
    if (i + 12 > b.length) return 'PNG ends before its IEND chunk (file cut short)';
    const length = u32be(b, i);
    const type = ascii(b, i + 4, 4);
    if (i + 12 + length > b.length) return `PNG chunk ${type} is cut short`;
    const body = b.subarray(i + 8, i + 8 + length);
    if (crc32(b.subarray(i + 4, i + 8 + length)) !== u32be(b, i + 8 + length))
      return `PNG chunk ${type} fails its CRC`;
    if (type === 'IHDR') {
      const [bitDepth, colorType, , , interlace] = body.subarray(8, 13);
      const samples = PNG_SAMPLES[colorType!];
      if (!samples || ![1, 2, 4, 8, 16].includes(bitDepth!))
        return 'PNG header has an invalid colour type or depth';
      paletted = colorType === 3;
      header = {
        width: u32be(body, 0),
        height: u32be(body, 4),
        bitsPerPixel: samples * bitDepth!,
        interlaced: interlace === 1,
      };
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    i += 12 + length;
  }
  if (!header) return 'PNG has no IHDR chunk';
  if (paletted && !palette) return 'PNG uses a palette but has no PLTE chunk';
  if (idat.length === 0) return 'PNG has no image data (no IDAT chunk)';
  const rows = pngRows(header.width, header.height, header.bitsPerPixel, header.interlaced);
  const expected = rows.reduce((sum, n) => sum + n, 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch (error) {
    return `PNG image data does not inflate (${String((error as Error)?.message ?? error).slice(0, 100)})`;
  }
  if (pixels.length !== expected)
    return `PNG image data holds ${pixels.length} bytes; its header promises ${expected}`;
  let at = 0;
  for (const row of rows) {
    if (pixels[at]! > 4) return `PNG row has an unknown filter type ${pixels[at]}`;
    at += row;
  }
  return null;
}

function webpProblem(b: Uint8Array): string | null {
  const riffSize = u32le(b, 4);
  if (riffSize + 8 !== b.length && riffSize + 9 !== b.length)
    return `WebP container says ${riffSize + 8} bytes but holds ${b.length} (file cut short or padded)`;
  let bitstream = false;
  for (let i = 12; i < b.length - 1;) {
    if (i + 8 > b.length) return 'WebP chunk header is cut short';
    const type = ascii(b, i, 4);
    const size = u32le(b, i + 4);
    if (i + 8 + size > b.length) return `WebP chunk ${type.trim()} is cut short`;
    if (type === 'VP8 ') {
      // A key frame: 3-byte frame tag (first partition size in its top 19 bits), start code, sizes.
      if (size < 10) return 'WebP VP8 bitstream is too short';
      const partition = (b[i + 8]! | (b[i + 9]! << 8) | (b[i + 10]! << 16)) >>> 5;
      if (10 + partition > size) return 'WebP VP8 first partition is cut short';
      bitstream = true;
    } else if (type === 'VP8L') {
      if (size < 5) return 'WebP VP8L bitstream is too short';
      bitstream = true;
    }
    i += 8 + size + (size & 1);
  }
  return bitstream ? null : 'WebP has no image bitstream (no VP8 or VP8L chunk)';
}

/** How many decoded digests a decoder remembers (image-decoder.ts); a forgotten one is only decoded again. */
export const REMEMBERED = 4096;

/**
 * Why these bytes (already matched to their declared type by their header) do not decode,
 * as far as their structure tells, or null: PNG in full, WebP's container. A JPEG's
 * structure is its entropy-coded data: only decoding it (decodeInFull) can tell.
 */
export function decodeProblem(data: Uint8Array, mime: ImageMime): string | null {
  if (mime === 'image/png') return pngProblem(data);
  if (mime === 'image/webp') return webpProblem(data);
  return null;
}

/**
 * Why the image does not decode in full, or null: the checks above, then every pixel of a
 * JPEG through libjpeg-turbo (jpeg-pixels.ts), or of a WebP through libwebp
 * (webp-pixels.ts, to the size its header declares).
 */
export async function decodeInFull(data: Uint8Array, mime: ImageMime): Promise<string | null> {
  if (mime === 'image/jpeg') return jpegPixelProblem(data);
  const problem = decodeProblem(data, mime);
  if (problem || mime !== 'image/webp') return problem;
  const header = readImageHeader(data);
  return webpPixelProblem(data, header ? { width: header.width, height: header.height } : undefined);
}
