/**
 * The intake floor: the least a station could do and still be honest about "stored".
 * It takes alerts over Socket.IO from the same feed server, writes and fsyncs each
 * image file and one journal line, then acknowledges. No validation, no hash chain,
 * no screen. Run as a child process (like the station) by bench/floors/writer.ts:
 *   node --import tsx bench/floors/bare-writer.ts <feed-url> <token> <dir> [decode]
 *
 * With `decode`, it also decodes each image in full before acknowledging, as lfr-feed-v1
 * now asks of a station ("an image must decode in full"): libjpeg-turbo's asynchronous
 * call on libuv's pool, beside the writes, the plainest way Node offers, and each distinct
 * image once (by its SHA-256, as the station does: an alert's watchlist image and scene
 * often come again). That is a second, informative floor (what the contract itself costs
 * on this machine); issue 25's goal is against the writer without it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import turboModule from '@julusian/jpeg-turbo';
import { io } from 'socket.io-client';

const [url, token, dir, mode] = process.argv.slice(2) as [string, string, string, string | undefined];
const decode = mode === 'decode';
// A CommonJS module: under tsx its exports may be the default import or the module itself.
const turbo = (turboModule as { default?: typeof turboModule }).default ?? turboModule;
mkdirSync(join(dir, 'images'), { recursive: true });
const journal = await open(join(dir, 'journal.jsonl'), 'a');

interface WireImage {
  data: Uint8Array;
}
interface WireAlert {
  alertId: string;
  seq: number;
  probe: WireImage;
  scene?: WireImage;
  subject: { image: WireImage };
}

/** Each distinct image's decode (by SHA-256), so that one sent again is not decoded again. */
const decodes = new Map<string, Promise<unknown>>();

/** Every block of the JPEG decoded (to grey, as the station does); rejects where it does not decode. */
function decodeInFull(sha256: string, bytes: Uint8Array): Promise<unknown> {
  let decoded = decodes.get(sha256);
  if (!decoded) {
    decoded = turbo
      .decompress(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
        format: turbo.FORMAT_GRAY,
      })
      .then(() => undefined); // the pixels themselves are not kept
    decodes.set(sha256, decoded);
  }
  return decoded;
}

async function writeImage(bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = await open(join(dir, 'images', sha256), 'w');
  try {
    await Promise.all([
      file.writeFile(bytes).then(() => file.sync()),
      decode ? decodeInFull(sha256, bytes) : null,
    ]);
  } finally {
    await file.close();
  }
  return sha256;
}

const socket = io(`${url}/lfr/v1`, {
  transports: ['websocket'],
  auth: { token, stationId: 'bare-writer', stationKey: 'A'.repeat(43), clientVersion: 'floor', resume: null },
});
socket.on('alert', async (alert: WireAlert, ack: (answer: unknown) => void) => {
  try {
    const images = [alert.probe, alert.subject.image, ...(alert.scene ? [alert.scene] : [])];
    const hashes = await Promise.all(images.map((i) => writeImage(i.data)));
    await journal.write(`${JSON.stringify({ alertId: alert.alertId, seq: alert.seq, images: hashes })}\n`);
    await journal.datasync();
    ack({ status: 'stored' });
  } catch (error) {
    // Said, not swallowed: the bench reports a floor that could not store.
    process.stderr.write(`bare writer: ${String(error)}\n`);
    ack({ status: 'rejected', reason: String(error) });
  }
});
socket.on('disconnect', (reason) => process.stderr.write(`bare writer: disconnected (${reason})\n`));
socket.on('connect', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  socket.close();
  void journal.close().then(() => process.exit(0));
});
