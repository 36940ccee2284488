/**
 * Reads the type and pixel size of JPEG, PNG and WebP images from their headers,
 * without decoding them. Pure: works on a Uint8Array in Node and the browser.
 */
import { LIMITS } from './limits';

/** The image types the feed may send (the contract's schema is built from this list). */
export const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageMime = (typeof IMAGE_MIMES)[number];

interface ImageHeader {
  mime: ImageMime;
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function readPng(b: Uint8Array): ImageHeader | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 24 || !signature.every((v, i) => b[i] === v)) return null;
  if (ascii(b, 12, 4) !== 'IHDR') return null;
  return { mime: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
}

function readJpeg(b: Uint8Array): ImageHeader | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null; // lost sync: not a well-formed JPEG header
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length field.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    const isStartOfFrame =
      marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      return { mime: 'image/jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan or end before any frame header
    i += 2 + length;
  }
  return null;
}

function readWebp(b: Uint8Array): ImageHeader | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: a key frame starts with the start code 9d 01 2a, then 14-bit sizes.
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return {
      mime: 'image/webp',
      width: (b[26]! | (b[27]! << 8)) & 0x3fff,
      height: (b[28]! | (b[29]! << 8)) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { mime: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { mime: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return null;
}

/** The image's real type and size, or null when the bytes are no JPEG, PNG or WebP we can read. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  return readJpeg(bytes) ?? readPng(bytes) ?? readWebp(bytes);
}

/**
 * Checks image bytes against what the payload declares. Returns a sentence saying
 * what is wrong, or null when the image is acceptable.
 */
export function checkImageBytes(
  data: Uint8Array,
  mime: ImageMime,
  width: number,
  height: number,
): string | null {
  if (data.length === 0) return 'image data is empty';
  if (data.length > LIMITS.imageBytes)
    return `image is ${data.length} bytes; the limit is ${LIMITS.imageBytes}`;
  const header = readImageHeader(data);
  if (!header) return `image bytes are not a readable ${mime} (magic number or header does not match)`;
  if (header.mime !== mime) return `image bytes are ${header.mime} but declared ${mime}`;
  if (header.width > LIMITS.imagePixels || header.height > LIMITS.imagePixels)
    return `image is ${header.width}x${header.height}; the limit is ${LIMITS.imagePixels}x${LIMITS.imagePixels}`;
  if (header.width !== width || header.height !== height)
    return `image header says ${header.width}x${header.height} but declared ${width}x${height}`;
  return null;
}
