/**
 * The training feed's shapes and its start: the options and what it records, the
 * checks on the options (loopback only, known drills, a sane rate), the scenario the
 * drills shape, and the listening Socket.IO server. The feed itself is feed-server.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  deploymentSchema,
  describeZodError,
  handshakeAuthSchema,
  type Alert,
  type CheckpointMessage,
  type DecisionMessage,
  type Deployment,
  type HandshakeAuth,
  type OutcomeMessage,
  type StationAck,
} from '../../shared/feed/schemas';
import { CLAIMS_FEATURE } from '../../shared/feed/claims';
import { DRILL_NAMES, applyDeploymentDrills, type DrillName } from './drills';
import { ImagePool } from './image-pool';
import type { MalformedAlert } from './malformed';
import { createScenario, type ScenarioContext } from './scenario';

const MIB = 1024 * 1024;

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
  /** Coordinate several stations: lists "claims" in deployment.features (lfr-feed-v1). */
  claims?: boolean;
  /** How long a claim lasts without renewal (default 60 s; stations renew every 30 s). */
  claimTtlMs?: number;
  /** How long a disconnected station keeps its claims (default 15 s). */
  claimGraceMs?: number;
}

/** The options the running feed reads, with their defaults filled in. */
export type FeedSettings = Required<
  Pick<
    TrainingFeedOptions,
    | 'token'
    | 'rate'
    | 'ackTimeoutMs'
    | 'disconnectEveryMs'
    | 'slowAckMs'
    | 'burstCount'
    | 'claimTtlMs'
    | 'claimGraceMs'
  >
> & { log: (line: string) => void };

export function feedSettings(options: TrainingFeedOptions, rate: number): FeedSettings {
  return {
    token: options.token ?? 'training',
    rate,
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    disconnectEveryMs: options.disconnectEveryMs ?? 20_000,
    slowAckMs: options.slowAckMs ?? 4_000,
    burstCount: options.burstCount ?? 200,
    claimTtlMs: options.claimTtlMs ?? 60_000,
    claimGraceMs: options.claimGraceMs ?? 15_000,
    log: options.log ?? (() => {}),
  };
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
  decision: [message: DecisionMessage, info: { duplicate: boolean; stationId: string }];
  outcome: [message: OutcomeMessage, info: { duplicate: boolean }];
  checkpoint: [message: CheckpointMessage, info: { duplicate: boolean }];
  rejected: [info: { event: string; reason: string }];
  connection: [station: StationInfo];
  disconnect: [station: StationInfo & { reason: string }];
  malformed: [record: MalformedRecord];
  /** The claim desk changed: claimed, released, settled or escalated. */
  claims: [what: string, alertId: string | null];
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function sameToken(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function parseStationAck(value: unknown): StationAck | null {
  if (typeof value !== 'object' || value === null) return null;
  const ack = value as { status?: unknown; reason?: unknown };
  if (ack.status === 'stored') return { status: 'stored' };
  if (ack.status === 'rejected')
    return { status: 'rejected', reason: typeof ack.reason === 'string' ? ack.reason : '' };
  return null;
}

/** Checks the options, builds the scenario (shaped by the drills), and listens. */
export async function prepareFeed(options: TrainingFeedOptions) {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`the training feed listens on loopback only (127.0.0.0/8, ::1); refused host "${host}"`);
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
    ...(options.claims ? { features: [CLAIMS_FEATURE] } : {}),
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
  return { drills, seed, rate, scenario, pool, io, http, host, port };
}

/** The handshake: a well-formed auth with the one token this feed accepts, or `unauthorized` with why. */
export function authoriseStation(
  socket: Socket,
  token: string,
  log: (line: string) => void,
  next: (err?: Error) => void,
): void {
  const parsed = handshakeAuthSchema.safeParse(socket.handshake.auth);
  const refuse = (why: string) => {
    log(`refused connection from ${socket.handshake.address}: ${why}`);
    const error = new Error('unauthorized') as Error & { data?: unknown };
    error.data = { reason: why };
    next(error);
  };
  if (!parsed.success) return refuse(`handshake auth is malformed (${describeZodError(parsed.error)})`);
  if (!sameToken(parsed.data.token, token)) return refuse('wrong token');
  (socket.data as { auth?: HandshakeAuth }).auth = parsed.data;
  next();
}

export function stationInfo(socket: Socket): StationInfo {
  const auth = (socket.data as { auth: HandshakeAuth }).auth;
  return {
    socketId: socket.id,
    stationId: auth.stationId,
    clientVersion: auth.clientVersion,
    resume: auth.resume,
  };
}

/** The first answer that is not null (from any of several stations), or null when none gives one. */
export async function firstNonNull(promises: Array<Promise<unknown>>): Promise<unknown> {
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

/** Renders scenes in the background at start (one per turn), so the first alerts do not wait. */
export function prewarmScenes(
  pool: ImagePool,
  scenario: ScenarioContext,
  count: number,
  timers: Set<NodeJS.Timeout>,
  closed: () => boolean,
): void {
  const entries = scenario.watchlist.slice(0, count);
  const cameras = scenario.deployment.cameras;
  let i = 0;
  const step = () => {
    if (closed() || i >= entries.length || cameras.length === 0) return;
    const entry = entries[i]!;
    pool.reference(entry);
    pool.scene(entry, cameras[i % cameras.length]!.id);
    i += 1;
    timers.add(setTimeout(step, 0));
  };
  step();
}
