/**
 * The training feed: the SERVER side of lfr-feed-v1 over Socket.IO, with invented
 * deployments, watchlists and faces, and drills that play the faults a station
 * has to survive. Listens on loopback only: it is a training aid, not a service.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Server, type Namespace, type Socket } from 'socket.io';
import {
  FEED_NAMESPACE,
  PROTOCOL_VERSION,
  alertWithdrawnSchema,
  checkpointMessageSchema,
  decisionMessageSchema,
  deploymentSchema,
  describeZodError,
  handshakeAuthSchema,
  outcomeMessageSchema,
  type Alert,
  type CheckpointMessage,
  type DecisionMessage,
  type Deployment,
  type HandshakeAuth,
  type OutcomeMessage,
  type ServerAck,
  type StationAck,
} from '../../shared/feed/schemas';
import type { z } from 'zod';
import { checkCheckpointSignature } from './checkpoint-verify';
import { DRILL_NAMES, applyDeploymentDrills, outOfWindowTime, type DrillName } from './drills';
import { ImagePool, type ImageStats } from './image-pool';
import { MALFORMED_KINDS, makeMalformedAlert, type MalformedAlert } from './malformed';
import { hashSeed, Random } from './prng';
import { createScenario, makeAlert, type AlertOverrides, type ScenarioContext } from './scenario';
import { TallyClock } from './tally';

export { DRILL_NAMES, type DrillName };

export interface TrainingFeedOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only (default 127.0.0.1); anything else is refused. */
  host?: string;
  /** The one token accepted at handshake (default "training"). */
  token?: string;
  /** Alerts per minute once a station is connected; 0 = only on demand. Default 4. */
  rate?: number;
  drill?: DrillName | DrillName[];
  deployment?: Partial<Deployment>;
  seed?: number;
  log?: (line: string) => void;
  /** How long an alert waits for its acknowledgement before it stays pending (default 10 s). */
  ackTimeoutMs?: number;
  /** Attach a scene image to alerts (default true). */
  scenes?: boolean;
  watchlistSize?: number;
  /** disconnect drill: how often the station's connection is dropped (default 20 s). */
  disconnectEveryMs?: number;
  /** slow-ack drill: how long answers are held back (default 4 s). */
  slowAckMs?: number;
  /** burst drill: how many alerts at once (default 200). */
  burstCount?: number;
  /** Scenes rendered in the background at start so the first alerts do not wait (default 0). */
  prewarmScenes?: number;
  /** How often each camera's `tally` (faces compared) is sent while alerts flow (default 60 s; 0: never). */
  tallyEveryMs?: number;
}

export type AckState = 'pending' | 'stored' | 'rejected';

export interface AlertRecord {
  payload: Alert;
  ack: AckState;
  reason?: string;
  /** How many times the alert was sent to a station. */
  deliveries: number;
  ackLatenciesMs: number[];
  withdrawn?: { reason: string; ack: AckState };
}

export interface MalformedRecord extends MalformedAlert {
  ack: unknown;
}

export interface StationInfo {
  socketId: string;
  stationId: string;
  clientVersion: string;
  resume: HandshakeAuth['resume'];
}

export interface FeedServerEvents {
  ack: [record: AlertRecord, ack: StationAck];
  decision: [message: DecisionMessage, info: { duplicate: boolean }];
  outcome: [message: OutcomeMessage, info: { duplicate: boolean }];
  checkpoint: [message: CheckpointMessage, info: { duplicate: boolean }];
  rejected: [info: { event: string; reason: string }];
  connection: [station: StationInfo];
  disconnect: [station: StationInfo & { reason: string }];
  malformed: [record: MalformedRecord];
}

type AckCallback = (answer: ServerAck) => void;

const MIB = 1024 * 1024;

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function parseStationAck(value: unknown): StationAck | null {
  if (typeof value !== 'object' || value === null) return null;
  const ack = value as { status?: unknown; reason?: unknown };
  if (ack.status === 'stored') return { status: 'stored' };
  if (ack.status === 'rejected')
    return { status: 'rejected', reason: typeof ack.reason === 'string' ? ack.reason : '' };
  return null;
}

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
  private readonly checkpointKeys = new Set<string>();
  private readonly droppedOnce = new Set<string>();
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
    this.namespace = io.of(FEED_NAMESPACE);
    this.namespace.use((socket, next) => this.authorise(socket, next));
    this.namespace.on('connection', (socket) => this.onConnection(socket));
    io.of('/').use((_socket, next) => next(new Error(`unknown namespace: connect to ${FEED_NAMESPACE}`)));
  }

  static async start(options: TrainingFeedOptions = {}): Promise<TrainingFeedServer> {
    const host = options.host ?? '127.0.0.1';
    if (!isLoopbackHost(host)) {
      throw new Error(
        `the training feed listens on loopback only (127.0.0.0/8, ::1); refused host "${host}"`,
      );
    }
    const rate = options.rate ?? 4;
    if (!Number.isFinite(rate) || rate < 0)
      throw new Error(`rate must be a number >= 0 (alerts per minute), got ${rate}`);
    const requested =
      options.drill === undefined ? [] : Array.isArray(options.drill) ? options.drill : [options.drill];
    for (const name of requested) {
      if (!(DRILL_NAMES as readonly string[]).includes(name))
        throw new Error(`unknown drill "${String(name)}"`);
    }
    const drills = new Set<DrillName>(requested);
    const seed = options.seed ?? 1;
    const pool = new ImagePool({ scenes: options.scenes ?? true });
    const base = createScenario({ seed, watchlistSize: options.watchlistSize, images: pool });
    const deployment = deploymentSchema.parse({
      ...applyDeploymentDrills(base.deployment, drills, new Date()),
      ...options.deployment,
    });
    const scenario: ScenarioContext = { ...base, deployment };

    const http = createServer();
    const io = new Server(http, { maxHttpBufferSize: 32 * MIB, serveClient: false });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, host, () => {
        http.off('error', reject);
        resolve();
      });
    });
    const port = (http.address() as AddressInfo).port;
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
    if (options.prewarmScenes) server.prewarm(options.prewarmScenes);
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
    return [...this.namespace.sockets.values()].map((s) => this.stationOf(s));
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

  private authorise(socket: Socket, next: (err?: Error) => void): void {
    const parsed = handshakeAuthSchema.safeParse(socket.handshake.auth);
    const refuse = (why: string) => {
      this.opts.log(`refused connection from ${socket.handshake.address}: ${why}`);
      const error = new Error('unauthorized') as Error & { data?: unknown };
      error.data = { reason: why };
      next(error);
    };
    if (!parsed.success) return refuse(`handshake auth is malformed (${describeZodError(parsed.error)})`);
    if (!sameToken(parsed.data.token, this.opts.token)) return refuse('wrong token');
    (socket.data as { auth?: HandshakeAuth }).auth = parsed.data;
    next();
  }

  private stationOf(socket: Socket): StationInfo {
    const auth = (socket.data as { auth: HandshakeAuth }).auth;
    return {
      socketId: socket.id,
      stationId: auth.stationId,
      clientVersion: auth.clientVersion,
      resume: auth.resume,
    };
  }

  private onConnection(socket: Socket): void {
    const station = this.stationOf(socket);
    const resume = station.resume;
    this.opts.log(
      `connection: station ${station.stationId} (${station.clientVersion})` +
        (resume ? `, resume ${resume.deploymentId} after seq ${resume.afterSeq}` : ', fresh'),
    );
    socket.on('decision', (payload: unknown, ack?: AckCallback) =>
      this.onAnswerable('decision', payload, ack, decisionMessageSchema, this.decisions),
    );
    socket.on('outcome', (payload: unknown, ack?: AckCallback) =>
      this.onAnswerable('outcome', payload, ack, outcomeMessageSchema, this.outcomes),
    );
    socket.on('checkpoint', (payload: unknown, ack?: AckCallback) => this.onCheckpoint(socket, payload, ack));
    socket.on('disconnect', (reason) => {
      this.opts.log(`disconnect: station ${station.stationId} (${reason})`);
      this.emit('disconnect', { ...station, reason });
    });

    socket.emit('deployment', this.scenario.deployment);
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

    if (this.drills.has('burst') && !this.burstStarted) {
      this.burstStarted = true;
      void this.runBurst();
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

  private async runBurst(): Promise<void> {
    this.opts.log(`burst drill: sending ${this.opts.burstCount} alerts`);
    for (let i = 0; i < this.opts.burstCount && !this.closed; i += 1) {
      // Scenes take ~0.5 s each to encode; a burst only carries those already drawn.
      const record = this.addAlert({ scene: 'cached', reuseImages: true });
      for (const socket of this.namespace.sockets.values()) void this.deliver(socket, record);
      await yieldToLoop();
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

  private prewarm(count: number): void {
    const entries = this.scenario.watchlist.slice(0, count);
    const cameras = this.scenario.deployment.cameras;
    let i = 0;
    const step = () => {
      if (this.closed || i >= entries.length || cameras.length === 0) return;
      const entry = entries[i]!;
      this.pool.reference(entry);
      this.pool.scene(entry, cameras[i % cameras.length]!.id);
      i += 1;
      const timer = setTimeout(step, 0);
      this.timers.add(timer);
    };
    step();
  }

  // --- station to server ---------------------------------------------------------------------

  private answer(key: string, ack: AckCallback | undefined, value: ServerAck): void {
    if (typeof ack !== 'function') return;
    if (!this.drills.has('slow-ack')) return ack(value);
    // First answer for each key is lost; later ones come late. The station must resend.
    if (!this.droppedOnce.has(key)) {
      this.droppedOnce.add(key);
      this.opts.log(`slow-ack drill: not answering ${key}`);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      ack(value);
    }, this.opts.slowAckMs);
    this.timers.add(timer);
  }

  private reject(event: string, key: string, ack: AckCallback | undefined, reason: string): void {
    this.opts.log(`${event} rejected: ${reason}`);
    this.emit('rejected', { event, reason });
    this.answer(key, ack, { status: 'rejected', reason });
  }

  private onAnswerable<T extends DecisionMessage | OutcomeMessage>(
    event: 'decision' | 'outcome',
    payload: unknown,
    ack: AckCallback | undefined,
    schema: z.ZodType<T>,
    store: Map<string, T>,
  ): void {
    const parsed = schema.safeParse(payload);
    const rawKey = `${event}:${describeKey(payload)}`;
    if (!parsed.success) return this.reject(event, rawKey, ack, describeZodError(parsed.error));
    const message = parsed.data;
    const key = `${message.alertId}#${message.revision}`;
    if (!this.knownDeployments.has(message.deploymentId)) {
      return this.reject(event, `${event}:${key}`, ack, `unknown deployment ${message.deploymentId}`);
    }
    const existing = store.get(key);
    if (existing) {
      if (JSON.stringify(existing) !== JSON.stringify(message)) {
        return this.reject(
          event,
          `${event}:${key}`,
          ack,
          `revision ${message.revision} of ${message.alertId} is already recorded with different content`,
        );
      }
      this.duplicates[event] += 1;
      this.opts.log(`${event} ${key}: recorded (again)`);
    } else {
      store.set(key, message);
      this.opts.log(
        `${event} ${key}: recorded${this.alerts.has(message.alertId) ? '' : ' (alert not sent by this feed)'}`,
      );
    }
    if (event === 'decision')
      this.emit('decision', message as DecisionMessage, { duplicate: Boolean(existing) });
    else this.emit('outcome', message as OutcomeMessage, { duplicate: Boolean(existing) });
    this.answer(`${event}:${key}`, ack, { status: 'recorded' });
  }

  private onCheckpoint(socket: Socket, payload: unknown, ack: AckCallback | undefined): void {
    const parsed = checkpointMessageSchema.safeParse(payload);
    if (!parsed.success)
      return this.reject(
        'checkpoint',
        `checkpoint:${describeKey(payload)}`,
        ack,
        describeZodError(parsed.error),
      );
    const message = parsed.data;
    const key = `checkpoint:${message.stationId}#${message.deploymentId}#${message.seq}`;
    const station = this.stationOf(socket);
    if (message.stationId !== station.stationId) {
      return this.reject(
        'checkpoint',
        key,
        ack,
        `stationId ${message.stationId} is not the station that connected (${station.stationId})`,
      );
    }
    if (!this.knownDeployments.has(message.deploymentId)) {
      return this.reject('checkpoint', key, ack, `unknown deployment ${message.deploymentId}`);
    }
    const problem = checkCheckpointSignature(
      message,
      (socket.data as { auth: HandshakeAuth }).auth.stationKey,
    );
    if (problem) return this.reject('checkpoint', key, ack, problem);
    const duplicate = this.checkpointKeys.has(key);
    if (duplicate) this.duplicates.checkpoint += 1;
    else {
      this.checkpointKeys.add(key);
      this.checkpoints.push(message);
    }
    this.opts.log(
      `checkpoint seq ${message.seq}: recorded${duplicate ? ' (again)' : ''}, signature verified`,
    );
    this.emit('checkpoint', message, { duplicate });
    this.answer(key, ack, { status: 'recorded' });
  }
}

function describeKey(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return 'unreadable';
  const p = payload as { alertId?: unknown; revision?: unknown; seq?: unknown };
  const part = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
  return `${part(p.alertId ?? p.seq)}#${part(p.revision)}`;
}

async function firstNonNull(promises: Array<Promise<unknown>>): Promise<unknown> {
  return new Promise((resolve) => {
    let left = promises.length;
    for (const p of promises) {
      void p.then((value) => {
        left -= 1;
        if (value !== null && value !== undefined) resolve(value);
        else if (left === 0) resolve(null);
      });
    }
  });
}
