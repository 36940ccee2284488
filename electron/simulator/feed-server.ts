/**
 * The training feed: the SERVER side of lfr-feed-v1 over Socket.IO, with invented
 * deployments, watchlists and faces, and drills that play the faults a station
 * has to survive. Listens on loopback only: it is a training aid, not a service.
 */
import { EventEmitter } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import { setImmediate as yieldToLoop, setTimeout as delay } from 'node:timers/promises';
import type { Namespace, Server, Socket } from 'socket.io';
import {
  FEED_NAMESPACE,
  PROTOCOL_VERSION,
  alertWithdrawnSchema,
  deploymentSchema,
  type CheckpointMessage,
  type DecisionMessage,
  type Deployment,
  type HandshakeAuth,
  type OutcomeMessage,
  type StationAck,
} from '../../shared/feed/schemas';
import { DRILL_NAMES, burstPlan, outOfWindowTime, type DrillName } from './drills';
import { type ImagePool, type ImageStats } from './image-pool';
import { MALFORMED_KINDS, makeMalformedAlert } from './malformed';
import { hashSeed, Random } from './prng';
import { makeAlert, type AlertOverrides, type ScenarioContext } from './scenario';
import { StationMessages, type AckCallback } from './station-messages';
import { TallyClock } from './tally';

import {
  authoriseStation,
  firstNonNull,
  parseStationAck,
  prepareFeed,
  prewarmScenes,
  stationInfo,
  type AlertRecord,
  type FeedServerEvents,
  type MalformedRecord,
  type StationInfo,
  type TrainingFeedOptions,
} from './feed-setup';

export { DRILL_NAMES, type DrillName };
export { isLoopbackHost } from './feed-setup';
export type {
  AckState,
  AlertRecord,
  FeedServerEvents,
  MalformedRecord,
  StationInfo,
  TrainingFeedOptions,
} from './feed-setup';

export class TrainingFeedServer extends EventEmitter<FeedServerEvents> {
  readonly alerts = new Map<string, AlertRecord>();
  readonly decisions = new Map<string, DecisionMessage>();
  readonly outcomes = new Map<string, OutcomeMessage>();
  readonly checkpoints: CheckpointMessage[] = [];
  readonly malformed: MalformedRecord[] = [];
  /** Messages received again under a key already recorded, and alerts re-sent on purpose. */
  readonly duplicates = { decision: 0, outcome: 0, checkpoint: 0, alertResends: 0 };
  readonly drills: ReadonlySet<DrillName>;

  private readonly scenario: ScenarioContext;
  private readonly pool: ImagePool;
  private readonly namespace: Namespace;
  private readonly knownDeployments = new Set<string>();
  private readonly messages: StationMessages;
  private readonly waiters = new Map<string, Array<(record: AlertRecord) => void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private tickCount = 0;
  private tallyClock: TallyClock | null = null;
  /** Tallies not yet answered `stored`: sent again with the next ones. */
  private unansweredTallies: unknown[] = [];
  /** Tallies a station answered `stored`. */
  readonly talliesStored: unknown[] = [];
  private burstStarted = false;
  private closed = false;

  private constructor(
    private readonly io: Server,
    private readonly http: HttpServer,
    readonly host: string,
    readonly port: number,
    private readonly opts: Required<
      Pick<
        TrainingFeedOptions,
        'token' | 'rate' | 'ackTimeoutMs' | 'disconnectEveryMs' | 'slowAckMs' | 'burstCount'
      >
    > & { log: (line: string) => void },
    drills: Set<DrillName>,
    scenario: ScenarioContext,
    pool: ImagePool,
  ) {
    super();
    this.drills = drills;
    this.scenario = scenario;
    this.pool = pool;
    this.knownDeployments.add(scenario.deployment.deploymentId);
    this.messages = new StationMessages({
      slowAck: drills.has('slow-ack'),
      slowAckMs: opts.slowAckMs,
      knownDeployments: this.knownDeployments,
      sentAlert: (alertId) => this.alerts.has(alertId),
      decisions: this.decisions,
      outcomes: this.outcomes,
      checkpoints: this.checkpoints,
      duplicates: this.duplicates,
      timers: this.timers,
      log: opts.log,
      recorded: {
        decision: (message, info) => this.emit('decision', message, info),
        outcome: (message, info) => this.emit('outcome', message, info),
        checkpoint: (message, info) => this.emit('checkpoint', message, info),
      },
      rejected: (info) => this.emit('rejected', info),
    });
    this.namespace = io.of(FEED_NAMESPACE);
    this.namespace.use((socket, next) => authoriseStation(socket, this.opts.token, this.opts.log, next));
    this.namespace.on('connection', (socket) => this.onConnection(socket));
    io.of('/').use((_socket, next) => next(new Error(`unknown namespace: connect to ${FEED_NAMESPACE}`)));
  }

  static async start(options: TrainingFeedOptions = {}): Promise<TrainingFeedServer> {
    const { drills, seed, rate, scenario, pool, io, http, host, port } = await prepareFeed(options);
    const server = new TrainingFeedServer(
      io,
      http,
      host,
      port,
      {
        token: options.token ?? 'training',
        rate,
        ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
        disconnectEveryMs: options.disconnectEveryMs ?? 20_000,
        slowAckMs: options.slowAckMs ?? 4_000,
        burstCount: options.burstCount ?? 200,
        log: options.log ?? (() => {}),
      },
      drills,
      scenario,
      pool,
    );
    server.startTimers();
    server.startTallies(options.tallyEveryMs ?? 60_000, seed);
    if (options.prewarmScenes)
      prewarmScenes(pool, scenario, options.prewarmScenes, server.timers, () => server.closed);
    return server;
  }

  get url(): string {
    return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.port}`;
  }

  get deployment(): Deployment {
    return this.scenario.deployment;
  }

  get imageStats(): Readonly<ImageStats> {
    return this.pool.stats;
  }

  /** Stations connected right now. */
  get stations(): StationInfo[] {
    return [...this.namespace.sockets.values()].map((s) => stationInfo(s));
  }

  /** Builds an alert, sends it to every connected station (or queues it) and resolves on its first answer. */
  async emitAlert(overrides: AlertOverrides = {}): Promise<AlertRecord> {
    const record = this.addAlert(overrides);
    const answered = this.answerOf(record);
    for (const socket of this.namespace.sockets.values()) void this.deliver(socket, record);
    return answered;
  }

  /** Sends each camera's tally since the last one (and any still unanswered); resolves with the answers. */
  async emitTallies(): Promise<unknown[]> {
    this.tallyClock ??= new TallyClock(this.scenario.deployment, new Random(hashSeed('tally', 0)));
    const batch = [...this.unansweredTallies, ...this.tallyClock.next()];
    this.unansweredTallies = [];
    const answers: unknown[] = [];
    for (const tally of batch) {
      const answer = await this.emitRaw('tally', tally);
      answers.push(answer);
      if ((answer as { status?: unknown } | null)?.status === 'stored') this.talliesStored.push(tally);
      else this.unansweredTallies.push(tally);
    }
    return answers;
  }

  private startTallies(everyMs: number, seed: number): void {
    this.tallyClock = new TallyClock(this.scenario.deployment, new Random(hashSeed('tally', seed)));
    if (everyMs <= 0 || this.opts.rate <= 0) return;
    const timer = setInterval(() => {
      if (this.namespace.sockets.size === 0) return;
      this.emitTallies().catch((error: unknown) => this.opts.log(`tally failed: ${String(error)}`));
    }, everyMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Sends anything as any event to every connected station; the first answer (or null on timeout). */
  async emitRaw(event: string, payload: unknown): Promise<unknown> {
    const sockets = [...this.namespace.sockets.values()];
    if (sockets.length === 0) return null;
    const answers = sockets.map(async (socket) => {
      try {
        return (await socket.timeout(this.opts.ackTimeoutMs).emitWithAck(event, payload)) as unknown;
      } catch {
        return null;
      }
    });
    return firstNonNull(answers);
  }

  /** Sends one of the malformed alerts (the next kind in turn unless named) and records the answer. */
  async emitMalformed(
    kind = MALFORMED_KINDS[this.malformed.length % MALFORMED_KINDS.length]!,
  ): Promise<MalformedRecord> {
    const built = makeMalformedAlert(this.scenario, kind);
    const record: MalformedRecord = { ...built, ack: undefined };
    this.malformed.push(record);
    record.ack = await this.emitRaw('alert', built.payload);
    const ack = parseStationAck(record.ack);
    this.opts.log(
      `malformed alert (${kind}): ${ack ? (ack.status === 'rejected' ? `rejected: ${ack.reason}` : 'STORED (should have been rejected)') : 'no answer'}`,
    );
    this.emit('malformed', record);
    return record;
  }

  /** Sends an alert that was already sent, same alertId and seq (the duplicate drill, or a test). */
  async redeliver(alertId: string): Promise<AlertRecord> {
    const record = this.alerts.get(alertId);
    if (!record) throw new Error(`unknown alert ${alertId}`);
    this.duplicates.alertResends += 1;
    const sockets = [...this.namespace.sockets.values()];
    await Promise.all(sockets.map((socket) => this.deliver(socket, record)));
    return record;
  }

  async withdraw(alertId: string, reason: string): Promise<StationAck | null> {
    const record = this.alerts.get(alertId);
    if (!record) throw new Error(`unknown alert ${alertId}`);
    record.withdrawn = { reason, ack: 'pending' };
    const sockets = [...this.namespace.sockets.values()];
    const answers = await Promise.all(sockets.map((socket) => this.deliverWithdrawal(socket, record)));
    return answers.find((a) => a !== null) ?? null;
  }

  /**
   * The deployment as this station is sent it: with `lastCheckpoint`, the latest checkpoint
   * this feed holds from the station (lfr-feed-v1), so a station whose journal was rolled
   * back finds out. The rollback drill claims one the station never wrote.
   */
  deploymentFor(stationId: string): Deployment {
    const deployment = this.scenario.deployment;
    const latest = this.messages.latestCheckpoint(stationId, deployment.deploymentId);
    if (this.drills.has('rollback'))
      // Further on than anything the station wrote: its journal "lacks" it, as after a rollback.
      return { ...deployment, lastCheckpoint: { seq: (latest?.seq ?? 0) + 1_000_000, hash: 'f'.repeat(64) } };
    return { ...deployment, lastCheckpoint: latest };
  }

  /** Changes the deployment and tells every connected station. */
  setDeployment(patch: Partial<Deployment>): Deployment {
    const next = deploymentSchema.parse({ ...this.scenario.deployment, ...patch });
    this.scenario.deployment = next;
    this.knownDeployments.add(next.deploymentId);
    this.namespace.emit('deployment', next);
    this.opts.log(
      `deployment ${next.deploymentId} changed; sent to ${this.namespace.sockets.size} station(s)`,
    );
    return next;
  }

  /**
   * 'server': a Socket.IO server disconnect (the client does not reconnect by itself).
   * 'drop': closes the transport under it, as a network fault would (the client reconnects).
   */
  disconnectAll(mode: 'server' | 'drop' = 'server'): void {
    for (const socket of this.namespace.sockets.values()) {
      if (mode === 'drop') socket.conn.close();
      else socket.disconnect(true);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const [alertId, waiting] of this.waiters) {
      const record = this.alerts.get(alertId);
      if (record) for (const resolve of waiting) resolve(record);
    }
    this.waiters.clear();
    this.namespace.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
    });
    if (this.http.listening) await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // --- handshake and connection -------------------------------------------------------------

  private onConnection(socket: Socket): void {
    const station = stationInfo(socket);
    const resume = station.resume;
    this.opts.log(
      `connection: station ${station.stationId} (${station.clientVersion})` +
        (resume ? `, resume ${resume.deploymentId} after seq ${resume.afterSeq}` : ', fresh'),
    );
    socket.on('decision', (payload: unknown, ack?: AckCallback) => this.messages.decision(payload, ack));
    socket.on('outcome', (payload: unknown, ack?: AckCallback) => this.messages.outcome(payload, ack));
    const stationKey = (socket.data as { auth: HandshakeAuth }).auth.stationKey;
    socket.on('checkpoint', (payload: unknown, ack?: AckCallback) =>
      this.messages.checkpoint({ stationId: station.stationId, stationKey }, payload, ack),
    );
    socket.on('disconnect', (reason) => {
      this.opts.log(`disconnect: station ${station.stationId} (${reason})`);
      this.emit('disconnect', { ...station, reason });
    });

    socket.emit('deployment', this.deploymentFor(station.stationId));
    const resumeMatches = resume !== null && resume.deploymentId === this.scenario.deployment.deploymentId;
    if (resumeMatches) this.continueAfter(resume.afterSeq);
    const due = [...this.alerts.values()]
      .filter((r) => r.ack === 'pending' || (resumeMatches && r.payload.seq > resume.afterSeq))
      .sort((a, b) => a.payload.seq - b.payload.seq);
    if (due.length) this.opts.log(`re-delivering ${due.length} alert(s) to ${station.stationId}`);
    for (const record of due) void this.deliver(socket, record);
    for (const record of this.alerts.values()) {
      if (record.withdrawn && record.withdrawn.ack !== 'stored') void this.deliverWithdrawal(socket, record);
    }
    this.emit('connection', station);

    const plan = burstPlan(this.drills, this.opts.burstCount);
    if (plan && !this.burstStarted) {
      this.burstStarted = true;
      void this.runBurst(plan);
    }
  }

  // --- alerts --------------------------------------------------------------------------------

  /**
   * A station restarted on the same data folder meets a training feed that started
   * afresh: the same deployment (it is named by the day) but numbering from 1 again, so
   * every alert would be refused ("seq already belongs to ..."). The feed continues the
   * deployment instead: its numbering goes on after the last seq the station holds, and
   * alerts not yet sent to anyone are renumbered. An alert already sent keeps its seq
   * (the station may hold it, and a changed copy would be a conflicting re-delivery).
   */
  private continueAfter(afterSeq: number): void {
    const clashing = [...this.alerts.values()]
      .filter((r) => r.deliveries === 0 && r.payload.seq <= afterSeq)
      .sort((a, b) => a.payload.seq - b.payload.seq);
    if (afterSeq <= this.scenario.lastSeq && clashing.length === 0) return;
    this.scenario.lastSeq = Math.max(this.scenario.lastSeq, afterSeq);
    for (const record of clashing) record.payload = { ...record.payload, seq: ++this.scenario.lastSeq };
    this.opts.log(
      `continuing deployment ${this.scenario.deployment.deploymentId} after seq ${afterSeq} (the station already holds up to it)` +
        (clashing.length ? `; ${clashing.length} unsent alert(s) renumbered` : ''),
    );
  }

  private addAlert(overrides: AlertOverrides): AlertRecord {
    const payload = makeAlert(this.scenario, overrides);
    const record: AlertRecord = { payload, ack: 'pending', deliveries: 0, ackLatenciesMs: [] };
    this.alerts.set(payload.alertId, record);
    return record;
  }

  private answerOf(record: AlertRecord): Promise<AlertRecord> {
    return new Promise((resolve) => {
      const list = this.waiters.get(record.payload.alertId) ?? [];
      list.push(resolve);
      this.waiters.set(record.payload.alertId, list);
    });
  }

  private async deliver(socket: Socket, record: AlertRecord): Promise<void> {
    record.deliveries += 1;
    const started = performance.now();
    let answer: unknown;
    try {
      answer = await socket.timeout(this.opts.ackTimeoutMs).emitWithAck('alert', record.payload);
    } catch {
      if (socket.connected)
        this.opts.log(`alert seq ${record.payload.seq}: no answer within ${this.opts.ackTimeoutMs} ms`);
      return;
    }
    const ack = parseStationAck(answer);
    if (!ack) {
      this.opts.log(`alert seq ${record.payload.seq}: unreadable acknowledgement ${JSON.stringify(answer)}`);
      return;
    }
    record.ackLatenciesMs.push(performance.now() - started);
    record.ack = ack.status;
    if (ack.status === 'rejected') record.reason = ack.reason;
    else delete record.reason;
    this.opts.log(
      `alert seq ${record.payload.seq} ${record.payload.alertId}: ${ack.status}${ack.status === 'rejected' ? ` (${ack.reason})` : ''}`,
    );
    this.emit('ack', record, ack);
    const waiting = this.waiters.get(record.payload.alertId);
    if (waiting) {
      this.waiters.delete(record.payload.alertId);
      for (const resolve of waiting) resolve(record);
    }
  }

  private async deliverWithdrawal(socket: Socket, record: AlertRecord): Promise<StationAck | null> {
    const withdrawn = record.withdrawn;
    if (!withdrawn) return null;
    const message = alertWithdrawnSchema.parse({
      v: PROTOCOL_VERSION,
      alertId: record.payload.alertId,
      reason: withdrawn.reason,
    });
    try {
      const ack = parseStationAck(
        await socket.timeout(this.opts.ackTimeoutMs).emitWithAck('alert-withdrawn', message),
      );
      if (ack) {
        withdrawn.ack = ack.status;
        this.opts.log(`alert-withdrawn ${record.payload.alertId}: ${ack.status}`);
      }
      return ack;
    } catch {
      return null;
    }
  }

  private async runBurst(plan: NonNullable<ReturnType<typeof burstPlan>>): Promise<void> {
    this.opts.log(`${plan.name} drill: sending ${plan.count} alerts`);
    for (let i = 0; i < plan.count && !this.closed; i += 1) {
      // Scenes take ~0.5 s each to encode; a burst only carries those already drawn.
      const record = this.addAlert({ scene: 'cached', reuseImages: true });
      for (const socket of this.namespace.sockets.values()) void this.deliver(socket, record);
      await (plan.everyMs ? delay(plan.everyMs) : yieldToLoop());
    }
  }

  private startTimers(): void {
    if (this.opts.rate > 0) this.scheduleTick();
    if (this.drills.has('disconnect')) {
      const every = () => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          if (this.namespace.sockets.size) {
            this.opts.log('disconnect drill: dropping the station connection');
            this.disconnectAll('drop');
          }
          every();
        }, this.opts.disconnectEveryMs);
        this.timers.add(timer);
      };
      every();
    }
  }

  private scheduleTick(): void {
    if (this.closed) return;
    const period = 60_000 / this.opts.rate;
    const jitter = 0.7 + 0.6 * this.scenario.random.float();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.namespace.sockets.size > 0) {
        this.tick().catch((error: unknown) => this.opts.log(`alert generation failed: ${String(error)}`));
      }
      this.scheduleTick();
    }, period * jitter);
    this.timers.add(timer);
  }

  private async tick(): Promise<void> {
    this.tickCount += 1;
    const n = this.tickCount;
    const overrides: AlertOverrides = {};
    if (this.drills.has('out-of-window') && n % 3 === 0) {
      overrides.capturedAt = outOfWindowTime(this.scenario.deployment, n / 3);
    }
    const sent = this.emitAlert(overrides);
    if (this.drills.has('malformed')) await this.emitMalformed();
    if (this.drills.has('duplicate') && n % 3 === 0) {
      const stored = [...this.alerts.values()].filter((r) => r.ack === 'stored');
      if (stored.length) {
        const pick = stored[hashSeed(n) % stored.length]!;
        this.opts.log(`duplicate drill: re-sending alert seq ${pick.payload.seq}`);
        await this.redeliver(pick.payload.alertId);
      }
    }
    await sent;
  }
}
