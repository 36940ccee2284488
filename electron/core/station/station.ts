/**
 * The station: every deployment's journal, the alert queue, decisions and outcomes.
 * It is the one place that changes state, and it changes it only by journalling
 * first: the in-memory view is always what folding the journal would give.
 *
 * This class owns the open deployments, serialises the writes that must not
 * interleave, and appends; the work itself is in one file per job beside it:
 * intake.ts (the feed), officer.ts and supervisor.ts (bridge requests), timers.ts,
 * snapshot.ts and screen-feed.ts (what the screen sees), server-messages.ts (what the server is sent).
 */
import { EventEmitter } from 'node:events';
import type { ServerAck, StationAck } from '../../../shared/feed/schemas';
import type { Actor, EntryData, EntryOf, EntryType } from '../../../shared/journal/entries';
import type { FeedStatus, Operator, StationSnapshot } from '../../../shared/view';
import type { Outbox, OutboxItem } from '../outbox';
import type { StationClaims } from './claims';
import { RETENTION_INTERVAL_MS, type RetentionResult } from '../retention';
import {
  actorOf,
  Session,
  type AppendOptions,
  type RoomPort,
  type OpenSlotOptions,
  type OpenDeployment,
  type StationContext,
  type StationOptions,
} from './context';
import {
  applyDeployment,
  intakeAlert,
  intakeTally,
  intakeWithdrawn,
  recordOversize,
  summarise,
} from './intake';
import type { OversizeSeen } from '../feed/oversize';
import { journalsUnder, latestDeployment, openDeployment } from './deployments';
import { setAsideJournal, startAfresh, type SetAside } from './set-aside';
import { applyEntry } from '../../../shared/journal/fold';
import { latestHandover } from '../../../shared/journal/folded';
import { undecidedCount } from './officer';
import { Reliability } from './reliability';
import { appendAndShow } from './write';
import { repairLostImages } from './image-loss';
import { ScreenFeed, type StationEvents } from './screen-feed';
import { FacesAhead } from './faces-ahead';
import { snapshotOf, type SnapshotInput } from './snapshot';
import { appendTo } from './supervisor';
import type { KeptCheckpoint } from '../journal/checkpoint-ledger';
import { journalHolds, keptCheckpointAlarm, raiseRollback, restoreRollbackAlarms } from './rollback';
import {
  announceStandingAlarms,
  archiveConflictAlarm,
  journalWaitingAlarms,
  raiseAlarm,
} from './standing-alarms';
import type { ArchiveConflict } from '../archive-ports';
import { runRetention, StationTimers } from './timers';
import { checkpointItem, pendingOutboxItems, recordAnswer } from './server-messages';
import { holdsAlert, summariseCold } from './summaries';

export class Station extends EventEmitter<StationEvents> implements StationContext {
  readonly slots = new Map<string, OpenDeployment>();
  readonly tampered = new Map<string, string>();
  readonly session: Session;
  outbox: Outbox | null = null;
  claims: StationClaims | null = null;
  room: RoomPort | null = null;
  closing = false;
  private readonly inFlight = new Map<string, Promise<StationAck>>();
  private activeId: string | null = null;
  private deploymentReady: Promise<void> = Promise.resolve();
  private pushScheduled = false;
  private readonly screen = new ScreenFeed();
  private readonly timers = new StationTimers(this, (now) => this.emit('clock', { now }));
  readonly facesAhead = new FacesAhead(
    (ahead) => this.emit('facesAhead', ahead),
    () => this.listenerCount('facesAhead') > 0,
  );
  readonly now: () => number;
  readonly reliability: Reliability;

  constructor(readonly options: StationOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.session = new Session(options.settings);
    this.reliability = new Reliability(this.now, options.mono, options.keyProtection ?? null);
  }

  // ---------------------------------------------------------------- start-up

  /** Open every deployment journal under the root and rebuild state from it alone. */
  async load(): Promise<void> {
    const rolledBack: Array<{ name: string; kept: KeptCheckpoint }> = [];
    // Said again before anything new is raised: what stood when the station last stopped.
    announceStandingAlarms(this, 'start');
    const setAside: SetAside[] = [];
    for (const name of await journalsUnder(this.options.root)) {
      try {
        // Read before opening: opening may sign a recovered tail and keep that checkpoint instead.
        const kept = this.options.checkpoints?.latest(name) ?? null;
        const slot = await this.openSlot(name);
        if (kept && !(await journalHolds(slot.journal.file, kept.seq, kept.hash)))
          rolledBack.push({ name, kept });
        // A crash between an alert's journal line and its image files: the missing files go on the record.
        await repairLostImages(this, slot).catch((e: unknown) =>
          this.log(`images: not checked at start: ${String(e)}`),
        );
      } catch (error) {
        // Foreign, tampered or unreadable: set aside (moved, never deleted), and the station starts.
        const aside = await setAsideJournal(this, name, error);
        if (aside === null) throw error;
        setAside.push(aside);
      }
    }
    // Each starts a new journal for its deployment, which records what was set aside first.
    for (const aside of setAside) await startAfresh(this, aside);
    // Raised once every journal is open, so each goes on the record of one that takes entries.
    for (const { alarm } of setAside) await raiseAlarm(this, alarm);
    // Alarms no supervisor resolved stand again, whatever the feed says this time.
    restoreRollbackAlarms(this);
    for (const { name, kept } of rolledBack) {
      const slot = this.slots.get(name);
      if (slot) await raiseRollback(this, slot, keptCheckpointAlarm(name, kept));
    }
    this.activeId = latestDeployment(this.slots.values())?.state.deploymentId ?? null;
    // The last handover is the journal's: after a restart the next officer still sees it.
    this.session.lastHandover = latestHandover([...this.slots.values()].map((slot) => slot.state));
    const queuedAt = new Date(this.now()).toISOString();
    // Nobody is signed in after a restart; say so where the journal thinks someone was.
    for (const slot of this.slots.values()) {
      if (slot.state.operator)
        await this.append(slot, 'operator-signed-out', slot.state.operator, { reason: 'station-restarted' });
      for (const item of pendingOutboxItems(slot, this.options.signer.stationId, queuedAt))
        this.outbox?.enqueue(item);
    }
  }

  /** The archive holds something other than this station's journal: an alarm only a supervisor clears. */
  archiveConflict = (conflict: ArchiveConflict): void => {
    void raiseAlarm(this, archiveConflictAlarm(conflict)).catch((e: unknown) =>
      this.log(`ALARM archive-conflict: ${String(e)}`),
    );
  };

  attachOutbox(outbox: Outbox): void {
    this.outbox = outbox;
  }

  attachClaims(claims: StationClaims): void {
    this.claims = claims;
  }

  attachRoom(room: RoomPort): void {
    this.room = room;
  }

  /** The 1 s clock: escalation, the welfare prompt, safeguards. */
  startTicking(): void {
    this.timers.startTicking();
  }

  /** Hourly retention runs; the first one is the caller's (at start, after load). */
  startRetention(intervalMs = RETENTION_INTERVAL_MS): void {
    this.timers.startRetention(intervalMs);
  }

  runRetention(): Promise<RetentionResult[]> {
    return runRetention(this);
  }

  async openSlot(deploymentId: string, opts: OpenSlotOptions = {}): Promise<OpenDeployment> {
    const existing = this.slots.get(deploymentId);
    if (existing) return existing;
    const slot = await openDeployment(
      // A practice deployment from any feed is journalled as training (journal-opened).
      { ...this.options, ...(opts.training ? { training: true } : {}), setAside: opts.setAside },
      deploymentId,
      this.now,
      (cp) => {
        // Kept outside the journal too, to tell a cut or replaced signed tail at the next start.
        this.options.checkpoints?.note(cp.deploymentId, cp);
        this.outbox?.enqueue(checkpointItem(cp, new Date(this.now()).toISOString()));
      },
      (entry, opened) => {
        // The journal wrote it itself: fold it, and doubt the clock until the feed confirms it.
        if (opened) applyEntry(opened.state, entry);
        this.reliability.clock.stepped();
        this.log(
          `clock: the wall clock stepped (${JSON.stringify(entry.data)}); journalled in ${deploymentId}`,
        );
        this.schedulePush();
      },
    );
    this.slots.set(deploymentId, slot);
    // Alarms raised while no journal could take them go on this one's record.
    if (!this.tampered.has(deploymentId)) await journalWaitingAlarms(this);
    return slot;
  }

  // ---------------------------------------------------------------- the feed

  setFeedStatus(status: FeedStatus): void {
    this.session.feedStatus = status;
    this.schedulePush();
  }

  /** What to ask the server to re-deliver after a reconnection. */
  resume(): { deploymentId: string; afterSeq: number } | null {
    const slot = this.activeSlot();
    if (!slot) return null;
    const deploymentId = slot.state.deploymentId;
    // Alerts whose image files were found gone are asked for again (officer.ts alertShown).
    return { deploymentId, afterSeq: this.reliability.resumeAfter(deploymentId, slot.state.maxAlertSeq) };
  }

  /**
   * Deployment messages are applied one at a time, and alerts wait for the one in
   * progress: the server sends `deployment` first, but its journal opens asynchronously.
   */
  handleDeployment(payload: unknown): Promise<void> {
    const next = this.deploymentReady.then(() => applyDeployment(this, payload));
    this.deploymentReady = next.catch(() => undefined);
    return next;
  }

  get alertsArriving(): number {
    return this.inFlight.size;
  }

  handleAlert(payload: unknown): Promise<StationAck> {
    // Closing: no answer, so the server keeps the alert and redelivers it to the next start.
    if (this.closing) return new Promise(() => undefined);
    const key = summarise(payload).alertId ?? '';
    // A redelivery racing the first delivery waits for it rather than storing twice.
    const running = key ? this.inFlight.get(key) : undefined;
    if (running) return running;
    const work = this.deploymentReady
      .then(() => intakeAlert(this, payload))
      .finally(() => {
        if (key) this.inFlight.delete(key);
      });
    if (key) this.inFlight.set(key, work);
    return work;
  }

  /** lfr-feed-v1: an oversized message closed the feed connection (intake.ts records it). */
  handleOversize = (info: OversizeSeen) => recordOversize(this, info);

  async handleWithdrawn(payload: unknown): Promise<StationAck> {
    await this.deploymentReady;
    // The withdrawal of an alert still being stored waits for it: otherwise it is "unknown".
    const storing = this.inFlight.get(summarise(payload).alertId ?? '');
    if (storing) await storing.catch(() => undefined);
    return intakeWithdrawn(this, payload);
  }
  handleTally = (payload: unknown) => this.deploymentReady.then(() => intakeTally(this, payload));

  recordAnswer(item: OutboxItem, answer: ServerAck): Promise<void> {
    return recordAnswer(this, item, answer);
  }

  // ---------------------------------------------------------------- for the replay services

  /** Replay services append replay-opened and supervisor-review through this; throws when it cannot. */
  appendTo<T extends EntryType>(
    deploymentId: string,
    type: T,
    actor: Actor | null,
    data: EntryData[T],
  ): Promise<EntryOf<T>> {
    return appendTo(this, deploymentId, type, actor, data);
  }

  /** The operator signed in now (replay journals who opened it). */
  currentOperator(): Operator | null {
    return this.session.operator;
  }

  undecidedCount(): number {
    return undecidedCount(this);
  }

  // ---------------------------------------------------------------- the view

  snapshot(): StationSnapshot {
    return this.screen.stamp(snapshotOf(this.snapshotInput()));
  }

  private snapshotInput(): SnapshotInput {
    return {
      options: this.options,
      session: this.session,
      slots: this.slots.values(),
      active: this.activeSlot(),
      tampered: this.tampered.values(),
      outbox: { pending: this.outbox?.size ?? 0, oldestAt: this.outbox?.oldestAt ?? null },
      now: this.now(),
      mono: this.reliability.mono(),
      reliability: this.reliability.view(),
      room: this.room?.view() ?? null,
    };
  }

  /** Coalesce bursts of changes into one push per event-loop turn: the changed alerts and the status. */
  schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      this.screen.push(this, this.snapshotInput());
      // What changed is on screen: alerts no longer live are summarised now (summaries.ts).
      for (const slot of this.slots.values())
        try {
          summariseCold(slot, (alertId) => this.reliability.forget(alertId));
        } catch (error) {
          this.log(`journal ${slot.state.deploymentId}: alerts not summarised (${String(error)})`);
        }
    });
  }

  // ---------------------------------------------------------------- writes

  /** The one way state changes: journal the entry (fsync'd), then fold it. */
  async append<T extends EntryType>(
    slot: OpenDeployment,
    type: T,
    actor: Actor | null,
    data: EntryData[T],
    opts?: AppendOptions,
  ): Promise<EntryOf<T>> {
    return appendAndShow(this, this.screen, slot, type, actor, data, opts);
  }

  /**
   * Run after deployment changes and intake already under way, and before any that
   * start later: retention and legal holds must not interleave with a deployment
   * update or with an image being stored.
   */
  serialised<T>(work: () => Promise<T>): Promise<T> {
    const inFlight = [...this.inFlight.values()];
    const run = this.deploymentReady.then(async () => {
      await Promise.allSettled(inFlight);
      return work();
    });
    this.deploymentReady = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async close(): Promise<void> {
    this.closing = true;
    this.timers.stop();
    // Intake already under way finishes (and is acknowledged) before the journals close.
    await Promise.allSettled([...this.inFlight.values()]);
    // A retention run in progress stops between deployments once closing; let it journal what it deleted.
    await this.deploymentReady;
    const operator = this.session.operator;
    for (const slot of this.slots.values()) {
      if (operator)
        await this.append(slot, 'operator-signed-out', actorOf(this.session), {
          reason: 'station-quit',
        }).catch(() => undefined);
      await slot.journal
        .close('station-quit')
        .catch((e: unknown) => this.log(`closing journal: ${String(e)}`));
    }
    this.slots.clear();
    await this.options.checkpoints?.flush();
  }

  // ---------------------------------------------------------------- lookups

  activeSlot(): OpenDeployment | undefined {
    return this.activeId ? this.slots.get(this.activeId) : undefined;
  }

  setActive(deploymentId: string): void {
    this.activeId = deploymentId;
  }

  slotOfAlert(alertId: string): OpenDeployment | undefined {
    for (const slot of this.slots.values()) if (holdsAlert(slot.state, alertId)) return slot;
    return undefined;
  }

  log(line: string): void {
    this.options.log?.(line);
  }
}
