/**
 * Just enough POSIX ustar for deployment bundles: regular files only, names under 100
 * bytes. The writer streams (file bodies are piped, never held whole); the reader is a
 * push parser that hands each member's bytes to a sink as they arrive and refuses
 * anything but plain files (links, devices, pax and GNU extensions), bad checksums,
 * base-256 sizes and members over the caller's limits.
 */
import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

const BLOCK = 512;

function octal(value: number, width: number): string {
  // width includes the terminating NUL.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

export function tarHeader(name: string, size: number, mtimeSec: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > 100) throw new Error(`tar: name too long: ${name}`);
  if (size > 0o77777777777) throw new Error('tar: member over 8 GiB');
  const h = Buffer.alloc(BLOCK, 0);
  nameBytes.copy(h, 0);
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.max(0, Math.floor(mtimeSec)), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

async function put(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Writes members into a stream (a gzip stream, for bundles); call end() for the trailer. */
export class TarWriter {
  constructor(
    private readonly out: Writable,
    private readonly mtimeSec = Math.floor(Date.now() / 1000),
  ) {}

  async addBuffer(name: string, body: Buffer): Promise<void> {
    await put(this.out, tarHeader(name, body.length, this.mtimeSec));
    await put(this.out, body);
    await this.pad(body.length);
  }

  /** Streams the first `size` bytes of a file (a journal may grow meanwhile; its prefix does not change). */
  async addFile(name: string, path: string, size: number): Promise<void> {
    await put(this.out, tarHeader(name, size, this.mtimeSec));
    let written = 0;
    if (size > 0)
      for await (const chunk of createReadStream(path, { start: 0, end: size - 1 })) {
        const buf = chunk as Buffer;
        written += buf.length;
        await put(this.out, buf);
      }
    if (written !== size) throw new Error(`tar: ${path} is shorter than ${size} bytes`);
    await this.pad(size);
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await put(this.out, Buffer.alloc(BLOCK - rest, 0));
  }

  async end(): Promise<void> {
    await put(this.out, Buffer.alloc(2 * BLOCK, 0));
  }
}

export interface TarMember {
  name: string;
  size: number;
}

export interface MemberSink {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

export interface TarLimits {
  maxMembers: number;
  /** Largest body allowed for a member, by name (called once per header). */
  maxSize: (name: string) => number;
}

export class TarError extends Error {
  override readonly name = 'TarError';
}

function readString(h: Buffer, start: number, length: number): string {
  const field = h.subarray(start, start + length);
  const nul = field.indexOf(0);
  return field.subarray(0, nul === -1 ? length : nul).toString('utf8');
}

function readOctal(h: Buffer, start: number, length: number, what: string): number {
  if ((h[start]! & 0x80) !== 0) throw new TarError(`tar: ${what} in base-256 form is not accepted`);
  const text = h
    .subarray(start, start + length)
    .toString('ascii')
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarError(`tar: ${what} is not an octal number`);
  return parseInt(text, 8);
}

/** Check a header block and return the member it describes (null for an end-of-archive block). */
export function parseHeader(h: Buffer): TarMember | null {
  if (h.every((b) => b === 0)) return null;
  const stored = readOctal(h, 148, 8, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  if (sum !== stored)
    throw new TarError('tar: header checksum does not match (not a tar archive, or damaged)');
  const magic = h.subarray(257, 263).toString('latin1');
  if (magic !== 'ustar\0' && magic !== 'ustar ') throw new TarError('tar: not a ustar archive');
  const prefix = readString(h, 345, 155);
  const base = readString(h, 0, 100);
  const name = prefix ? `${prefix}/${base}` : base;
  const type = String.fromCharCode(h[156]!);
  if (type === '2') throw new TarError(`tar: ${JSON.stringify(name)} is a symbolic link; refused`);
  if (type === '1') throw new TarError(`tar: ${JSON.stringify(name)} is a hard link; refused`);
  if (type !== '0' && type !== '\0')
    throw new TarError(
      `tar: ${JSON.stringify(name)} is not a regular file (type ${JSON.stringify(type)}); refused`,
    );
  return { name, size: readOctal(h, 124, 12, 'size') };
}

/**
 * Reads an archive from a stream of chunks, calling `open` for each member and
 * feeding its body to the sink returned. Ends at the end-of-archive blocks; a stream
 * that stops inside a member is an error.
 */
export async function readTar(
  source: AsyncIterable<Buffer | string>,
  open: (member: TarMember) => MemberSink | Promise<MemberSink>,
  limits: TarLimits,
): Promise<number> {
  let members = 0;
  let header = Buffer.alloc(0);
  let sink: MemberSink | null = null;
  let remaining = 0;
  let padding = 0;
  let ended = false;
  for await (const raw of source) {
    let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    while (chunk.length > 0) {
      // Whatever follows the end blocks (more zero padding) is ignored.
      if (ended) break;
      if (sink) {
        const take = Math.min(remaining, chunk.length);
        if (take > 0) await sink.write(chunk.subarray(0, take));
        chunk = chunk.subarray(take);
        remaining -= take;
        if (remaining === 0) {
          await sink.end();
          sink = null;
        }
        continue;
      }
      if (padding > 0) {
        const skip = Math.min(padding, chunk.length);
        chunk = chunk.subarray(skip);
        padding -= skip;
        continue;
      }
      const need = BLOCK - header.length;
      header = Buffer.concat([header, chunk.subarray(0, need)]);
      chunk = chunk.subarray(need);
      if (header.length < BLOCK) continue;
      const member = parseHeader(header);
      header = Buffer.alloc(0);
      if (!member) {
        ended = true;
        continue;
      }
      members += 1;
      if (members > limits.maxMembers) throw new TarError(`tar: more than ${limits.maxMembers} members`);
      const max = limits.maxSize(member.name);
      if (member.size > max)
        throw new TarError(
          `tar: ${JSON.stringify(member.name)} is ${member.size} bytes, over the limit of ${max}`,
        );
      const opened = await open(member);
      remaining = member.size;
      padding = (BLOCK - (member.size % BLOCK)) % BLOCK;
      if (remaining === 0) await opened.end();
      else sink = opened;
    }
  }
  if (sink || remaining > 0 || padding > 0 || header.length > 0 || !ended)
    throw new TarError('tar: archive is cut short');
  return members;
}
