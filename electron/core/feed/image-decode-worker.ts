/**
 * A worker thread that decodes feed images (image-decoder.ts starts two: one for JPEG,
 * through libvips, and one for PNG and WebP): one message in ({ id, data, mime }), one
 * answer out ({ id, problem }), so the station's event loop never waits on a decode.
 */
import { parentPort } from 'node:worker_threads';
import type { ImageMime } from '../../../shared/feed/schemas';
import { decodeInFull } from './image-decode';
import { warmJpegDecoder } from './jpeg-pixels';

export type DecodeRequest =
  | { id: number; data: Uint8Array; mime: ImageMime }
  /** Load the JPEG decoder and run it once (image-decoder.ts warm), answered with problem null. */
  | { id: number; warm: true };

export interface DecodeAnswer {
  id: number;
  problem: string | null;
}

const port = parentPort;
port?.on('message', (request: DecodeRequest) => {
  const { id } = request;
  const answer = (problem: string | null) => port.postMessage({ id, problem } satisfies DecodeAnswer);
  if ('warm' in request) {
    void warmJpegDecoder()
      .catch(() => undefined)
      .then(() => answer(null));
    return;
  }
  void decodeInFull(request.data, request.mime)
    .catch((error: unknown) => `image does not decode (${String(error).slice(0, 120)})`)
    .then(answer);
});
