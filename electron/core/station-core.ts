/**
 * Wires the station core together, with or without Electron: identity, the station
 * and its journals, the outbox, the feed client, and (when no feed is given) the
 * built-in training feed. Both transports (Electron IPC and the browser-mode
 * WebSocket) serve what this returns.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ELECTRON_ONLY, type CoreEventMap, type Result, type StationServices } from '../../shared/contract';
import type { ScreenChange } from '../../shared/screen';
import type { KeyProtection, StationSnapshot } from '../../shared/view';
import { LOCAL_CLIENT, type ClientId } from './station/session';
import type { Pipeline } from './station/requests';
import { isSafeDeploymentId } from '../../shared/feed/limits';
import { readStoredImage } from './journal/images';
import { lockDataFolder } from './data-lock';
import type { SsoEndpoint, SsoSettings } from './auth/identity-gate';
import { attachAccessControl } from './auth/attach-access';
import type { FeedClient } from './feed/feed-client';
import type { StationClaims } from './station/claims';
import type { Signer } from './journal/signing';
import { connectFeed, feedTarget, type FeedTarget, type TrainingFeedStarter } from './station-feed';
import type { KeyProtector } from './identity';
import { openStationKeys } from './station-keys';
import { Outbox } from './outbox';
import type { AlarmStore } from './journal/alarms';
import type { CheckpointLedger } from './journal/checkpoint-ledger';
import { loadSettings } from './settings';
import { Station } from './station';
import { createReplayServices } from './replay/service';
import { TrustListStore } from './trust-list';
import { BundleUploads, type UploadResult } from './replay/uploads';
import { handOverExport, type SaveExportAs } from './replay/exports';
import type { ArchiveLink, ArchiveLinkStarter, ArchiveReader } from './archive-ports';

interface StationCoreOptions {
  dataDir: string;
  /**
   * The station's key folder, apart from the data folder: key, kept checkpoints, alarms
   * (key-dir.ts; the entry points pass --key-dir or defaultKeyDir(dataDir)).
   */
  keyDir: string;
  /** null: the built-in training feed. */
  feedUrl: string | null;
  token: string | null;
  mode: 'electron' | 'browser';
  appVersion: string;
  keyProtector?: KeyProtector;
  /** What really protects the key (Electron reports its safeStorage backend); default: file permissions only. */
  keyProtection?: KeyProtection;
  /**
   * Starts the built-in training feed when no feed URL is given. The entry points
   * (electron/main/main.ts, cli/web.ts) pass the simulator's; the core never imports it.
   */
  trainingFeed?: TrainingFeedStarter;
  /** Training feed only: drill names (checked by the simulator) and alerts a minute. */
  drills?: readonly string[];
  rate?: number | null;
  /** Electron: ask the supervisor for a bundle file (a dialog in main); null when cancelled. */
  pickBundle?: () => Promise<string | null>;
  /** Electron: open the image pane in a second window, showing this alert first. */
  openImageWindow?: (alertId: string | null) => Promise<Result>;
  /** Electron: where to save a copy of an export (main's save dialog); null when cancelled. */
  saveExport?: SaveExportAs;
  /** How long the outbox waits for the server's answer before resending (default 10 s). */
  ackTimeoutMs?: number;
  /** The station's clock (tests move it to see retention and the window at work). */
  now?: () => number;
  /** The monotonic clock durations are measured on (tests inject one beside a stepped wall clock). */
  mono?: () => number;
  log?: (line: string) => void;
  /**
   * The PostgreSQL evidence archive (docs/archive.md): the link that ships journals
   * (--archive) and the reader for replays across stations (--archive-reader); absent:
   * none. The entry points pass archive/'s (archivePortsOf); the core never imports it.
   */
  archiveLink?: ArchiveLinkStarter | null;
  archiveReader?: ArchiveReader | null;
  /** Single sign-on with the force's OpenID Connect provider (--idp, --client-id, --role-claim). */
  sso?: SsoSettings | null;
  /** An idle session locks after this long (default 15 minutes). */
  lockAfterMs?: number;
  /** Most bytes all imported bundles together may unpack to (--import-quota; default 5 GiB). */
  importQuotaBytes?: number;
}

export type UploadRefused = { ok: false; status: 403; error: string };

export interface StationCore {
  /** The requests as typed functions, for the core's own screen (Electron's windows) and tests: the local client. */
  services: StationServices;
  /** One request from a screen, as a transport receives it: parsed, checked against the session, answered. */
  dispatch: Pipeline['dispatch'];
  request: Pipeline['request'];
  /** Whether this screen holds the unlocked session (it may be shown faces: browser mode's /images). */
  mayView(client: ClientId): boolean;
  /** A screen went away (browser mode: its WebSocket closed); a session it held locks. */
  clientGone(client: ClientId): void;
  /** The core's events as this screen may see them (default: the local client). */
  onEvent<E extends keyof CoreEventMap>(
    name: E,
    listener: (payload: CoreEventMap[E]) => void,
    client?: ClientId,
  ): () => void;
  /** A stored image's bytes (or a face being stored now), or null: the one way the screens get faces. */
  readImage(deploymentId: string, sha256: string): Uint8Array | null;
  undecidedCount(): number;
  /** Browser mode's bundle upload (POST /bundles): a signed-in supervisor's only. */
  receiveBundleUpload(
    client: ClientId,
    body: Readable,
    declared: number | null,
  ): Promise<UploadResult | UploadRefused>;
  training: boolean;
  /** Where the training feed listens, when it is the feed. */
  trainingFeedUrl: string | null;
  /** Single sign-on for the transports (callback route, system browser); null without --idp. */
  sso: SsoEndpoint | null;
  close(): Promise<void>;
}

/** Without Electron's report: a protector is trusted as given; without one, only file permissions protect the key. */
function defaultKeyProtection(protector: KeyProtector | undefined): KeyProtection {
  if (protector) return { protected: true, by: protector.kind, warning: null };
  return {
    protected: false,
    by: 'file permissions only (0600)',
    warning:
      "The station key is not protected by the operating system (no OS keychain in this mode): anyone who can read this user's files can sign as this station.",
  };
}

export async function startStationCore(opts: StationCoreOptions): Promise<StationCore> {
  const log = opts.log ?? (() => undefined);
  // One writer per data folder: a second station here exits before it opens a journal.
  const lock = await lockDataFolder(opts.dataDir, { log });
  try {
    return await startLocked(opts, log, () => lock.release());
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startLocked(
  opts: StationCoreOptions,
  log: (line: string) => void,
  releaseLock: () => Promise<void>,
): Promise<StationCore> {
  const training = opts.feedUrl === null;
  // Apart from the data folder: the key, the latest checkpoint of every journal, the alarms.
  const { keyDir, signer, alarms, checkpoints } = await openStationKeys({ ...opts, log });
  const keyProtection = { ...(opts.keyProtection ?? defaultKeyProtection(opts.keyProtector)), keyDir };
  if (keyProtection.warning) log(`${keyProtection.warning} (key folder ${keyDir})`);
  // Training journals live apart from real ones, so they can never mix.
  const root = training ? join(opts.dataDir, 'training') : opts.dataDir;
  const target = await feedTarget(opts, log);
  const archive = opts.archiveLink ? opts.archiveLink(root, log) : null;
  const { station, outbox } = await openStation(opts, {
    root,
    signer,
    training,
    keyProtection,
    alarms,
    checkpoints,
    archive,
    log,
  });
  const { replay, uploads } = await startReplay(opts, station, root, signer, log);
  const auth = attachAccess(opts, station, replay, training, log);
  // Retention runs once before the feed connects, then hourly (the timer does not hold the process open).
  await station.runRetention();
  station.startRetention();
  const { feed, claims } = connectFeed(
    station,
    outbox,
    target,
    { signer, appVersion: opts.appVersion, training },
    log,
  );
  archive?.start(() => station.schedulePush(), station.archiveConflict);
  return coreFace(opts, {
    station,
    auth,
    replay,
    uploads,
    root,
    training,
    trainingFeedUrl: target.trainingServer?.url ?? null,
    log,
    close: closerOf({ auth, outbox, claims, feed, station, archive, replay, target, releaseLock }),
  });
}

/** The station and its outbox, with every journal under `root` opened and folded. */
async function openStation(
  opts: StationCoreOptions,
  parts: {
    root: string;
    signer: Signer;
    training: boolean;
    keyProtection: KeyProtection;
    alarms: AlarmStore;
    checkpoints: CheckpointLedger;
    archive: ArchiveLink | null;
    log: (line: string) => void;
  },
): Promise<{ station: Station; outbox: Outbox }> {
  const { root, signer, training, keyProtection, alarms, checkpoints, archive, log } = parts;
  const settingsFile = join(opts.dataDir, 'station', 'settings.json');
  const station = new Station({
    root,
    signer,
    appVersion: opts.appVersion,
    training,
    mode: opts.mode,
    settings: await loadSettings(settingsFile),
    settingsFile,
    keyProtection,
    alarms,
    checkpoints,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.mono ? { mono: opts.mono } : {}),
    ...(archive ? { archiveStatus: () => archive.status() } : {}),
    // The main window's open alert goes out as an event, for an image window to follow.
    imageWindow: {
      open: opts.openImageWindow ?? (() => Promise.resolve({ ok: false, error: ELECTRON_ONLY })),
      follow: (alertId) => station.emit('viewerFollow', { alertId }),
    },
    log,
  });
  const outbox = new Outbox({
    ...(opts.ackTimeoutMs ? { ackTimeoutMs: opts.ackTimeoutMs } : {}),
    onAnswer: (item, answer) => station.recordAnswer(item, answer),
    onChange: () => station.schedulePush(),
    log,
  });
  station.attachOutbox(outbox);
  await station.load();
  return { station, outbox };
}

type ReplayServices = ReturnType<typeof createReplayServices>;

/** The replay services, judged against the station's trust list, with browser mode's upload folder emptied. */
async function startReplay(
  opts: StationCoreOptions,
  station: Station,
  root: string,
  signer: Signer,
  log: (line: string) => void,
): Promise<{ replay: ReplayServices; uploads: BundleUploads }> {
  // Browser mode's bundle uploads wait here until imported; any left by a previous run are stale.
  const uploads = new BundleUploads(join(opts.dataDir, 'imports', '.uploads'));
  await uploads.clear();
  const trustList = new TrustListStore(join(opts.dataDir, 'station'), {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
  });
  const replay = createReplayServices({
    dataDir: opts.dataDir,
    stationRoot: root,
    signer,
    appVersion: opts.appVersion,
    operator: () => station.currentOperator(),
    appendToStation: (id, type, actor, data) => station.appendTo(id, type, actor, data),
    emitProgress: (p) => station.emit('replayProgress', p),
    // Replays and imports are judged against the station's trust list (its own key and enrolled ones).
    trustList: () => trustList.entries(),
    enrolKey: (entry) => trustList.add(entry),
    unenrolKey: (publicKey) => trustList.remove(publicKey),
    ...(opts.pickBundle ? { pickBundle: opts.pickBundle } : {}),
    uploads,
    ...(opts.importQuotaBytes ? { importQuotaBytes: opts.importQuotaBytes } : {}),
    archiveReader: opts.archiveReader ?? null,
    ...(opts.now ? { now: opts.now } : {}),
    log: (line) => log(`replay: ${line}`),
  });
  return { replay, uploads };
}

type Access = ReturnType<typeof attachAccessControl>;

/** Every request from a screen passes one pipeline: proved identity, role, lock, fresh proof. */
function attachAccess(
  opts: StationCoreOptions,
  station: Station,
  replay: ReplayServices,
  training: boolean,
  log: (line: string) => void,
): Access {
  // The export is journalled before it is handed over; Electron then saves a copy where the supervisor chooses.
  const exportReplay: typeof replay.exportReplay = async (p) =>
    handOverExport(await replay.exportReplay(p), opts.saveExport, (line) => log(`replay: ${line}`));
  return attachAccessControl({
    station,
    replay: { ...replay, exportReplay },
    dataDir: opts.dataDir,
    training,
    sso: opts.sso ?? null,
    accessJournal: (actor, change) => replay.recordAccountChange(actor, change),
    ...(opts.lockAfterMs ? { lockAfterMs: opts.lockAfterMs } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    log,
  });
}

/** Stops everything in order: requests, outbox, claims, feed, journals, archive, replays, training feed, lock. */
function closerOf(parts: {
  auth: Access;
  outbox: Outbox;
  claims: StationClaims;
  feed: FeedClient;
  station: Station;
  archive: ArchiveLink | null;
  replay: ReplayServices;
  target: FeedTarget;
  releaseLock: () => Promise<void>;
}): () => Promise<void> {
  const { auth, outbox, claims, feed, station, archive, replay, target, releaseLock } = parts;
  return async () => {
    auth.stop();
    outbox.stop();
    await claims.releaseAll('station closing').catch(() => undefined);
    claims.stop();
    feed.close();
    await station.close();
    // After the journals closed, so their last entries are shipped if the archive is up.
    await archive?.stop();
    await replay.close();
    await target.trainingServer?.close();
    await releaseLock();
  };
}

/** What the transports are given: the pipeline, the events each screen may see, images, uploads. */
function coreFace(
  opts: StationCoreOptions,
  parts: {
    station: Station;
    auth: Access;
    replay: ReplayServices;
    uploads: BundleUploads;
    root: string;
    training: boolean;
    trainingFeedUrl: string | null;
    log: (line: string) => void;
    close: () => Promise<void>;
  },
): StationCore {
  const { station, auth, replay, uploads, root, training, trainingFeedUrl, log, close } = parts;
  const view = auth.view;
  return {
    services: auth.pipeline.servicesFor(LOCAL_CLIENT),
    dispatch: (client, name, payload) => auth.pipeline.dispatch(client, name, payload),
    request: (client, name, payload) => auth.pipeline.request(client, name, payload),
    mayView: (client) => auth.access.mayView(client),
    clientGone: (client) => auth.access.clientGone(client),
    training,
    trainingFeedUrl,
    sso: opts.sso ? auth.gate : null,
    onEvent(name, listener, client = LOCAL_CLIENT) {
      // Each screen is sent what it may see (auth/screen-view.ts); `state` is for tests and tools.
      const shaped = (payload: CoreEventMap[typeof name]): CoreEventMap[typeof name] | null => {
        if (name === 'state') return auth.access.decorate(payload as StationSnapshot) as typeof payload;
        if (name === 'change') return view.change(payload as ScreenChange, client) as typeof payload | null;
        if (name === 'clock') return payload;
        return view.private(client) ? payload : null;
      };
      const wrapped = (payload: CoreEventMap[typeof name]) => {
        const shown = shaped(payload);
        if (shown !== null) listener(shown);
      };
      station.on(name, wrapped as never);
      return () => station.off(name, wrapped as never);
    },
    readImage(deploymentId, sha256) {
      if (!isSafeDeploymentId(deploymentId) || !/^[0-9a-f]{64}$/.test(sha256)) return null;
      // Read at once (journal/images.ts readStoredImage says why). Images are named by their
      // hash, so a copy in an imported bundle is the same bytes.
      const own = readStoredImage(join(root, 'deployments', deploymentId, 'images', sha256));
      if (own) return own;
      const imported = replay.resolveImportImage(deploymentId, sha256);
      return imported === null ? null : readStoredImage(imported);
    },
    undecidedCount: () => station.undecidedCount(),
    async receiveBundleUpload(client, body, declared) {
      if (!auth.access.mayView(client) || station.currentOperator()?.role !== 'supervisor')
        return { ok: false, status: 403, error: 'only a signed-in supervisor can upload a bundle' };
      const result = await uploads.receive(body, declared);
      log(result.ok ? `bundle upload ${result.upload} received` : `bundle upload refused: ${result.error}`);
      return result;
    },
    close,
  };
}
