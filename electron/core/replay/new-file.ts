/**
 * A stream piped into a new file (never over an existing one; owner-only, as bundles and
 * uploads may hold personal data). When the pipeline fails, this returns only once the file
 * has closed: a source that fails at once can fail while the file is still being opened,
 * and a caller that removed it then would see it created after and left behind (a refused
 * upload's `.partial` file, found by CI on 7 Dec 2026).
 */
import { createWriteStream } from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function pipeToNewFile(
  path: string,
  source: Readable | Iterable<Buffer>,
  through?: Transform,
): Promise<void> {
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    await (through ? pipeline(source, through, file) : pipeline(source, file));
  } catch (error) {
    if (!file.closed) await new Promise<void>((closed) => file.once('close', () => closed()));
    throw error;
  }
}
