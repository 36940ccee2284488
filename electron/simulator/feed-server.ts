/**
 * The training feed: the SERVER side of lfr-feed-v1 over Socket.IO, with invented
 * deployments, watchlists and faces, and drills that play the faults a station
 * has to survive. Listens on loopback only: it is a training aid, not a service.
 */
import { EventEmitter } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { Namespace, Server, Socket } from 'socket.io';
import { hasClaims } from '../../shared/feed/claims';
import {
  FEED_NAMESPACE,
  deploymentSchema,
  type CheckpointMessage,
  type DecisionMessage,
  type Deployment,
  type HandshakeAuth,
  type OutcomeMessage,
  type StationAck,
} from '../../shared/feed/schemas';
import { AlertDelivery, continueAfter } from './alert-delivery';
import { ClaimDesk } from './claim-desk';
import { burstPlan, type DrillName } from './drills';
import { FeedSchedule, runBurst } from './feed-schedule';
import { type ImagePool, type ImageStats } from './image-pool';
import { MALFORMED_KINDS, makeMalformedAlert } from './malformed';
import { hashSeed, Random } from './prng';
import { makeAlert, type AlertOverrides, type ScenarioContext } from './scenario';
import { StationMessages, type AckCallback } from './station-messages';
import { TallyClock, TallySender } from './tally';
import {
  authoriseStation,
  feedSettings,
  firstNonNull,
  parseStationAck,
  prepareFeed,
  prewarmScenes,
  stationInfo,
  type AlertRecord,
  type FeedServerEvents,
  type FeedSettings,
  type MalformedRecord,
  type StationInfo,
  type TrainingFeedOptions,
} from './feed-setup';

export type { TrainingFeedOptions } from './feed-setup';

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
  private readonly delivery: AlertDelivery;
  /** Who holds and who decided each alert, on a deployment with "claims" (lfr-feed-v1). */
  readonly claims: ClaimDesk;
  private readonly timers = new Set<NodeJS.Timeout>();
  private tallies: TallySender | null = null;
  private burstStarted = false;
  private closed = false;

  private constructor(
    private readonly io: Server,
    private readonly http: HttpServer,
    readonly host: string,
    readonly port: number,
    private readonly opts: FeedSettings,
    drills: Set<DrillName>,
    scenario: ScenarioContext,
    pool: ImagePool,
  ) {
    super();
    this.drills = drills;
    this.scenario = scenario;
    this.pool = pool;
    this.knownDeployments.add(scenario.deployment.deploymentId);
    this.delivery = new AlertDelivery({
      ackTimeoutMs: opts.ackTimeoutMs,
      log: opts.log,
      acked: (record, ack) => this.emit('ack', record, ack),
    });
    this.claims = this.makeClaimDesk();
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
      refuseDecision: (message, stationId) => this.claims.refuseDecision(message, stationId),
      recorded: {
        decision: (message, info) => {
          this.claims.decided(message, info.stationId);
          this.emit('decision', message, info);
        },
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
      feedSettings(options, rate),
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
    const answered = this.delivery.answerOf(record);
    for (const socket of this.namespace.sockets.values()) void this.delivery.deliver(socket, record);
    return answered;
  }

  /** Sends each camera's tally since the last one (and any still unanswered); resolves with the answers. */
  async emitTallies(): Promise<unknown[]> {
    this.tallies ??= this.tallySender(0);
    return this.tallies.send();
  }

  /** Tallies a station answered `stored`. */
  get talliesStored(): readonly unknown[] {
    return this.tallies?.stored ?? [];
  }

  private tallySender(seed: number): TallySender {
    const clock = new TallyClock(this.scenario.deployment, new Random(hashSeed('tally', seed)));
    return new TallySender(clock, (event, payload) => this.emitRaw(event, payload));
  }

  private startTallies(everyMs: number, seed: number): void {
    this.tallies = this.tallySender(seed);
    if (this.opts.rate > 0)
      this.tallies.every(everyMs, this.timers, () => this.namespace.sockets.size > 0, this.opts.log);
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
    await Promise.all(sockets.map((socket) => this.delivery.deliver(socket, record)));
    return record;
  }

  async withdraw(alertId: string, reason: string): Promise<StationAck | null> {
    const record = this.alerts.get(alertId);
    if (!record) throw new Error(`unknown alert ${alertId}`);
    record.withdrawn = { reason, ack: 'pending' };
    this.claims.alertsChanged();
    const sockets = [...this.namespace.sockets.values()];
    const answers = await Promise.all(
      sockets.map((socket) => this.delivery.deliverWithdrawal(socket, record)),
    );
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
    this.delivery.settleAll(this.alerts);
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
    socket.on('decision', (payload: unknown, ack?: AckCallback) =>
      this.messages.decision(payload, ack, station.stationId),
    );
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
    if (resumeMatches) continueAfter(this.alerts.values(), this.scenario, resume.afterSeq, this.opts.log);
    const due = [...this.alerts.values()]
      .filter((r) => r.ack === 'pending' || (resumeMatches && r.payload.seq > resume.afterSeq))
      .sort((a, b) => a.payload.seq - b.payload.seq);
    if (due.length) this.opts.log(`re-delivering ${due.length} alert(s) to ${station.stationId}`);
    for (const record of due) void this.delivery.deliver(socket, record);
    for (const record of this.alerts.values()) {
      if (record.withdrawn && record.withdrawn.ack !== 'stored')
        void this.delivery.deliverWithdrawal(socket, record);
    }
    this.claims.attach(socket, station.stationId);
    this.emit('connection', station);

    const plan = burstPlan(this.drills, this.opts.burstCount);
    if (plan && !this.burstStarted) {
      this.burstStarted = true;
      void runBurst(
        plan,
        () => this.closed,
        this.opts.log,
        () => {
          // Scenes take ~0.5 s each to encode; a burst only carries those already drawn.
          const record = this.addAlert({ scene: 'cached', reuseImages: true });
          for (const socket of this.namespace.sockets.values()) void this.delivery.deliver(socket, record);
        },
      );
    }
  }

  // --- alerts --------------------------------------------------------------------------------

  private addAlert(overrides: AlertOverrides): AlertRecord {
    const payload = makeAlert(this.scenario, overrides);
    const record: AlertRecord = { payload, ack: 'pending', deliveries: 0, ackLatenciesMs: [] };
    this.alerts.set(payload.alertId, record);
    this.claims.alertsChanged();
    return record;
  }

  private makeClaimDesk(): ClaimDesk {
    return new ClaimDesk({
      enabled: () => hasClaims(this.scenario.deployment),
      deploymentId: () => this.scenario.deployment.deploymentId,
      openAlerts: () =>
        [...this.alerts.values()]
          .filter((r) => !r.withdrawn && r.ack !== 'rejected')
          .map((r) => r.payload.alertId),
      hasAlert: (alertId) => this.alerts.has(alertId),
      sockets: () => this.namespace.sockets.values(),
      claimTtlMs: this.opts.claimTtlMs,
      graceMs: this.opts.claimGraceMs,
      ackTimeoutMs: this.opts.ackTimeoutMs,
      timers: this.timers,
      log: this.opts.log,
      changed: (what, alertId) => this.emit('claims', what, alertId),
    });
  }

  private startTimers(): void {
    new FeedSchedule({
      rate: this.opts.rate,
      disconnectEveryMs: this.opts.disconnectEveryMs,
      drills: this.drills,
      scenario: this.scenario,
      random: this.scenario.random,
      timers: this.timers,
      closed: () => this.closed,
      connectedStations: () => this.namespace.sockets.size,
      alerts: () => this.alerts.values(),
      emitAlert: (overrides) => this.emitAlert(overrides),
      emitMalformed: () => this.emitMalformed(),
      redeliver: (alertId) => this.redeliver(alertId),
      dropConnections: () => this.disconnectAll('drop'),
      log: this.opts.log,
    }).start();
  }
}
