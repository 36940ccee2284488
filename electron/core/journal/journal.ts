/**
 * The durable, hash-chained deployment journal (journal-v1). One writer per file;
 * every append resolves only once its line is on disk. Appends that arrive while a
 * write is in flight share the next write and fsync (group commit).
 */
import { createHash } from 'node:crypto';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  CHECKPOINT_EVERY,
  GENESIS_HASH,
  checkpointSigningText,
  type Actor,
  type EntryData,
  type EntryOf,
  type EntryType,
  type JournalEntry,
  type JournalOpenedData,
} from '../../../shared/journal/entries';
import { canonicalJson } from '../../../shared/journal/canonical';
import type { Signer } from './signing';
import { ChainChecker, readLines, sha256OfCanonical } from './chain';
import { readRange, writeAll } from './file-io';
import { JournalFileError, JournalTamperedError } from './journal-errors';
import { PRIVATE_FILE_MODE, ensureDirDurable, fsyncDir } from './fsync';

export { JournalFileError, JournalTamperedError };

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
  now?: () => Date;
  onCheckpoint?: (cp: CheckpointNotice) => void;
}

export interface RecoveredTail {
  bytes: number;
  sha256: string;
  reason: string;
}

export interface JournalOpenResult {
  journal: Journal;
  /** Every entry in the file after opening, including any journal-opened or recovered just written. */
  entries: JournalEntry[];
  recovered: RecoveredTail | null;
}

const DEPLOYMENT_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** Types only the journal itself writes; letting callers write them would break the chain's rules. */
const RESERVED_TYPES = new Set(['journal-opened', 'checkpoint', 'recovered', 'journal-closed']);

interface PendingAppend {
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

// A second writer on the same file in this process would fork the chain.
const openFiles = new Set<string>();

/** JSON round-trip so the entry handed back is exactly what a reader will parse from disk. */
function plainJson<T>(value: T, what: string): T {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`${what} is not JSON`);
  return JSON.parse(text) as T;
}

export class Journal {
  private queue: PendingAppend[] = [];
  /** The newest entry's time: `at` never goes backwards in a journal, whatever the clock does. */
  private lastAtMs = 0;
  private lastAtOnOpen = 0;
  private flushing = false;
  private accepting = true;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    private readonly opened: JournalOpenedData,
    private readonly signer: Signer,
    private readonly now: () => Date,
    private readonly onCheckpoint: ((cp: CheckpointNotice) => void) | undefined,
    /** Length of the file up to the last entry known to be on disk. */
    private size: number,
    private seq: number,
    private hash: string,
    private sinceCheckpoint: number,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }
  get lastHash(): string {
    return this.hash;
  }
  get file(): string {
    return this.path;
  }
  get deploymentId(): string {
    return this.opened.deploymentId;
  }
  get stationId(): string {
    return this.opened.stationId;
  }
  /** When the newest entry was written, as found when the file was opened (null: a new journal). */
  get lastEntryAtOpen(): number | null {
    return this.lastAtOnOpen || null;
  }
  /** Why the journal stopped taking appends (a failed fsync, a rollback that failed, its file gone), or null. */
  get failed(): Error | null {
    return this.failure;
  }
  /** True once close() has begun or a failed fsync made the journal unusable. */
  get closed(): boolean {
    return !this.accepting || this.failure !== null;
  }

  static async open(opts: JournalOpenOptions): Promise<JournalOpenResult> {
    if (!DEPLOYMENT_ID_RE.test(opts.deploymentId) || /^\.+$/.test(opts.deploymentId)) {
      throw new TypeError(`invalid deploymentId ${JSON.stringify(opts.deploymentId.slice(0, 80))}`);
    }
    const path = resolve(opts.file);
    if (openFiles.has(path)) throw new Error(`journal ${path} is already open in this process`);
    openFiles.add(path);
    let handle: FileHandle | null = null;
    try {
      await ensureDirDurable(dirname(path));
      let created = false;
      try {
        handle = await open(path, 'wx+', PRIVATE_FILE_MODE);
        created = true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        handle = await open(path, 'r+');
      }
      if (created) await fsyncDir(dirname(path));
      const result = await Journal.load(handle, path, opts);
      return result;
    } catch (error) {
      openFiles.delete(path);
      await handle?.close().catch(() => undefined);
      throw error;
    }
  }

  private static async load(
    handle: FileHandle,
    path: string,
    opts: JournalOpenOptions,
  ): Promise<JournalOpenResult> {
    const size = (await handle.stat()).size;
    const checker = new ChainChecker();
    const entries: JournalEntry[] = [];
    let cut: { start: number; reason: string } | null = null;
    for await (const line of readLines(handle)) {
      const result = checker.feed(line.text, line.terminated);
      if (result.ok) {
        entries.push(result.entry);
        continue;
      }
      // Only the final line can be a write the crash interrupted; anything earlier was altered.
      if (line.end < size) throw new JournalTamperedError(result.seq, result.reason);
      cut = { start: line.start, reason: result.reason };
      break;
    }

    let recovered: RecoveredTail | null = null;
    let goodSize = size;
    if (cut) {
      const tail = await readRange(handle, cut.start, size);
      recovered = {
        bytes: tail.length,
        sha256: createHash('sha256').update(tail).digest('hex'),
        reason: cut.reason,
      };
      await handle.truncate(cut.start);
      await handle.sync();
      goodSize = cut.start;
    }

    const opened: JournalOpenedData = checker.opened ?? {
      stationId: opts.signer.stationId,
      publicKey: opts.signer.publicKey,
      appVersion: opts.appVersion,
      deploymentId: opts.deploymentId,
      training: opts.training ?? false,
    };
    if (checker.opened) {
      if (opened.deploymentId !== opts.deploymentId) {
        throw new Error(
          `journal ${path} belongs to deployment ${opened.deploymentId}, not ${opts.deploymentId}`,
        );
      }
      if (opened.publicKey !== opts.signer.publicKey || opened.stationId !== opts.signer.stationId) {
        throw new Error(`journal ${path} was opened by another station key; this station cannot continue it`);
      }
    }

    const journal = new Journal(
      handle,
      path,
      opened,
      opts.signer,
      opts.now ?? (() => new Date()),
      opts.onCheckpoint,
      goodSize,
      checker.lastSeq,
      checker.lastHash ?? GENESIS_HASH,
      checker.sinceCheckpoint,
    );
    journal.lastAtMs = Date.parse(entries.at(-1)?.at ?? '') || 0;
    journal.lastAtOnOpen = journal.lastAtMs;
    if (!checker.opened) entries.push(await journal.enqueue('journal-opened', null, { ...opened }, false));
    // Signed at once: what was cut is on the record, and the chain up to it is sealed again.
    if (recovered) entries.push(await journal.enqueue('recovered', null, { ...recovered }, true));
    return { journal, entries, recovered };
  }

  /**
   * How the station writes: typed by the entry map (shared/journal/entry-data.ts), so
   * `data` has the shape its type promises and the entry handed back is narrowed.
   */
  appendEntry<T extends EntryType>(type: T, actor: Actor | null, data: EntryData[T]): Promise<EntryOf<T>> {
    // makeEntry writes `data` as given (after a JSON round trip), so it keeps its type.
    return this.append(type, actor, data) as Promise<EntryOf<T>>;
  }

  /**
   * The format-level write: any type journal-v1 allows, any object as data (a verifier
   * and this class accept types they do not know). Application code uses appendEntry.
   */
  append(type: string, actor: Actor | null, data: object): Promise<JournalEntry> {
    if (RESERVED_TYPES.has(type)) {
      return Promise.reject(new Error(`"${type}" entries are written by the journal itself`));
    }
    if (typeof type !== 'string' || type === '')
      return Promise.reject(new TypeError('entry type is required'));
    return this.enqueue(type, actor, data, false);
  }

  /**
   * Releases the file without writing anything: for a journal the station refuses to
   * continue (its entries do not read), which must stay exactly as it was found.
   */
  async abandon(): Promise<void> {
    if (this.closing) return this.closing;
    this.accepting = false;
    this.closing = (async () => {
      openFiles.delete(this.path);
      await this.handle.close();
    })();
    return this.closing;
  }

  /** Writes journal-closed and a final checkpoint, then releases the file. */
  close(reason = 'station-quit'): Promise<void> {
    this.closing ??= (async () => {
      try {
        if (!this.failure) {
          const last = this.enqueue('journal-closed', null, { reason }, true);
          this.accepting = false;
          await last;
        }
      } finally {
        this.accepting = false;
        openFiles.delete(this.path);
        await this.handle.close();
      }
    })();
    return this.closing;
  }

  private enqueue(
    type: string,
    actor: Actor | null,
    data: object,
    checkpointAfter: boolean,
  ): Promise<JournalEntry> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.accepting) return Promise.reject(new Error('journal is closed'));
    return new Promise<JournalEntry>((resolve, reject) => {
      this.queue.push({ type, actor, data, checkpointAfter, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  /**
   * The next group commit, bounded by entries and bytes: in a burst the first appends
   * are durable (and acknowledged) while later ones are still queued, rather than all
   * waiting for one write of everything. Always at least one entry.
   */
  private takeBatch(): PendingAppend[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && count < JOURNAL_BATCH.entries) {
      const next = this.queue[count]!;
      // Approximate (the data's JSON); a checkpoint the batch adds is small and bounded.
      next.bytes ??= JSON.stringify(next.data)?.length ?? 0;
      if (count > 0 && bytes + next.bytes > JOURNAL_BATCH.bytes) break;
      bytes += next.bytes;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) await this.commit(this.takeBatch());
    } finally {
      this.flushing = false;
    }
  }

  private makeEntry(
    seq: number,
    prev: string,
    type: string,
    actor: Actor | null,
    data: object,
  ): JournalEntry {
    const cleanData = plainJson(data, 'entry data') as Record<string, unknown>;
    if (typeof cleanData !== 'object' || cleanData === null || Array.isArray(cleanData)) {
      throw new TypeError('entry data must be an object');
    }
    const cleanActor = actor === null ? null : plainJson({ id: actor.id, name: actor.name }, 'actor');
    // A clock stepped back (NTP, a manual change) must not make the record read out of order.
    this.lastAtMs = Math.max(this.now().getTime(), this.lastAtMs);
    const at = new Date(this.lastAtMs).toISOString();
    const body = { seq, at, type, actor: cleanActor, data: cleanData, prev };
    // canonicalJson rejects what JSON cannot carry faithfully (NaN, lone surrogates) before
    // anything is written; the same text is what the hash is over (chain.ts entryHash).
    return { ...body, hash: sha256OfCanonical(canonicalJson(body)) };
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    if (this.failure) {
      for (const p of batch) p.reject(this.failure);
      return;
    }
    let seq = this.seq;
    let prev = this.hash;
    let since = this.sinceCheckpoint;
    const lines: string[] = [];
    const accepted: Array<{ pending: PendingAppend; entry: JournalEntry }> = [];
    const checkpoints: CheckpointNotice[] = [];
    // Signs the entry just before it (journal-v1 "Checkpoints"), in the same write.
    const seal = () => {
      const signature = this.signer.sign(checkpointSigningText(this.stationId, this.deploymentId, seq, prev));
      const cp = this.makeEntry(seq + 1, prev, 'checkpoint', null, { seq, hash: prev, signature });
      lines.push(`${JSON.stringify(cp)}\n`);
      checkpoints.push({
        stationId: this.stationId,
        deploymentId: this.deploymentId,
        seq,
        hash: prev,
        signature,
      });
      seq = cp.seq;
      prev = cp.hash;
      since = 0;
    };
    let byPerson = false;
    for (const pending of batch) {
      let entry: JournalEntry;
      try {
        entry = this.makeEntry(seq + 1, prev, pending.type, pending.actor, pending.data);
      } catch (error) {
        pending.reject(error);
        continue;
      }
      lines.push(`${JSON.stringify(entry)}\n`);
      accepted.push({ pending, entry });
      seq = entry.seq;
      prev = entry.hash;
      since += 1;
      if (entry.actor !== null) byPerson = true;
      if (since >= CHECKPOINT_EVERY || pending.checkpointAfter) seal();
    }
    // A write that holds what a person did is signed at once: nobody can later cut it off unnoticed.
    if (byPerson && since > 0) seal();
    if (lines.length === 0) return;

    const bytes = Buffer.from(lines.join(''), 'utf8');
    let stage: 'write' | 'fsync' = 'write';
    try {
      const gone = await this.fileGone();
      if (gone) {
        this.failure = gone;
        for (const { pending } of accepted) pending.reject(gone);
        return;
      }
      await writeAll(this.handle, bytes, this.size);
      stage = 'fsync';
      await this.handle.datasync();
    } catch (error) {
      await this.rollBack(error, stage);
      for (const { pending } of accepted) pending.reject(error);
      return;
    }
    this.size += bytes.length;
    this.seq = seq;
    this.hash = prev;
    this.sinceCheckpoint = since;
    for (const { pending, entry } of accepted) pending.resolve(entry);
    for (const cp of checkpoints) {
      try {
        this.onCheckpoint?.(cp);
      } catch {
        // A listener's failure must not undo an entry that is already on disk.
      }
    }
  }

  /** Checked before every write: the file held must still be the one at the journal's path. */
  private async fileGone(): Promise<JournalFileError | null> {
    // Both at once: each await is a turn of the event loop, which a burst makes long.
    const [held, named] = await Promise.all([this.handle.stat(), stat(this.path).catch(() => null)]);
    if (held.nlink === 0) return new JournalFileError('deleted', this.path);
    if (!named || named.ino !== held.ino || named.dev !== held.dev)
      return new JournalFileError(named ? 'replaced' : 'deleted', this.path);
    return null;
  }

  /**
   * Cut the file back to the last entry known good, so no half line is ever followed by
   * more entries. After a failed fsync the page cache can no longer be trusted (a retry
   * may report success for data that was dropped), so the journal stops taking appends
   * and must be reopened, which re-reads and re-verifies it from disk.
   */
  private async rollBack(cause: unknown, stage: 'write' | 'fsync'): Promise<void> {
    try {
      await this.handle.truncate(this.size);
      await this.handle.sync();
    } catch {
      this.failure = new Error(`journal ${stage} failed and could not be undone: ${String(cause)}`, {
        cause,
      });
      return;
    }
    if (stage === 'fsync') this.failure = new Error(`journal fsync failed: ${String(cause)}`, { cause });
  }
}
