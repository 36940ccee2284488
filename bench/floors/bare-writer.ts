/**
 * The intake floor: the least a station could do and still be honest about "stored".
 * It takes alerts over Socket.IO from the same feed server, writes and fsyncs each
 * image file and one journal line, then acknowledges. No validation, no hash chain,
 * no screen. Run as a child process (like the station) by bench/floors/writer.ts:
 *   node --import tsx bench/floors/bare-writer.ts <feed-url> <token> <dir>
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { io } from 'socket.io-client';

const [url, token, dir] = process.argv.slice(2) as [string, string, string];
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

async function writeImage(bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = await open(join(dir, 'images', sha256), 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
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
