/**
 * The supervisor's services: list deployments, open a replay (verified first, and
 * journalled as opened), review a decision, export CSV/PDF/bundle, import a bundle.
 * The parts live beside it: request-frame.ts (who may ask, one request per journal),
 * access-record.ts (where openings and exports are journalled), review-overlay.ts (an
 * import's review journal), exports.ts, imports.ts, listing.ts.
 *
 * Where things live:
 *   station:<id>  <stationRoot>/deployments/<id>/journal.jsonl (+ images/)
 *   import:<id>   <dataDir>/imports/<id>/journal.jsonl (+ images/, manifest.json, public-key.txt,
 *                 checkpoint.json, import.json) and review/journal.jsonl: this station's own
 *                 journal (journal-v1, its own key) of who opened and reviewed the import.
 *   exports       <dataDir>/exports/<deploymentId>-<yyyymmdd-hhmmss>.<csv|pdf|lfrbundle>
 *   fallback      <dataDir>/replay-access/journal.jsonl records openings when the journal they
 *                 belong to cannot take them (it failed verification).
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplayProgress, ResponseMap, StationServices } from '../../../shared/contract';
import { isSafeDeploymentId } from '../../../shared/feed/limits';
import type { Actor, EntryData } from '../../../shared/journal/entries';
import type { DeploymentListing } from '../../../shared/replay';
import type { Signer } from '../journal/signing';
import type { TrustEntry } from '../journal/trust';
import { createAccessRecord, type AccessRecord, type AppendToStation } from './access-record';
import { createArchiveReplays, isArchiveKey, type ArchiveReplays } from './archive-replays';
import { reviewFromEntry } from './builder';
import { readImportRecord } from './bundle-import';
import { enrolStationKey } from './enrol';
import { imagesIn, writeExport } from './exports';
import { importBundleFor } from './imports';
import { createKnownReplays, type KnownReplays } from './known-replays';
import { createRequestFrame, type Location, type RequestFrame } from './request-frame';
import { replayOf } from './review-overlay';
import type { SupervisorRequest } from './supervisor-requests';
import type { BundleUploads } from './uploads';
import type { Role } from '../../../shared/vocabulary';
import type { ArchiveReader } from '../archive-ports';
import type { Req } from '../station/requests';

interface ReplayServiceDeps {
  dataDir: string;
  /** <data> or <data>/training: holds deployments/. */
  stationRoot: string;
  signer: Signer;
  appVersion: string;
  operator: () => { id: string; name: string; role: Role } | null;
  /** Appends to an open station journal (Station.appendTo); throws when it cannot. */
  appendToStation: AppendToStation;
  emitProgress: (p: ReplayProgress) => void;
  /**
   * The station's trust list (electron/core/trust-list.ts), read at each use: replays and
   * imports are judged against it. Absent (tests, tools): the journal's own key, said so.
   */
  trustList?: () => Promise<readonly TrustEntry[]>;
  /** Puts a key on the station's trust list (TrustListStore.add); absent: enrolling is refused. */
  enrolKey?: (entry: TrustEntry) => Promise<{ entry: TrustEntry; added: boolean }>;
  /** Takes a key off again (TrustListStore.remove), when its enrolment could not be journalled. */
  unenrolKey?: (publicKey: string) => Promise<unknown>;
  /**
   * Where a bundle to import comes from: never a path from the renderer. Electron asks
   * with a dialog in main (`pickBundle`, null: cancelled); browser mode uploads it first.
   */
  pickBundle?: () => Promise<string | null>;
  uploads?: BundleUploads;
  /** Most bytes all imported bundles together may unpack to (default 5 GiB). */
  importQuotaBytes?: number;
  /** The evidence archive read with its reader role (--archive-reader); absent: no archive replays. */
  archiveReader?: ArchiveReader | null;
  now?: () => number;
  log?: (line: string) => void;
}

export type ReplayServices = Pick<StationServices, SupervisorRequest> & {
  /** Where an image of an imported deployment is, for the image routes (null if none holds it). */
  resolveImportImage(deploymentId: string, sha256: string): string | null;
  /** Closes the review journals this session opened. */
  close(): Promise<void>;
  /** Journals an account change in the station's access journal (no deployment is active). */
  recordAccountChange(actor: Actor, change: EntryData['account-changed']): Promise<void>;
};

/** What every request handler below shares: the station's parts, built once per service. */
interface ReplayContext {
  deps: ReplayServiceDeps;
  now: () => number;
  log: (line: string) => void;
  importsDir: string;
  exportsDir: string;
  frame: RequestFrame;
  access: AccessRecord;
  archive: ArchiveReplays | null;
  known: KnownReplays;
  trustNow: () => Promise<readonly TrustEntry[] | null>;
}

export function createReplayServices(deps: ReplayServiceDeps): ReplayServices {
  const ctx = replayContext(deps);
  return {
    listDeployments: () => listDeployments(ctx),
    listArchiveDeployments: () => listArchiveDeployments(ctx),
    openReplay: (p) => openReplay(ctx, p),
    supervisorReview: (p) => supervisorReview(ctx, p),
    exportReplay: (p) => exportReplay(ctx, p),
    importBundle: (p) => importBundle(ctx, p),
    enrolStationKey: (p) => enrolKey(ctx, p),
    resolveImportImage: (deploymentId, sha256) => resolveImportImage(ctx, deploymentId, sha256),
    recordAccountChange: (actor, change) =>
      ctx.access.appendToAccessJournal('account-changed', actor, change),
    async close() {
      await ctx.archive?.close();
      await ctx.access.close();
    },
  };
}

function replayContext(deps: ReplayServiceDeps): ReplayContext {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const importsDir = join(deps.dataDir, 'imports');
  const exportsDir = join(deps.dataDir, 'exports');
  const trustNow = async (): Promise<readonly TrustEntry[] | null> =>
    deps.trustList ? deps.trustList() : null;
  const known = createKnownReplays({ trustNow, emitProgress: deps.emitProgress, now });
  const frame = createRequestFrame({
    stationRoot: deps.stationRoot,
    importsDir,
    operator: deps.operator,
    log,
  });
  const access = createAccessRecord({
    dataDir: deps.dataDir,
    signer: deps.signer,
    appVersion: deps.appVersion,
    appendToStation: deps.appendToStation,
    log,
  });
  const archive = deps.archiveReader
    ? createArchiveReplays({
        reader: deps.archiveReader,
        supervisor: frame.supervisor,
        access,
        trustNow,
        exportsDir,
        imageCacheDir: join(deps.dataDir, 'archive-images'),
        now,
        log,
      })
    : null;
  return { deps, now, log, importsDir, exportsDir, frame, access, archive, known, trustNow };
}

/** The deployment ids in a folder, oldest name first; none when the folder is missing. */
async function names(dir: string): Promise<string[]> {
  return (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => isSafeDeploymentId(n) && !n.startsWith('.'))
    .sort();
}

/** The listings of one kind of journal ('station' deployments or 'import's) under a folder. */
async function listingsIn(
  ctx: ReplayContext,
  source: 'station' | 'import',
  dir: string,
): Promise<DeploymentListing[]> {
  const out: DeploymentListing[] = [];
  for (const id of await names(dir)) {
    const loc = ctx.frame.locate(`${source}:${id}`);
    const item = loc ? await ctx.known.listing(loc) : null;
    if (item) out.push(item);
  }
  return out;
}

async function listDeployments(ctx: ReplayContext): Promise<ResponseMap['listDeployments']> {
  if (!ctx.frame.supervisor())
    return { ok: false, error: 'only a signed-in supervisor can list deployments for replay' };
  const out = [
    ...(await listingsIn(ctx, 'station', join(ctx.deps.stationRoot, 'deployments'))),
    ...(await listingsIn(ctx, 'import', ctx.importsDir)),
  ];
  out.sort((a, b) => (b.lastEntryAt ?? '').localeCompare(a.lastEntryAt ?? ''));
  return { ok: true, deployments: out };
}

async function listArchiveDeployments(ctx: ReplayContext): Promise<ResponseMap['listArchiveDeployments']> {
  if (!ctx.frame.supervisor())
    return { ok: false, error: 'only a signed-in supervisor can list the archive' };
  if (!ctx.archive)
    return {
      ok: false,
      error: 'no archive to read: start the station with --archive-reader <postgres-url>',
    };
  return ctx.archive.list();
}

/** The deployment a journal belongs to: its own id, or the one an import's manifest names. */
async function deploymentIdOf(loc: Location): Promise<string> {
  return loc.source === 'station'
    ? loc.id
    : ((await readImportRecord(loc.dir))?.manifest.deploymentId ?? loc.id);
}

async function openReplay(ctx: ReplayContext, p: Req<'openReplay'>): Promise<ResponseMap['openReplay']> {
  if (isArchiveKey(p.key))
    return ctx.archive ? ctx.archive.open(p.key) : { ok: false, error: `no deployment journal for ${p.key}` };
  return ctx.frame.onJournal(
    p.key,
    'openReplay',
    'open a replay',
    'could not open the replay',
    async (loc, actor) => {
      // Journalled before anything is shown: who looked is part of the record.
      await ctx.access.recordOpening(loc, await deploymentIdOf(loc), actor);
      const replay = await replayOf(loc, await ctx.known.currentState(loc));
      ctx.known.setVerdict(loc.key, replay.integrity);
      if (loc.source === 'import') ctx.known.noteImport(replay.deploymentId, loc.id);
      return { ok: true as const, replay };
    },
  );
}

async function supervisorReview(
  ctx: ReplayContext,
  p: Req<'supervisorReview'>,
): Promise<ResponseMap['supervisorReview']> {
  if (isArchiveKey(p.key))
    return {
      ok: false,
      error:
        'a review belongs in the journal it is about: review this decision on the station that holds it, or on its bundle',
    };
  return ctx.frame.onJournal(
    p.key,
    'supervisorReview',
    'review a decision',
    'the review was not recorded',
    (loc, actor) => recordReview(ctx, p, loc, actor),
  );
}

/** Checks the decision a review is about (there, not the reviewer's own) and journals the review. */
async function recordReview(ctx: ReplayContext, p: Req<'supervisorReview'>, loc: Location, actor: Actor) {
  const state = await ctx.known.currentState(loc);
  const alert = state.builder.state.alerts.get(p.alertId);
  if (!alert) return { ok: false as const, error: 'that alert is not in this replay' };
  const decision = alert.decisions.find((d) => d.revision === p.revision);
  if (!decision) return { ok: false as const, error: `alert has no decision revision ${p.revision}` };
  if (decision.operator.id === actor.id)
    return { ok: false as const, error: 'a supervisor cannot review their own decision' };
  const entry = await ctx.access.appendFor(
    loc,
    state.builder.state.deploymentId,
    'supervisor-review',
    actor,
    {
      key: loc.key,
      alertId: p.alertId,
      revision: p.revision,
      verdict: p.verdict,
      comment: p.comment,
      // Binds the review to the exact decision entry it is about.
      decision: { seq: decision.journal.seq, hash: decision.journal.hash },
    },
  );
  const review = reviewFromEntry(entry);
  if (!review) throw new Error('the review entry could not be read back');
  return { ok: true as const, review };
}

async function exportReplay(
  ctx: ReplayContext,
  p: Req<'exportReplay'>,
): Promise<ResponseMap['exportReplay']> {
  if (isArchiveKey(p.key))
    return ctx.archive
      ? ctx.archive.export(p.key, p)
      : { ok: false, error: `no deployment journal for ${p.key}` };
  return ctx.frame.onJournal(p.key, 'exportReplay', 'export', 'export failed', async (loc, actor) => {
    const state = await ctx.known.currentState(loc);
    const replay = await replayOf(loc, state);
    return writeExport(
      {
        exportsDir: ctx.exportsDir,
        now: ctx.now,
        log: ctx.log,
        record: (path, kind, images) =>
          ctx.access.recordExport(loc, replay.deploymentId, actor, path, kind, images),
      },
      {
        key: loc.key,
        replay,
        state,
        journal: { journalFile: loc.journalFile, imagesDir: loc.imagesDir },
        readImage: imagesIn(loc.imagesDir),
      },
      actor,
      p,
    );
  });
}

async function importBundle(
  ctx: ReplayContext,
  p: Req<'importBundle'>,
): Promise<ResponseMap['importBundle']> {
  const actor = ctx.frame.supervisor();
  if (!actor) return { ok: false, error: 'only a signed-in supervisor can import a bundle' };
  return importBundleFor(
    {
      importsDir: ctx.importsDir,
      pickBundle: ctx.deps.pickBundle,
      uploads: ctx.deps.uploads,
      quotaBytes: ctx.deps.importQuotaBytes,
      trustNow: ctx.trustNow,
      imported: (key, deploymentId, importId, integrity) => {
        ctx.known.setVerdict(key, integrity);
        ctx.known.noteImport(deploymentId, importId);
      },
      now: ctx.now,
      log: ctx.log,
    },
    actor,
    p,
  );
}

function enrolKey(ctx: ReplayContext, p: Req<'enrolStationKey'>): Promise<ResponseMap['enrolStationKey']> {
  const { deps, frame, access } = ctx;
  return enrolStationKey(
    {
      supervisor: frame.supervisor,
      ...(deps.enrolKey ? { enrolKey: deps.enrolKey } : {}),
      ...(deps.unenrolKey ? { unenrolKey: deps.unenrolKey } : {}),
      importedKey: async (key) => {
        const loc = frame.locate(key);
        if (!loc || loc.source !== 'import' || !(await readImportRecord(loc.dir))) return null;
        // The key the bundle's journal was opened with (import refuses a bundle whose files disagree).
        return frame.locked(loc.key, async () => (await ctx.known.currentState(loc)).identity);
      },
      record: async (actor, data) => {
        const loc = data.key ? frame.locate(data.key) : null;
        if (!loc) return access.appendToAccessJournal('trust-enrolled', actor, data);
        const deploymentId = (await readImportRecord(loc.dir))?.manifest.deploymentId ?? loc.id;
        return access.recordAccess(loc, deploymentId, 'trust-enrolled', actor, data);
      },
      log: ctx.log,
    },
    p,
  );
}

function resolveImportImage(ctx: ReplayContext, deploymentId: string, sha256: string): string | null {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  for (const importId of ctx.known.importsHolding(deploymentId)) {
    const path = join(ctx.importsDir, importId, 'images', sha256);
    if (existsSync(path)) return path;
  }
  return ctx.archive?.imagePath(deploymentId, sha256) ?? null;
}
