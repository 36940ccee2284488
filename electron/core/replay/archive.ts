/**
 * Bundles as gzip'd tar archives, through the maintained `tar` package (it replaced
 * a hand-written reader and writer). What this module adds is distrust:
 *
 * - reading hands over regular files only: a link (symbolic or hard), a device, a
 *   folder or anything else is refused, as is a name the caller's rule refuses (paths
 *   that climb out, absolute paths), a member twice, too many members, a member over
 *   its size limit and a total over the caller's; tar's own strict mode refuses bad
 *   checksums and archives cut short;
 * - the first read of an import writes nothing (`measureArchive`), so the total the
 *   archive unpacks to can be weighed against the free disk before a byte is written.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeToNewFile } from './new-file';
import { Writable } from 'node:stream';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { create, Parser, type ReadEntry } from 'tar';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

export interface ArchiveRules {
  /** Why a member name is refused, or null. */
  nameProblem(name: string): string | null;
  maxSize(name: string): number;
  maxMembers: number;
  maxTotalBytes: number;
  /** What to say when the members add up to more than maxTotalBytes (default: the import limit). */
  overTotal?: string;
}

/** Where a member's bytes go: a stream to pipe into and a promise that settles once they are all written. */
interface MemberSink {
  stream: Writable;
  done: Promise<void>;
}

const TYPE_PROBLEM: Record<string, string> = {
  SymbolicLink: 'is a symbolic link',
  Link: 'is a hard link',
  Directory: 'is a folder',
  CharacterDevice: 'is a device',
  BlockDevice: 'is a device',
  FIFO: 'is a pipe',
};

/** tar's warnings and zlib's errors, in words for the officer. */
function describeFailure(error: unknown): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (/Truncated input|unexpected end/i.test(message)) return new ArchiveError('the archive is cut short');
  if (/checksum/i.test(message)) return new ArchiveError('a member header fails its checksum (damaged)');
  if (/decompression ratio/i.test(message))
    return new ArchiveError(`it unpacks to far more than its size (${message})`);
  if (
    /Unrecognized archive format/i.test(message) ||
    code.startsWith('Z_') ||
    /zlib|gzip|header check/i.test(message)
  )
    return new ArchiveError('not a gzip archive, or damaged');
  return new ArchiveError(`unreadable archive (${message.slice(0, 200)})`);
}

/**
 * Read every member of `file`, checking each before its bytes are read. `onMember`
 * says where a member goes (null: read past it). Resolves with the count and the
 * total of the members' sizes.
 */
export function readArchive(
  file: string,
  rules: ArchiveRules,
  onMember: (name: string, size: number) => MemberSink | null,
  onInput?: (chunk: Buffer) => void,
): Promise<{ members: number; total: number }> {
  return new Promise((resolve, reject) => {
    const seen = new Set<string>();
    const pending: Promise<void>[] = [];
    let members = 0;
    let total = 0;
    let failed = false;
    const input = createReadStream(file);
    const parser = new Parser({
      strict: true,
      // Sizes are bounded member by member and in total; a journal of repeated JSON compresses well.
      maxDecompressionRatio: Number.POSITIVE_INFINITY,
      onReadEntry: (entry: ReadEntry) => {
        if (failed) return void entry.resume();
        try {
          accept(entry);
        } catch (error) {
          entry.resume();
          fail(error);
        }
      },
    });
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      const described = describeFailure(error);
      // Let tar nerf its decompressor; it reports the abort as an error we already have.
      parser.on('error', () => undefined);
      parser.abort(described);
      reject(described);
    };
    const accept = (entry: ReadEntry) => {
      const name = entry.path;
      const problem =
        TYPE_PROBLEM[entry.type] ??
        (entry.type === 'File' || entry.type === 'OldFile' ? null : `is not a regular file (${entry.type})`);
      if (problem) throw new ArchiveError(`${JSON.stringify(name)} ${problem}`);
      const nameProblem = rules.nameProblem(name);
      if (nameProblem) throw new ArchiveError(nameProblem);
      if (seen.has(name)) throw new ArchiveError(`${name} appears twice`);
      seen.add(name);
      members += 1;
      if (members > rules.maxMembers)
        throw new ArchiveError(`it holds more than ${rules.maxMembers} members`);
      const size = entry.size ?? 0;
      if (size > rules.maxSize(name))
        throw new ArchiveError(`${name} is ${size} bytes, over the limit of ${rules.maxSize(name)}`);
      total += size;
      if (total > rules.maxTotalBytes)
        throw new ArchiveError(
          rules.overTotal ?? `it unpacks to more than the import limit of ${rules.maxTotalBytes} bytes`,
        );
      const sink = onMember(name, size);
      if (!sink) return void entry.resume();
      sink.done.catch(fail);
      pending.push(sink.done);
      entry.pipe(sink.stream);
    };
    parser.on('error', fail);
    input.on('error', fail);
    parser.on('end', () => {
      if (failed) return;
      Promise.all(pending).then(
        () => resolve({ members, total }),
        (error: unknown) => fail(error),
      );
    });
    // The archive's own bytes as read (its content hash), alongside the parser.
    if (onInput) input.on('data', (chunk) => onInput(chunk as Buffer));
    input.pipe(parser);
  });
}

/** Read the whole archive, writing nothing: its members pass every check, and here is what they add up to. */
export function measureArchive(
  file: string,
  rules: ArchiveRules,
): Promise<{ members: number; total: number }> {
  return readArchive(file, rules, () => null);
}

/** A member's bytes into a new file (never over an existing one), each chunk also given to `observe`. */
export function fileSink(path: string, observe?: (chunk: Buffer) => void): MemberSink {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      observe?.(chunk);
      if (out.write(chunk)) callback();
      else out.once('drain', () => callback());
    },
    final(callback) {
      out.end(() => callback());
    },
  });
  out.on('error', (error) => stream.destroy(error));
  const done = Promise.all([once(stream, 'finish'), once(out, 'close')]).then(() => undefined);
  return { stream, done };
}

/** A small member's bytes in memory (manifest, key, checkpoint). */
export function memorySink(parts: Buffer[]): MemberSink {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      parts.push(Buffer.from(chunk));
      callback();
    },
  });
  return { stream, done: once(stream, 'finish').then(() => undefined) };
}

type ArchiveSource =
  { name: string; bytes: Buffer } | { name: string; file: string; bytes?: undefined; size?: number };

/**
 * Write a gzip'd tar of `sources` to `out` (which must not exist). Members are staged
 * in a private folder beside `stagingNear` (files linked where they can be, copied
 * where they cannot; a prefix of a growing file copied) and tar packs that folder.
 */
export async function writeArchive(
  out: string,
  stagingNear: string,
  sources: ArchiveSource[],
): Promise<void> {
  const staging = join(stagingNear, `.bundle-staging-${randomBytes(6).toString('hex')}`);
  await mkdir(staging, { recursive: true, mode: 0o700 });
  try {
    for (const source of sources) {
      const target = join(staging, source.name);
      await mkdir(dirname(target), { recursive: true, mode: 0o700 });
      if (source.bytes) await writeFile(target, source.bytes, { mode: 0o600 });
      else if (source.size !== undefined)
        await pipeToNewFile(
          target,
          source.size > 0 ? createReadStream(source.file, { start: 0, end: source.size - 1 }) : [],
        );
      else await link(source.file, target).catch(() => copyFile(source.file, target));
    }
    const pack = create({ gzip: { level: 6 }, cwd: staging, portable: true, noDirRecurse: true }, [
      ...sources.map((s) => s.name),
    ]);
    // On failure the caller removes `out`: pipeToNewFile returns once it exists to remove.
    await pipeToNewFile(out, pack);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
