/**
 * The archive shipper: copies every entry of every journal under the station's root, and
 * the images they name, to the PostgreSQL archive, in seq order, resuming from the
 * archive's last seq for each (station, deployment). The journal files stay the source
 * of truth: the shipper only reads them. An outage (server down, network lost, the
 * station killed) costs nothing but time: it retries with backoff and catches up.
 *
 * Same seq, other hash in the archive: an integrity alarm, recorded in lfr.conflicts,
 * shown on screen; that journal is not shipped further and nothing is overwritten. Each
 * conflict is also told to the station (`conflict`), which raises it as an alarm only a
 * supervisor clears (core/station/standing-alarms.ts).
 */
import { EventEmitter } from 'node:events';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { isSafeDeploymentId } from '../../shared/feed/limits';
import type { ArchiveConflict } from '../core/archive-ports';
import { backoffDelay } from '../core/feed/backoff';
import { archivedHashAt, archivedHead, recordConflict, shipBatch, shipImages } from './archive-writer';
import { createArchivePool, redactArchiveUrl } from './connection';
import { JournalTail, type TailEntry } from './journal-tail';

interface ArchiveStatus {
  /** connecting: not reached yet; shipping: sending; current: nothing left; offline: retrying. */
  state: 'connecting' | 'shipping' | 'current' | 'offline';
  /** Journal entries on disk not yet in the archive. */
  behindEntries: number;
  lastShippedAt: string | null;
  /** An integrity alarm (same seq, another hash; or the archive holds more than the journal). */
  alarm: string | null;
  /** The last connection or query error, while offline. */
  error: string | null;
}

interface ArchiveShipperOptions {
  url: string;
  /** The station root holding deployments/<id>/journal.jsonl. */
  root: string;
  batchSize?: number;
  /** How often the journals are looked at when nothing nudges (ms, default 250). */
  pollMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  log?: (line: string) => void;
  now?: () => number;
  pool?: pg.Pool;
}

interface Cursor {
  deploymentId: string;
  tail: JournalTail;
  /** Entries read and checked, not yet in the archive. */
  pending: TailEntry[];
  /** The archive's last seq for this journal; null until asked. */
  archived: number | null;
  archivedHash: string | null;
  alarm: string | null;
}

/**
 * Retry while offline: a connection attempt at most every 1.5 s (jittered), so the status
 * bar says the archive is back within 2 s of the database returning (issue 28.4). One
 * attempt is one TCP connect: cheap for the server even with many stations.
 */
export const DEFAULT_BACKOFF = { baseMs: 250, maxMs: 1500 };

/** Entries read ahead and held per journal while they wait (memory bound during a long outage). */
const MAX_PENDING = 20_000;

export class ArchiveShipper extends EventEmitter<{ status: [ArchiveStatus]; conflict: [ArchiveConflict] }> {
  private readonly db: pg.Pool;
  private readonly cursors = new Map<string, Cursor>();
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private attempt = 0;
  private current: ArchiveStatus = {
    state: 'connecting',
    behindEntries: 0,
    lastShippedAt: null,
    alarm: null,
    error: null,
  };

  constructor(private readonly opts: ArchiveShipperOptions) {
    super();
    this.db = opts.pool ?? createArchivePool(opts.url, { application: 'review-station shipper' });
    this.log = opts.log ?? (() => undefined);
  }

  status(): ArchiveStatus {
    return { ...this.current };
  }

  start(): void {
    this.log(`archive: shipping to ${redactArchiveUrl(this.opts.url)}`);
    this.nudge();
  }

  /** Look at the journals now (the station calls this after it appends). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.cycle().finally(() => {
      this.running = null;
      this.schedule();
    });
  }

  /** Resolves once the archive holds everything the journals held when it was called (or at the timeout). */
  async drain(timeoutMs = 60_000): Promise<ArchiveStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // A cycle already running may have read the journals before the caller's last append:
      // only a cycle that starts after this point counts.
      await this.running;
      this.nudge();
      await this.running;
      if (this.current.state === 'current') return this.status();
      if (Date.now() > deadline || this.stopped) return this.status();
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (!this.opts.pool) await this.db.end().catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.nudge();
      return;
    }
    const wait =
      this.current.state === 'offline'
        ? backoffDelay(this.attempt, this.opts.backoff ?? DEFAULT_BACKOFF)
        : (this.opts.pollMs ?? 250);
    this.timer = setTimeout(() => this.nudge(), wait);
    this.timer.unref();
  }

  private setStatus(next: Partial<ArchiveStatus>): void {
    const merged = { ...this.current, ...next };
    if (JSON.stringify(merged) === JSON.stringify(this.current)) return;
    this.current = merged;
    this.emit('status', this.status());
  }

  private async cycle(): Promise<void> {
    try {
      await this.discover();
      // Every journal is read from disk before anything is sent, so the backlog shown is the
      // true one even while the archive is unreachable (not only the first journal's).
      for (const cursor of this.cursors.values()) await this.refresh(cursor);
      let shippedAny = false;
      for (const cursor of this.cursors.values()) {
        if (this.stopped) return;
        if (await this.shipJournal(cursor)) shippedAny = true;
      }
      this.attempt = 0;
      const behind = this.behind();
      this.setStatus({
        state: behind === 0 ? 'current' : 'shipping',
        behindEntries: behind,
        error: null,
        ...(shippedAny ? { lastShippedAt: new Date((this.opts.now ?? Date.now)()).toISOString() } : {}),
      });
      if (behind > 0 && shippedAny) this.again = true;
    } catch (error) {
      this.attempt += 1;
      const message = (error as Error).message;
      if (this.current.state !== 'offline') this.log(`archive: unreachable, retrying (${message})`);
      this.setStatus({ state: 'offline', behindEntries: this.behind(), error: message });
    }
  }

  private behind(): number {
    let total = 0;
    for (const c of this.cursors.values())
      total += c.tail.lastSeq - Math.min(c.archived ?? 0, c.tail.lastSeq);
    return total;
  }

  private async discover(): Promise<void> {
    const dir = join(this.opts.root, 'deployments');
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (this.cursors.has(name) || !isSafeDeploymentId(name)) continue;
      this.cursors.set(name, {
        deploymentId: name,
        tail: new JournalTail(join(dir, name, 'journal.jsonl')),
        pending: [],
        archived: null,
        archivedHash: null,
        alarm: null,
      });
    }
  }

  /**
   * Reads what the journal gained since (local disk only), also while entries read earlier
   * still wait: during an outage the backlog shown is every entry on disk, not only those
   * read before the archive went away (issue 28.4). Held entries are bounded
   * (MAX_PENDING); past that the count is a lower bound until shipping resumes.
   */
  private async refresh(c: Cursor): Promise<void> {
    const room = MAX_PENDING - c.pending.length;
    if (c.alarm || room <= 0) return;
    const more = await c.tail.read(room).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const first = more[0];
    if (!first) return;
    const held = c.pending.at(-1)?.entry.seq ?? 0;
    // A tail that starts again (the file was cut back: torn-tail recovery) replaces what was held.
    c.pending = first.entry.seq > held ? c.pending.concat(more) : more;
  }

  /** Ships what is pending for one journal; true when anything was written. */

  private async shipJournal(c: Cursor): Promise<boolean> {
    if (c.alarm) return false;
    await this.refresh(c);
    const stationId = c.tail.stationId;
    if (!stationId) return false;
    if (c.archived === null) {
      const head = await archivedHead(this.db, stationId, c.deploymentId);
      c.archived = head.seq;
      c.archivedHash = head.hash;
    }
    // Entries the archive already has are compared, not sent again.
    while (c.pending.length > 0 && c.pending[0]!.entry.seq <= c.archived) {
      const item = c.pending.shift()!;
      if (item.entry.seq === c.archived && c.archivedHash !== null && item.entry.hash !== c.archivedHash) {
        await this.raise(c, stationId, {
          seq: item.entry.seq,
          archivedHash: c.archivedHash,
          offeredHash: item.entry.hash,
        });
        return false;
      }
    }
    if (c.pending.length === 0 && c.archived > c.tail.lastSeq && c.tail.blocked === null) {
      const hashHere =
        c.tail.lastSeq > 0 ? await archivedHashAt(this.db, stationId, c.deploymentId, c.tail.lastSeq) : null;
      if (hashHere !== null && hashHere !== c.tail.lastHash) {
        await this.raise(c, stationId, {
          seq: c.tail.lastSeq,
          archivedHash: hashHere,
          offeredHash: c.tail.lastHash ?? '',
        });
      } else if (c.tail.lastSeq > 0) {
        this.alarm(
          c,
          `archive holds ${c.deploymentId} up to seq ${c.archived}; this station's journal ends at seq ${c.tail.lastSeq}`,
          {
            deploymentId: c.deploymentId,
            kind: 'ahead',
            seq: c.tail.lastSeq,
            archivedHash: null,
            journalHash: c.tail.lastHash,
            archivedSeq: c.archived,
          },
        );
      }
      return false;
    }
    let wrote = false;
    const size = this.opts.batchSize ?? 500;
    const imagesDir = join(this.opts.root, 'deployments', c.deploymentId, 'images');
    while (c.pending.length > 0 && !this.stopped) {
      const batch = c.pending.slice(0, size);
      await shipImages(this.db, imagesDir, batch, this.log);
      const result = await shipBatch(this.db, stationId, c.deploymentId, batch);
      if (result.shipped > 0) wrote = true;
      if (result.conflict) {
        const upTo = result.conflict.seq - 1;
        c.pending = c.pending.filter((e) => e.entry.seq > upTo);
        c.archived = Math.max(c.archived, upTo);
        await this.raise(c, stationId, result.conflict);
        return wrote;
      }
      if (result.shipped === 0 && batch.length > 0) {
        // Someone else wrote some of these seqs meanwhile: ask the archive again next cycle.
        c.archived = null;
        return wrote;
      }
      const last = batch[batch.length - 1]!.entry;
      c.archived = last.seq;
      c.archivedHash = last.hash;
      c.pending = c.pending.slice(batch.length);
    }
    return wrote;
  }

  private async raise(
    c: Cursor,
    stationId: string,
    conflict: { seq: number; archivedHash: string; offeredHash: string },
  ) {
    await recordConflict(this.db, stationId, c.deploymentId, conflict);
    this.alarm(
      c,
      `integrity alarm: the archive holds another entry at seq ${conflict.seq} of ${c.deploymentId} ` +
        `(archive ${conflict.archivedHash.slice(0, 12)}…, journal ${conflict.offeredHash.slice(0, 12)}…); nothing was overwritten`,
      {
        deploymentId: c.deploymentId,
        kind: 'hash',
        seq: conflict.seq,
        archivedHash: conflict.archivedHash,
        journalHash: conflict.offeredHash,
        archivedSeq: c.archived ?? conflict.seq,
      },
    );
  }

  /** That journal is shipped no further; the status says why, and the station raises a standing alarm. */
  private alarm(c: Cursor, message: string, conflict: ArchiveConflict): void {
    c.alarm = message;
    c.pending = [];
    this.log(`archive: ${message}`);
    this.setStatus({ alarm: message });
    this.emit('conflict', conflict);
  }
}
