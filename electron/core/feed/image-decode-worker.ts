/**
 * A worker thread that decodes feed images (image-decoder.ts starts two: one for JPEG,
 * through libjpeg-turbo, and one for PNG and WebP): one message in ({ id, data, mime }), one
 * answer out, so the station's event loop never waits on a decode. A JPEG libjpeg-turbo
 * refuses is answered as such, without a reason: libvips decides it in the station's own
 * thread and says why (jpeg-pixels.ts), so libvips is never loaded into a worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageMime } from '../../../shared/feed/schemas';
import { decodeInFull } from './image-decode';
import { guardNativeCalls, jpegDecodesFast, warmJpegDecoder } from './jpeg-pixels';
import { nativeCallsGuardedBy } from './native-exit-guard';

export type DecodeRequest =
  | { id: number; data: Uint8Array; mime: ImageMime }
  /** Load the JPEG decoder and run it once (image-decoder.ts warm), answered with problem null. */
  | { id: number; warm: true };

export type DecodeAnswer =
  | { id: number; problem: string | null }
  /** A JPEG libjpeg-turbo refused: libvips decides it (image-decoder.ts). */
  | { id: number; refusedFast: true };

/** Given by image-decoder.ts to the JPEG worker: the flags its native calls are guarded by. */
export interface DecodeWorkerData {
  nativeExitGuard?: SharedArrayBuffer;
}

const guard = (workerData as DecodeWorkerData | null)?.nativeExitGuard;
if (guard) guardNativeCalls(nativeCallsGuardedBy(guard));

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
  if (request.mime === 'image/jpeg') {
    void jpegDecodesFast(request.data)
      .catch(() => false)
      .then((decodes) =>
        port.postMessage(
          (decodes ? { id, problem: null } : { id, refusedFast: true }) satisfies DecodeAnswer,
        ),
      );
    return;
  }
  void decodeInFull(request.data, request.mime)
    .catch((error: unknown) => `image does not decode (${String(error).slice(0, 120)})`)
    .then(answer);
});
