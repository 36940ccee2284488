/**
 * WebP decoded to its pixels (lfr-feed-v1: an image must decode in full), with libwebp's
 * own decoder compiled to WebAssembly (@jsquash/webp, from Squoosh): no native build, the
 * same code in the station, the tests and Electron. The container checks in
 * image-decode.ts run first; this then decodes every pixel, so a WebP whose bitstream is
 * garbage or cut short inside a chunk is refused rather than stored.
 *
 * Loaded on first use (in the decoder's worker thread), once per thread.
 */
import { readFileSync } from 'node:fs';
import { packageRequire } from '../package-require';

type WebpDecode = (data: ArrayBuffer) => Promise<{ width: number; height: number }>;
/** The two WebAssembly calls used here (the Node runtime's types here carry no WebAssembly). */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

let loading: Promise<WebpDecode> | null = null;

async function load(): Promise<WebpDecode> {
  // The module is ESM; its WebAssembly is read from the package's folder (inside the asar in Electron).
  const mod = (await import('@jsquash/webp/decode.js')) as {
    default: WebpDecode;
    init: (module: object) => Promise<unknown>;
  };
  const require = packageRequire();
  if (!require) throw new Error('cannot resolve @jsquash/webp from here');
  const wasmFile = require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm');
  await mod.init(await WebAssembly.compile(readFileSync(wasmFile)));
  return mod.default;
}

/** Why the WebP's pixels do not decode (or not to the size its header says), or null. */
export async function webpPixelProblem(data: Uint8Array, expected?: { width: number; height: number }) {
  loading ??= load();
  const decode = await loading;
  // The decoder takes an ArrayBuffer of exactly the image (a view may sit in a larger buffer).
  const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  let image: { width: number; height: number };
  try {
    image = await decode(bytes);
  } catch (error) {
    return `WebP pixels do not decode (${String((error as Error)?.message ?? error).slice(0, 100)})`;
  }
  if (expected && (image.width !== expected.width || image.height !== expected.height))
    return `WebP decodes to ${image.width}x${image.height}; its header says ${expected.width}x${expected.height}`;
  return null;
}
