/**
 * The line-level rules of journal-v1, in one place: Journal.open uses them to decide
 * between "torn tail, recover" and "tampered, refuse", and verifyJournal to report
 * the first failure. Lines are read in chunks so a 100,000-entry journal streams.
 */
import { hash as oneShotHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { canonicalJson } from '../../../shared/journal/canonical';
import { canonicalBodyParts } from './canonical-line';
import {
  checkpointSigningText,
  GENESIS_HASH,
  type CheckpointData,
  type JournalEntry,
  type JournalOpenedData,
} from '../../../shared/journal/entries';
import { verifySignature } from './signing';
import { reviewedCast } from '../../../shared/reviewed-cast';

export interface LineRecord {
  /** The line without its "\n"; null when it was longer than the reader accepts. */
  text: string | null;
  /** Byte offsets of the line in the file; `end` includes the "\n" when there is one. */
  start: number;
  end: number;
  terminated: boolean;
}

const NEWLINE = 0x0a;

export async function* readLines(
  handle: FileHandle,
  opts: { chunkBytes?: number; maxLineBytes?: number } = {},
): AsyncGenerator<LineRecord> {
  const chunkBytes = opts.chunkBytes ?? 1 << 20;
  const maxLineBytes = opts.maxLineBytes ?? 64 << 20;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let lineStart = 0;
  let position = 0;
  const take = (tail: Buffer): string | null => {
    if (overflow) return null;
    const text = (pending.length === 0 ? tail : Buffer.concat([...pending, tail])).toString('utf8');
    return text;
  };
  // One buffer for the whole file: a line is made a string before the next read, and the
  // part of a line a read leaves unfinished is copied out. A fresh 1 MiB buffer per read
  // left hundreds of them for the collector while a large journal was opened (issue 25.5).
  const chunk = Buffer.allocUnsafe(chunkBytes);
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunkBytes, position);
    if (bytesRead === 0) break;
    const data = chunk.subarray(0, bytesRead);
    let from = 0;
    for (;;) {
      const nl = data.indexOf(NEWLINE, from);
      if (nl === -1) break;
      const end = position + nl + 1;
      yield { text: take(data.subarray(from, nl)), start: lineStart, end, terminated: true };
      pending = [];
      pendingBytes = 0;
      overflow = false;
      lineStart = end;
      from = nl + 1;
    }
    if (from < bytesRead && !overflow) {
      pending.push(Buffer.from(data.subarray(from)));
      pendingBytes += bytesRead - from;
      if (pendingBytes > maxLineBytes) {
        overflow = true;
        pending = [];
      }
    }
    position += bytesRead;
  }
  if (position > lineStart) {
    yield { text: take(Buffer.alloc(0)), start: lineStart, end: position, terminated: false };
  }
}

/** hash = SHA-256 of the RFC 8785 canonical JSON of the entry without `hash`. */
export function entryHash(entry: Omit<JournalEntry, 'hash'> & { hash?: unknown }): string {
  const { hash: _omit, ...rest } = entry;
  return sha256OfCanonical(canonicalJson(rest));
}

/**
 * The hash of an entry whose canonical text (everything but `hash`) is already made. The
 * one-shot `crypto.hash` makes no Hash object: per line that halves the hashing's cost
 * (about 0.8 against 1.8 µs for a 400-byte line), which a verifier pays a million times.
 */
export const sha256OfCanonical = (canonicalText: string): string =>
  oneShotHash('sha256', canonicalText, 'hex');

export const SIGNATURE_FAILS = 'checkpoint signature does not verify with the journal-opened key';

/** A checkpoint signature to check later, with the chain as it stood before that checkpoint. */
export interface SignatureCheck {
  seq: number;
  publicKey: string;
  text: string;
  signature: string;
  before: {
    lastHash: string | null;
    checkpoints: number;
    lastCheckpoint: CheckpointData | null;
    lastSignedAt: string | null;
    lastAt: string | null;
  };
}

type FeedResult = { ok: true; entry: JournalEntry } | { ok: false; seq: number; reason: string };

/** The only members a checkpoint's data may hold (journal-v1 "Verifying"). */
const CHECKPOINT_MEMBERS = new Set(['seq', 'hash', 'signature']);
const PUBLIC_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * A line refused at `seq`. A module function, not a closure made in each feed: run under
 * tsx, every closure is also named as it is made (esbuild's keepNames), a cost a verifier
 * of a million lines paid a million times.
 */
const refused = (seq: number, reason: string): FeedResult => ({ ok: false, seq, reason });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shapeProblem(value: Record<string, unknown>): string | null {
  if (typeof value.seq !== 'number' || !Number.isSafeInteger(value.seq)) return 'seq is not an integer';
  if (typeof value.at !== 'string') return 'at is not a string';
  if (typeof value.type !== 'string' || value.type === '') return 'type is missing';
  const actor = value.actor;
  if (
    actor !== null &&
    !(isRecord(actor) && typeof actor.id === 'string' && typeof actor.name === 'string')
  ) {
    return 'actor is neither null nor { id, name }';
  }
  if (!isRecord(value.data)) return 'data is not an object';
  if (typeof value.prev !== 'string') return 'prev is missing';
  if (typeof value.hash !== 'string') return 'hash is missing';
  return null;
}

/**
 * Feeds lines in file order and checks each against the chain so far. After a
 * failure the checker does not advance; callers stop at the first one.
 */
export class ChainChecker {
  lastSeq = 0;
  lastHash: string | null = null;
  opened: JournalOpenedData | null = null;
  checkpoints = 0;
  lastCheckpoint: CheckpointData | null = null;
  /** `at` of the newest entry read (the one a checkpoint after it would sign). */
  lastAt: string | null = null;
  /** Type of the newest entry read: only after a clock-step may `at` go back. */
  lastType: string | null = null;
  /**
   * `at` of the last signed entry: the one the last checkpoint signs. A checkpoint's own
   * `at` is not signed, so this, not the checkpoint's, is the time a verdict can stand on.
   */
  lastSignedAt: string | null = null;
  /** Entries other than checkpoints since the last checkpoint (the writer's cadence). */
  sinceCheckpoint = 0;
  /** Date.parse of the last `at` read, so each line's time is parsed once. */
  private parsedAt: { text: string; ms: number } | null = null;

  /**
   * When set, checkpoint signatures are handed here instead of checked at once (the
   * verifier checks them on the thread pool and reports the earliest that fails); every
   * other rule is still checked in line.
   */
  constructor(private readonly deferSignature?: (check: SignatureCheck) => void) {}

  feed(line: string | null, terminated = true): FeedResult {
    const seq = this.lastSeq + 1;
    if (line === null) return refused(seq, 'line is too long to be an entry');
    if (!terminated) return refused(seq, 'line is cut short (no trailing newline)');
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return refused(seq, 'line is not valid JSON');
    }
    if (!isRecord(parsed)) return refused(seq, 'line is not a JSON object');
    const shape = shapeProblem(parsed);
    if (shape) return refused(seq, `entry is malformed: ${shape}`);
    const entry = reviewedCast<JournalEntry>(parsed, 'shapeProblem found every field of an entry');
    if (entry.seq !== seq) {
      return refused(
        seq,
        `seq ${entry.seq} where ${seq} was expected (${entry.seq > seq ? 'gap' : 'out of order'})`,
      );
    }
    const expectedPrev = this.lastHash ?? GENESIS_HASH;
    if (entry.prev !== expectedPrev) {
      return refused(
        seq,
        seq === 1
          ? 'prev of the first entry is not 64 zeros'
          : `prev does not match the hash of seq ${seq - 1}`,
      );
    }
    let recomputed: string;
    try {
      // A line the station wrote is already canonical: hash its own text (canonical-line.ts).
      const body = canonicalBodyParts(line, parsed);
      recomputed = body ? sha256OfCanonical(body.head + body.tail) : entryHash(entry);
    } catch (error) {
      return refused(seq, `hash cannot be recomputed: ${(error as Error).message}`);
    }
    // recomputed is 64 lowercase hex digits: equal to it, the stored hash has journal-v1's form.
    if (entry.hash !== recomputed) return refused(seq, 'hash does not match the entry');

    const problem =
      seq === 1 ? this.checkOpened(entry) : (this.timeGoesBack(entry) ?? this.checkLater(entry));
    if (problem) return refused(seq, problem);

    this.lastSeq = seq;
    this.lastHash = entry.hash;
    const signedAt = this.lastAt;
    this.lastAt = entry.at;
    this.lastType = entry.type;
    if (entry.type === 'checkpoint') {
      this.checkpoints += 1;
      // checkLater has checked it names the entry before it (seq - 1, whose hash is prev) and is signed.
      this.lastCheckpoint = { seq: seq - 1, hash: entry.prev, signature: String(entry.data.signature) };
      this.lastSignedAt = signedAt;
      this.sinceCheckpoint = 0;
    } else {
      this.sinceCheckpoint += 1;
    }
    return { ok: true, entry };
  }

  /** journal-v1: `at` never goes back, except in the entry right after a clock-step. */
  private timeGoesBack(entry: JournalEntry): string | null {
    if (this.lastType === 'clock-step' || this.lastAt === null) return null;
    // lastAt is public (a refresh sets it): the cached time counts only while it is that text.
    const before = this.parsedAt?.text === this.lastAt ? this.parsedAt.ms : Date.parse(this.lastAt);
    const at = Date.parse(entry.at);
    this.parsedAt = { text: entry.at, ms: at };
    if (!(at < before)) return null;
    return `at ${entry.at} is earlier than the entry before it (${this.lastAt}) and no clock-step precedes it`;
  }

  private checkOpened(entry: JournalEntry): string | null {
    if (entry.type !== 'journal-opened')
      return `first entry is ${JSON.stringify(entry.type)}, not journal-opened`;
    const data = entry.data;
    if (typeof data.stationId !== 'string' || data.stationId === '') return 'journal-opened has no stationId';
    if (typeof data.deploymentId !== 'string' || data.deploymentId === '')
      return 'journal-opened has no deploymentId';
    if (typeof data.publicKey !== 'string' || !PUBLIC_KEY.test(data.publicKey)) {
      return 'journal-opened has no valid Ed25519 publicKey';
    }
    const { stationId, deploymentId, publicKey } = data;
    this.opened = {
      stationId,
      deploymentId,
      publicKey,
      appVersion: typeof data.appVersion === 'string' ? data.appVersion : '',
      ...(typeof data.training === 'boolean' ? { training: data.training } : {}),
    };
    return null;
  }

  private checkLater(entry: JournalEntry): string | null {
    if (entry.type === 'journal-opened') return 'journal-opened may only be the first entry';
    if (entry.type !== 'checkpoint') return null;
    const opened = this.opened;
    if (!opened) return 'checkpoint before journal-opened';
    // Only seq and hash are signed: an actor or any other member would be a claim nothing vouches for.
    if (entry.actor !== null) return 'checkpoint has an actor (a checkpoint is written by the station alone)';
    const extra = Object.keys(entry.data).filter((k) => !CHECKPOINT_MEMBERS.has(k));
    if (extra.length > 0)
      return `checkpoint data holds ${extra.map((k) => JSON.stringify(k)).join(', ')} besides seq, hash and signature`;
    const data = entry.data;
    if (data.seq !== entry.seq - 1)
      return `checkpoint names seq ${String(data.seq)}, not the entry before it`;
    if (data.hash !== this.lastHash)
      return `checkpoint names a hash that is not the hash of seq ${entry.seq - 1}`;
    if (typeof data.signature !== 'string') return 'checkpoint has no signature';
    const text = checkpointSigningText(
      opened.stationId,
      opened.deploymentId,
      entry.seq - 1,
      this.lastHash ?? '',
    );
    if (this.deferSignature) {
      this.deferSignature({
        seq: entry.seq,
        publicKey: opened.publicKey,
        text,
        signature: data.signature,
        before: {
          lastHash: this.lastHash,
          checkpoints: this.checkpoints,
          lastCheckpoint: this.lastCheckpoint,
          lastSignedAt: this.lastSignedAt,
          lastAt: this.lastAt,
        },
      });
      return null;
    }
    if (!verifySignature(opened.publicKey, text, data.signature)) {
      return SIGNATURE_FAILS;
    }
    return null;
  }
}
