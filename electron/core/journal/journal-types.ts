/**
 * What the Journal class takes and hands back, and how its group commits are cut
 * (journal.ts does the writing; journal-load.ts the reading on open).
 */
import { canonicalJson, canonicalJsonOfPlain } from '../../../shared/journal/canonical';
import type { Actor, JournalEntry, JournalOpenedData, SetAsideRecord } from '../../../shared/journal/entries';
import { sha256OfCanonical } from './chain';
import type { ClockStep } from './entry-clock';
import type { Signer } from './signing';

export interface CheckpointNotice {
  stationId: string;
  deploymentId: string;
  seq: number;
  hash: string;
  signature: string;
}

export interface JournalOpenOptions {
  file: string;
  deploymentId: string;
  signer: Signer;
  appVersion: string;
  training?: boolean;
  /**
   * A new journal only: the one before it was set aside (station/set-aside.ts). Recorded in
   * its journal-opened, which is signed at once, so the record starts by saying so.
   */
  setAside?: SetAsideRecord;
  now?: () => Date;
  /**
   * The monotonic clock a wall-clock step is noticed against (entry-clock.ts). Omit it
   * where `now` is driven alone (tests): then only a clock reading earlier than the
   * journal's last entry when it is opened counts as a step.
   */
  mono?: () => number;
  onCheckpoint?: (cp: CheckpointNotice) => void;
  /** A clock-step entry is on disk (the station doubts its clock until the feed confirms it). */
  onClockStep?: (step: ClockStep, entry: JournalEntry) => void;
  /**
   * Each entry of the file as it is read and verified, then the journal-opened or recovered
   * entry opening writes, instead of collecting them all in the result (whose `entries` is
   * then empty): a 100,000-alert journal is folded without being held whole. If a later
   * line is tampered, open throws and what was visited must be dropped; what this throws
   * fails the open with the file as it was found.
   */
  onEntry?: (entry: JournalEntry, place: EntryPlace) => void;
}

/** Where an entry's line is in the journal file: bytes [start, end), its "\n" included. */
export interface EntryPlace {
  start: number;
  end: number;
}

/** The journal-opened data of a new journal (journal-v1: at least these; more may follow). */
export function openedData(opts: JournalOpenOptions): JournalOpenedData {
  return {
    stationId: opts.signer.stationId,
    publicKey: opts.signer.publicKey,
    appVersion: opts.appVersion,
    deploymentId: opts.deploymentId,
    training: opts.training ?? false,
    ...(opts.setAside ? { setAside: opts.setAside } : {}),
  };
}

export interface RecoveredTail {
  bytes: number;
  sha256: string;
  reason: string;
}

export interface PendingAppend {
  type: string;
  actor: Actor | null;
  data: object;
  /** journal-closed is always followed by a checkpoint. */
  checkpointAfter: boolean;
  /** Size of the data as JSON, measured when a batch is taken. */
  bytes?: number;
  resolve: (entry: JournalEntry) => void;
  reject: (error: unknown) => void;
}

/** Bounds of one group commit (one write and one fsync); one commit in flight per file. A commit takes what is queued when it starts (in a burst, the first entry alone). */
export const JOURNAL_BATCH = { entries: 256, bytes: 1024 * 1024 };

/**
 * The next group commit, bounded by entries and bytes: in a burst the first appends
 * are durable (and acknowledged) while later ones are still queued, rather than all
 * waiting for one write of everything. Always at least one entry.
 */
export function takeBatch(queue: PendingAppend[]): PendingAppend[] {
  let bytes = 0;
  let count = 0;
  while (count < queue.length && count < JOURNAL_BATCH.entries) {
    const next = queue[count]!;
    // Approximate (the data's JSON); a checkpoint the batch adds is small and bounded.
    next.bytes ??= JSON.stringify(next.data)?.length ?? 0;
    if (count > 0 && bytes + next.bytes > JOURNAL_BATCH.bytes) break;
    bytes += next.bytes;
    count += 1;
  }
  return queue.splice(0, count);
}

/** JSON round-trip so the entry handed back is exactly what a reader will parse from disk. */
function plainJson<T>(value: T, what: string): T {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} is not JSON`);
  return JSON.parse(text) as T;
}

/** One entry, hashed: data and actor as plain JSON, stamped `at`. */
export function buildEntry(
  seq: number,
  prev: string,
  type: string,
  actor: Actor | null,
  data: object,
  at: string,
): JournalEntry {
  return buildEntryAndLine(seq, prev, type, actor, data, at).entry;
}

/**
 * The entry and the line the station writes for it (canonical-line.ts entryLine), from one
 * canonical text: the line is the canonical body with `"hash":…,` put in before `"prev"`,
 * where JCS sorts it (actor, at, data, hash, prev, seq, type). Building the canonical form a
 * second time for the line was a tenth of the station's event loop in a 200-alert burst.
 */
export function buildEntryAndLine(
  seq: number,
  prev: string,
  type: string,
  actor: Actor | null,
  data: object,
  at: string,
): { entry: JournalEntry; line: string } {
  const cleanData = plainJson(data, 'entry data') as Record<string, unknown>;
  if (typeof cleanData !== 'object' || cleanData === null || Array.isArray(cleanData)) {
    throw new TypeError('entry data must be an object');
  }
  const cleanActor = actor === null ? null : plainJson({ id: actor.id, name: actor.name }, 'actor');
  const body = { seq, at, type, actor: cleanActor, data: cleanData, prev };
  // Plain JSON by now (plainJson above), so written by canonicalJsonOfPlain, which refuses
  // what JSON cannot carry faithfully (lone surrogates, a seq that is not finite) before
  // anything is written; the same text is what the hash is over (chain.ts entryHash).
  const canonical = canonicalJsonOfPlain(body);
  const entry = { ...body, hash: sha256OfCanonical(canonical) };
  // canonicalize writes strings and numbers as JSON.stringify does, so the body ends so.
  const tail = `"prev":${JSON.stringify(prev)},"seq":${JSON.stringify(seq)},"type":${JSON.stringify(type)}}`;
  const line = canonical.endsWith(tail)
    ? `${canonical.slice(0, canonical.length - tail.length)}"hash":${JSON.stringify(entry.hash)},${tail}`
    : canonicalJson(entry);
  return { entry, line };
}

export const DEPLOYMENT_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** Types only the journal itself writes; letting callers write them would break the chain's rules. */
export const RESERVED_TYPES = new Set([
  'journal-opened',
  'checkpoint',
  'recovered',
  'journal-closed',
  'clock-step',
]);
/** A queued write with nothing to append: it only lets the commit notice a clock step. */
export const CLOCK_CHECK = '';

/** What Journal.open gives (`J` is the Journal: named by journal.ts, which imports this file). */
export interface JournalOpenResult<J> {
  journal: J;
  /** Every entry in the file after opening, including any journal-opened or recovered just written (none with onEntry). */
  entries: JournalEntry[];
  recovered: RecoveredTail | null;
}
