/**
 * A worker thread that hashes and decodes feed images (image-decoder.ts starts two: one for
 * JPEG, through libjpeg-turbo, and one for PNG and WebP): one message in, one answer out,
 * so the station's event loop waits on neither. The bytes come in the memory both threads
 * share (shared-ring.ts), or handed over when that is full. Each answer carries the image's
 * SHA-256, which names its file and its journal entry. An image that decoded once (by that
 * digest) is not decoded again: a watchlist face or a scene repeated across a burst costs
 * one decode. A JPEG libjpeg-turbo refuses is answered as such, without a reason: libvips
 * decides it in the station's own thread and says why (jpeg-pixels.ts), so libvips is never
 * loaded into a worker.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { ImageMime } from '../../../shared/feed/schemas';
import { decodeInFull, REMEMBERED } from './image-decode';
import { guardNativeCalls, jpegDecodesFast, warmJpegDecoder } from './jpeg-pixels';
import { nativeCallsGuardedBy } from './native-exit-guard';

export type DecodeRequest =
  /** Bytes in the shared ring, `length` of them from `at`. */
  | { id: number; at: number; length: number; mime: ImageMime }
  /** Bytes handed over (the ring had no room). */
  | { id: number; data: Uint8Array; mime: ImageMime }
  /** Load the JPEG decoder and run it once (image-decoder.ts warm); the answer is ignored. */
  | { id: number; warm: true };

export type DecodeAnswer =
  | { id: number; sha256: string; problem: string | null; remembered: boolean }
  /** A JPEG libjpeg-turbo refused: libvips decides it (image-decoder.ts). */
  | { id: number; sha256: string; refusedFast: true };

/** Given by image-decoder.ts: the shared ring, and to the JPEG worker the flags its native calls are guarded by. */
export interface DecodeWorkerData {
  ring?: SharedArrayBuffer;
  nativeExitGuard?: SharedArrayBuffer;
}

const given = workerData as DecodeWorkerData | null;
if (given?.nativeExitGuard) guardNativeCalls(nativeCallsGuardedBy(given.nativeExitGuard));

/** Digests that decoded, oldest first (a Set keeps the order they were added in). */
const decoded = new Set<string>();
function remember(sha256: string): void {
  decoded.add(sha256);
  for (const oldest of decoded) {
    if (decoded.size <= REMEMBERED) break;
    decoded.delete(oldest);
  }
}

/** libjpeg-turbo refused it: libvips decides (image-decoder.ts). */
const REFUSED_FAST = Symbol('refused by libjpeg-turbo');

/** Why it does not decode (null: it does), or REFUSED_FAST for libvips to decide. */
async function verdict(data: Uint8Array, mime: ImageMime): Promise<string | null | typeof REFUSED_FAST> {
  if (mime === 'image/jpeg') return (await jpegDecodesFast(data).catch(() => false)) ? null : REFUSED_FAST;
  return decodeInFull(data, mime).catch(
    (error: unknown) => `image does not decode (${String(error).slice(0, 120)})`,
  );
}

/** The bytes a request names: handed over, or a view of the shared ring (no copy). */
function bytesOf(request: Exclude<DecodeRequest, { warm: true }>): Uint8Array {
  if ('data' in request) return request.data;
  if (!given?.ring) throw new Error('a ring request, but no ring was given');
  return new Uint8Array(given.ring, request.at, request.length);
}

const port = parentPort;
port?.on('message', (request: DecodeRequest) => {
  const { id } = request;
  if ('warm' in request) {
    void warmJpegDecoder()
      .catch(() => undefined)
      .then(() =>
        port.postMessage({ id, sha256: '', problem: null, remembered: false } satisfies DecodeAnswer),
      );
    return;
  }
  const data = bytesOf(request);
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (decoded.has(sha256)) {
    port.postMessage({ id, sha256, problem: null, remembered: true } satisfies DecodeAnswer);
    return;
  }
  void verdict(data, request.mime).then((problem) => {
    if (problem === null) remember(sha256);
    port.postMessage(
      (problem === REFUSED_FAST
        ? { id, sha256, refusedFast: true }
        : { id, sha256, problem, remembered: false }) satisfies DecodeAnswer,
    );
  });
});
