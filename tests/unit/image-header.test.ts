import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { checkImageBytes, readImageHeader } from '../../shared/feed/image-header';

function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

function webpVp8x(width: number, height: number): Uint8Array {
  const b = new Uint8Array(30);
  b.set(
    [...'RIFF'].map((c) => c.charCodeAt(0)),
    0,
  );
  b.set(
    [...'WEBPVP8X'].map((c) => c.charCodeAt(0)),
    8,
  );
  const w = width - 1;
  const h = height - 1;
  b.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  return b;
}

function jpegOf(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4, 128);
  return jpeg.encode({ data, width, height }, 80).data;
}

describe('image headers', () => {
  it('reads JPEG, PNG and WebP sizes without decoding', () => {
    expect(readImageHeader(jpegOf(37, 21))).toEqual({ mime: 'image/jpeg', width: 37, height: 21 });
    expect(readImageHeader(png(640, 480))).toEqual({ mime: 'image/png', width: 640, height: 480 });
    expect(readImageHeader(webpVp8x(1280, 720))).toEqual({ mime: 'image/webp', width: 1280, height: 720 });
    expect(readImageHeader(new TextEncoder().encode('GIF89a......................'))).toBeNull();
  });

  it('says what is wrong with an image that does not match its declaration', () => {
    const j = jpegOf(16, 16);
    expect(checkImageBytes(j, 'image/jpeg', 16, 16)).toBeNull();
    expect(checkImageBytes(j, 'image/png', 16, 16)).toMatch(/are image\/jpeg but declared image\/png/);
    expect(checkImageBytes(j, 'image/jpeg', 17, 16)).toMatch(/header says 16x16 but declared 17x16/);
    expect(checkImageBytes(png(9000, 10), 'image/png', 9000, 10)).toMatch(/limit is 8192x8192/);
    expect(checkImageBytes(new Uint8Array(0), 'image/png', 1, 1)).toMatch(/empty/);
    expect(checkImageBytes(new Uint8Array(8 * 1024 * 1024 + 1), 'image/png', 1, 1)).toMatch(
      /limit is 8388608/,
    );
    expect(checkImageBytes(j.subarray(0, 3), 'image/jpeg', 16, 16)).toMatch(/not a readable/);
  });
});
