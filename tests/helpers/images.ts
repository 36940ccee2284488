/**
 * Hand-made image bytes for intake tests: a well-formed PNG and WebP, and the broken
 * ones a hostile or faulty feed sends (valid header, no or cut-short pixel data).
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** An 8-bit RGB PNG; `idat: false` leaves the pixel data out, `rows` sends fewer rows than promised. */
export function png(
  width: number,
  height: number,
  opts: { idat?: boolean; rows?: number } = {},
): Buffer<ArrayBuffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = opts.rows ?? height;
  const raw = Buffer.alloc(rows * (1 + width * 3), 0x80);
  for (let y = 0; y < rows; y++) raw[y * (1 + width * 3)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(opts.idat === false ? [] : [chunk('IDAT', deflateSync(raw))]),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A lossless WebP container of the given size (its bitstream is filler: no decoder here reads pixels). */
export function webp(width: number, height: number): Buffer<ArrayBuffer> {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  const body = Buffer.alloc(24);
  body[0] = 0x2f;
  body.writeUInt32LE(bits >>> 0, 1);
  const head = Buffer.alloc(20);
  head.write('RIFF', 0, 'ascii');
  head.writeUInt32LE(4 + 8 + body.length, 4);
  head.write('WEBP', 8, 'ascii');
  head.write('VP8L', 12, 'ascii');
  head.writeUInt32LE(body.length, 16);
  return Buffer.concat([head, body]);
}
