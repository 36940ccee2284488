/**
 * The durable, hash-chained deployment journal (journal-v1). One writer per file;
 * every append resolves only once its line is on disk. Appends that arrive while a
 * write is in flight share the next write and fsync (group commit).
 */
import type { FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
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
import type { Signer } from './signing';
import { EntryClock } from './entry-clock';
import { BatchLines, fileGone, placeOf, readRangeSync, writeAllSync } from './file-io';
import { JournalFileError, JournalTamperedError } from './journal-errors';
import { checkOwnership, loadAndRecover, openOrCreate } from './journal-load';
import {
  buildEntryAndLine,
  openedData,
  takeBatch,
  CLOCK_CHECK,
  DEPLOYMENT_ID_RE,
  RESERVED_TYPES,
  type CheckpointNotice,
  type JournalOpenOptions,
  type JournalOpenResult,
  type PendingAppend,
} from './journal-types';

export { JournalFileError, JournalTamperedError };
export { JOURNAL_BATCH, type CheckpointNotice, type EntryPlace } from './journal-types';
export { placeOf } from './file-io';

// A second writer on the same file in this process would fork the chain.
const openFiles = new Set<string>();

export class Journal {
  private queue: PendingAppend[] = [];
  /** Stamps `at` and notices wall-clock steps (entry-clock.ts). */
  private clock!: EntryClock;
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
    private readonly listeners: Pick<JournalOpenOptions, 'onCheckpoint' | 'onClockStep'>,
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
  /** When the newest entry was written (ms), as its `at` says. */
  get lastEntryAt(): number | null {
    return this.clock.lastAt || null;
  }
  /** Why the journal stopped taking appends (a failed fsync, a rollback that failed, its file gone), or null. */
  get failed(): Error | null {
    return this.failure;
  }
  /**
   * Whether the file held is (again) the journal at its path: null when it is, else why not.
   * A journal that failed because its folder was moved away asks this to learn it is back.
   */
  fileCheck(): Promise<JournalFileError | null> {
    return Promise.resolve().then(() => fileGone(this.handle, this.path));
  }
  /** Bytes [start, end) of the file, read at once (station/summaries.ts reads a summarised alert back). */
  readSync(start: number, end: number): Buffer {
    if (this.closing) throw new Error(`journal ${this.path} is closed`);
    return readRangeSync(this.handle.fd, start, end);
  }

  /** True once close() has begun or a failed fsync made the journal unusable. */
  get closed(): boolean {
    return !this.accepting || this.failure !== null;
  }

  static async open(opts: JournalOpenOptions): Promise<JournalOpenResult<Journal>> {
    if (!DEPLOYMENT_ID_RE.test(opts.deploymentId) || /^\.+$/.test(opts.deploymentId)) {
      throw new TypeError(`invalid deploymentId ${JSON.stringify(opts.deploymentId.slice(0, 80))}`);
    }
    const path = resolve(opts.file);
    if (openFiles.has(path)) throw new Error(`journal ${path} is already open in this process`);
    openFiles.add(path);
    let handle: FileHandle | null = null;
    try {
      handle = await openOrCreate(path);
      return await Journal.load(handle, path, opts);
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
  ): Promise<JournalOpenResult<Journal>> {
    const visit = opts.onEntry;
    const { checker, entries, recovered, goodSize } = await loadAndRecover(
      handle,
      // Streaming: a journal this station may not continue is refused before its entries are visited.
      visit ? { onEntry: visit, onOpened: (found) => checkOwnership(found, opts, path) } : undefined,
    );
    const opened: JournalOpenedData = checker.opened ?? openedData(opts);
    if (checker.opened) checkOwnership(checker.opened, opts, path);

    const journal = new Journal(
      handle,
      path,
      opened,
      opts.signer,
      { onCheckpoint: opts.onCheckpoint, onClockStep: opts.onClockStep },
      goodSize,
      checker.lastSeq,
      checker.lastHash ?? GENESIS_HASH,
      checker.sinceCheckpoint,
    );
    // The checker's last good entry is the file's newest (entries is empty when streaming).
    const lastAt = Date.parse(checker.lastAt ?? '') || 0;
    journal.clock = new EntryClock(opts.now ?? (() => new Date()), opts.mono ?? null, lastAt);
    journal.lastAtOnOpen = lastAt;
    const written = (entry: JournalEntry) =>
      visit ? visit(entry, placeOf(entry) ?? { start: 0, end: 0 }) : entries.push(entry);
    // What a new journal says of one set aside before it is signed at once: it is evidence.
    if (!checker.opened)
      written(await journal.enqueue('journal-opened', null, { ...opened }, Boolean(opts.setAside)));
    // Signed at once: what was cut is on the record, and the chain up to it is sealed again.
    if (recovered) written(await journal.enqueue('recovered', null, { ...recovered }, true));
    return { journal, entries, recovered };
  }

  /**
   * Writes a clock-step entry now if the wall clock has jumped since the last entry
   * (the station asks every second, so a step is on the record, and doubted, before
   * anything else is written). Nothing is written otherwise.
   */
  async noticeClockStep(): Promise<void> {
    if (this.closed || !this.clock.peekStep()) return;
    await this.enqueue(CLOCK_CHECK, null, {}, false);
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
    if (RESERVED_TYPES.has(type))
      return Promise.reject(new Error(`"${type}" entries are written by the journal itself`));
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

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = takeBatch(this.queue);
        // Nothing a commit throws may leave its appends waiting for ever.
        await this.commit(batch).catch((error: unknown) => batch.forEach((p) => p.reject(error)));
      }
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
  ): { entry: JournalEntry; line: string } {
    // The line without its "\n". Never earlier than the entry before, except right after a clock-step (entry-clock.ts).
    return buildEntryAndLine(seq, prev, type, actor, data, this.clock.stamp());
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    if (this.failure) {
      for (const p of batch) p.reject(this.failure);
      return;
    }
    let seq = this.seq;
    let prev = this.hash;
    let since = this.sinceCheckpoint;
    const placed = new BatchLines();
    const { lines } = placed;
    const accepted: Array<{ pending: PendingAppend; entry: JournalEntry }> = [];
    const checkpoints: CheckpointNotice[] = [];
    // Signs the entry just before it (journal-v1 "Checkpoints"), in the same write.
    const seal = () => {
      const signature = this.signer.sign(checkpointSigningText(this.stationId, this.deploymentId, seq, prev));
      const sealed = { seq, hash: prev, signature };
      const { entry: cp, line } = this.makeEntry(seq + 1, prev, 'checkpoint', null, sealed);
      placed.add(cp, `${line}\n`);
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
    // A wall-clock step since the last entry goes on the record before anything stamped by the new clock.
    const restoreClock = this.clock.save();
    const step = this.clock.takeStep();
    let stepEntry: JournalEntry | null = null;
    if (step) {
      const made = this.makeEntry(seq + 1, prev, 'clock-step', null, step);
      stepEntry = made.entry;
      this.clock.followCorrectedClock();
      placed.add(stepEntry, `${made.line}\n`);
      seq = stepEntry.seq;
      prev = stepEntry.hash;
      since += 1;
    }
    const probes = batch.filter((p) => p.type === CLOCK_CHECK);
    const settleProbes = (error?: unknown) => {
      // A clock check has no entry of its own: it learns of the step entry, if one was written.
      for (const p of probes)
        if (error === undefined) p.resolve(stepEntry as JournalEntry);
        else p.reject(error);
    };
    let byPerson = false;
    for (const pending of batch) {
      if (pending.type === CLOCK_CHECK) continue;
      let entry: JournalEntry;
      try {
        const made = this.makeEntry(seq + 1, prev, pending.type, pending.actor, pending.data);
        entry = made.entry;
        placed.add(entry, `${made.line}\n`);
      } catch (error) {
        pending.reject(error);
        continue;
      }
      accepted.push({ pending, entry });
      seq = entry.seq;
      prev = entry.hash;
      since += 1;
      if (entry.actor !== null) byPerson = true;
      if (since >= CHECKPOINT_EVERY || pending.checkpointAfter) seal();
    }
    // A write that holds what a person did is signed at once: nobody can later cut it off unnoticed.
    if (byPerson && since > 0) seal();
    if (lines.length === 0) return settleProbes();

    const bytes = Buffer.from(lines.join(''), 'utf8');
    let stage: 'write' | 'fsync' = 'write';
    try {
      const gone = fileGone(this.handle, this.path);
      if (gone) {
        this.failure = gone;
        restoreClock();
        for (const { pending } of accepted) pending.reject(gone);
        return settleProbes(gone);
      }
      writeAllSync(this.handle, bytes, this.size);
      stage = 'fsync';
      await this.handle.datasync();
    } catch (error) {
      await this.rollBack(error, stage);
      restoreClock();
      for (const { pending } of accepted) pending.reject(error);
      return settleProbes(error);
    }
    placed.placed(this.size);
    this.size += bytes.length;
    this.seq = seq;
    this.hash = prev;
    this.sinceCheckpoint = since;
    for (const { pending, entry } of accepted) pending.resolve(entry);
    settleProbes();
    // A listener's failure must not undo an entry that is already on disk.
    try {
      if (step && stepEntry) this.listeners.onClockStep?.(step, stepEntry);
    } catch {
      // (see above)
    }
    for (const cp of checkpoints)
      try {
        this.listeners.onCheckpoint?.(cp);
      } catch {
        // (see above)
      }
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
