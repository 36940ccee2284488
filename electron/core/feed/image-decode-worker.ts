/**
 * The worker thread that decodes feed images (image-decoder.ts starts it): one message
 * in ({ id, data, mime }), one answer out ({ id, problem }), so the station's event loop
 * never waits on a decode.
 */
import { parentPort } from 'node:worker_threads';
import jpeg from 'jpeg-js';
import type { ImageMime } from '../../../shared/feed/schemas';
import { decodeInFull } from './image-decode';

export interface DecodeRequest {
  id: number;
  data: Uint8Array;
  mime: ImageMime;
}

export interface DecodeAnswer {
  id: number;
  problem: string | null;
}

/**
 * Decode a made-up JPEG a few times as the thread starts (the station starts it when a
 * deployment arrives, before any alert): the decoder's code is then compiled and optimised
 * before the first real face. Cold, the first alert's images took about 60 ms more to
 * decode than the same images warm (measured with `bench/pixel.ts` beside a bare page).
 */
function warmUp(): void {
  const width = 320;
  const height = 240;
  const rgba = new Uint8Array(width * height * 4);
  let seed = 7;
  for (let i = 0; i < rgba.length; i++) rgba[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const { data } = jpeg.encode({ data: rgba, width, height }, 85);
  for (let i = 0; i < 3; i++) jpeg.decode(data, { useTArray: true, formatAsRGBA: false });
}
if (parentPort) {
  try {
    warmUp();
  } catch {
    // Only a warm-up: the real images are decoded, and refused or not, as ever.
  }
}

parentPort?.on('message', ({ id, data, mime }: DecodeRequest) => {
  void decodeInFull(data, mime)
    .catch((error: unknown) => `image does not decode (${String(error).slice(0, 120)})`)
    .then((problem) => parentPort!.postMessage({ id, problem } satisfies DecodeAnswer));
});
