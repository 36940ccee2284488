/**
 * The worker thread that decodes PNG and WebP feed images (image-decoder.ts starts it; a
 * JPEG is decoded by libjpeg-turbo on libvips' own threads instead): one message
 * in ({ id, data, mime }), one answer out ({ id, problem }), so the station's event loop
 * never waits on a decode.
 */
import { parentPort } from 'node:worker_threads';
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

parentPort?.on('message', ({ id, data, mime }: DecodeRequest) => {
  void decodeInFull(data, mime)
    .catch((error: unknown) => `image does not decode (${String(error).slice(0, 120)})`)
    .then((problem) => parentPort!.postMessage({ id, problem } satisfies DecodeAnswer));
});
