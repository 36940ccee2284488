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
import type { DeploymentListing, Integrity } from '../../../shared/replay';
import type { Signer } from '../journal/signing';
import type { TrustEntry } from '../journal/trust';
import { createAccessRecord, type AppendToStation } from './access-record';
import { createArchiveReplays, isArchiveKey } from './archive-replays';
import { reviewFromEntry } from './builder';
import { readImportRecord } from './bundle-import';
import { enrolStationKey } from './enrol';
import { imagesIn, writeExport } from './exports';
import { importBundleFor } from './imports';
import { QuickInfoCache } from './listing';
import { applyTrust, loadReplayState, refreshReplayState, type ReplayState } from './load';
import { createRequestFrame, type Location } from './request-frame';
import { replayOf } from './review-overlay';
import type { SupervisorRequest } from './supervisor-requests';
import type { BundleUploads } from './uploads';
import type { Role } from '../../../shared/vocabulary';
import type { ArchiveReader } from '../archive-ports';

type Req<N extends SupervisorRequest> = Parameters<StationServices[N]>[0];

export interface ReplayServiceDeps {
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

const MAX_CACHED_REPLAYS = 4;

export function createReplayServices(deps: ReplayServiceDeps): ReplayServices {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const importsDir = join(deps.dataDir, 'imports');
  const exportsDir = join(deps.dataDir, 'exports');
  const states = new Map<string, ReplayState>();
  const verdicts = new Map<string, Integrity>();
  const importsByDeployment = new Map<string, Set<string>>();
  const quick = new QuickInfoCache();
  const frame = createRequestFrame({
    stationRoot: deps.stationRoot,
    importsDir,
    operator: deps.operator,
    log,
  });
  const { locked, locate, supervisor, onJournal } = frame;
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
        supervisor,
        access,
        trustNow: () => trustNow(),
        exportsDir,
        imageCacheDir: join(deps.dataDir, 'archive-images'),
        now,
        log,
      })
    : null;

  function noteImport(deploymentId: string, importId: string): void {
    let set = importsByDeployment.get(deploymentId);
    if (!set) importsByDeployment.set(deploymentId, (set = new Set()));
    set.add(importId);
  }

  const trustNow = async (): Promise<readonly TrustEntry[] | null> =>
    deps.trustList ? deps.trustList() : null;

  /** The cached state brought up to date, or a fresh load (verified first). */
  async function currentState(loc: Location): Promise<ReplayState> {
    const trust = await trustNow();
    const cached = states.get(loc.key);
    if (cached) {
      const result = await refreshReplayState(cached);
      if (result !== 'reload') {
        applyTrust(cached, trust);
        return cached;
      }
    }
    const state = await loadReplayState({
      key: loc.key,
      source: loc.source,
      journalFile: loc.journalFile,
      imagesDir: loc.imagesDir,
      onProgress: (p) => deps.emitProgress(p),
      now,
      trust,
    });
    states.delete(loc.key);
    states.set(loc.key, state);
    // A 100,000-entry replay holds a lot in memory: keep the few most recently loaded.
    while (states.size > MAX_CACHED_REPLAYS) states.delete(states.keys().next().value!);
    return state;
  }

  async function listing(loc: Location): Promise<DeploymentListing | null> {
    const info = await quick.get(loc.journalFile).catch(() => null);
    if (!info) return null;
    const deploymentId = info.deploymentId ?? loc.id;
    if (loc.source === 'import') noteImport(deploymentId, loc.id);
    return {
      key: loc.key,
      source: loc.source,
      deploymentId,
      title: info.title ?? deploymentId,
      training: info.training,
      startsAt: info.startsAt,
      endsAt: info.endsAt,
      firstEntryAt: info.firstEntryAt,
      lastEntryAt: info.lastEntryAt,
      alerts: info.alerts,
      decided: info.decided,
      integrity: verdicts.get(loc.key) ?? null,
      legalHold: info.legalHold,
    };
  }

  async function names(dir: string): Promise<string[]> {
    return (await readdir(dir).catch(() => [] as string[]))
      .filter((n) => isSafeDeploymentId(n) && !n.startsWith('.'))
      .sort();
  }

  const services: ReplayServices = {
    async listDeployments(): Promise<ResponseMap['listDeployments']> {
      if (!supervisor())
        return { ok: false, error: 'only a signed-in supervisor can list deployments for replay' };
      const out: DeploymentListing[] = [];
      for (const id of await names(join(deps.stationRoot, 'deployments'))) {
        const item = await listing(locate(`station:${id}`)!);
        if (item) out.push(item);
      }
      for (const id of await names(importsDir)) {
        const item = await listing(locate(`import:${id}`)!);
        if (item) out.push(item);
      }
      out.sort((a, b) => (b.lastEntryAt ?? '').localeCompare(a.lastEntryAt ?? ''));
      return { ok: true, deployments: out };
    },

    async listArchiveDeployments(): Promise<ResponseMap['listArchiveDeployments']> {
      if (!supervisor()) return { ok: false, error: 'only a signed-in supervisor can list the archive' };
      if (!archive)
        return {
          ok: false,
          error: 'no archive to read: start the station with --archive-reader <postgres-url>',
        };
      return archive.list();
    },

    async openReplay(p: Req<'openReplay'>): Promise<ResponseMap['openReplay']> {
      if (isArchiveKey(p.key))
        return archive ? archive.open(p.key) : { ok: false, error: `no deployment journal for ${p.key}` };
      return onJournal(
        p.key,
        'openReplay',
        'open a replay',
        'could not open the replay',
        async (loc, actor) => {
          const deploymentId =
            loc.source === 'station'
              ? loc.id
              : ((await readImportRecord(loc.dir))?.manifest.deploymentId ?? loc.id);
          // Journalled before anything is shown: who looked is part of the record.
          await access.recordOpening(loc, deploymentId, actor);
          const replay = await replayOf(loc, await currentState(loc));
          verdicts.set(loc.key, replay.integrity);
          if (loc.source === 'import') noteImport(replay.deploymentId, loc.id);
          return { ok: true as const, replay };
        },
      );
    },

    async supervisorReview(p: Req<'supervisorReview'>): Promise<ResponseMap['supervisorReview']> {
      if (isArchiveKey(p.key))
        return {
          ok: false,
          error:
            'a review belongs in the journal it is about: review this decision on the station that holds it, or on its bundle',
        };
      return onJournal(
        p.key,
        'supervisorReview',
        'review a decision',
        'the review was not recorded',
        async (loc, actor) => {
          const state = await currentState(loc);
          const alert = state.builder.state.alerts.get(p.alertId);
          if (!alert) return { ok: false as const, error: 'that alert is not in this replay' };
          const decision = alert.decisions.find((d) => d.revision === p.revision);
          if (!decision) return { ok: false as const, error: `alert has no decision revision ${p.revision}` };
          if (decision.operator.id === actor.id)
            return { ok: false as const, error: 'a supervisor cannot review their own decision' };
          const entry = await access.appendFor(
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
        },
      );
    },

    async exportReplay(p: Req<'exportReplay'>): Promise<ResponseMap['exportReplay']> {
      if (isArchiveKey(p.key))
        return archive
          ? archive.export(p.key, p)
          : { ok: false, error: `no deployment journal for ${p.key}` };
      return onJournal(p.key, 'exportReplay', 'export', 'export failed', async (loc, actor) => {
        const state = await currentState(loc);
        const replay = await replayOf(loc, state);
        return writeExport(
          {
            exportsDir,
            now,
            log,
            record: (path, kind, images) =>
              access.recordExport(loc, replay.deploymentId, actor, path, kind, images),
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
    },

    async importBundle(p: Req<'importBundle'>): Promise<ResponseMap['importBundle']> {
      const actor = supervisor();
      if (!actor) return { ok: false, error: 'only a signed-in supervisor can import a bundle' };
      return importBundleFor(
        {
          importsDir,
          pickBundle: deps.pickBundle,
          uploads: deps.uploads,
          quotaBytes: deps.importQuotaBytes,
          trustNow,
          imported: (key, deploymentId, importId, integrity) => {
            verdicts.set(key, integrity);
            noteImport(deploymentId, importId);
          },
          now,
          log,
        },
        actor,
        p,
      );
    },

    enrolStationKey(p: Req<'enrolStationKey'>): Promise<ResponseMap['enrolStationKey']> {
      return enrolStationKey(
        {
          supervisor,
          ...(deps.enrolKey ? { enrolKey: deps.enrolKey } : {}),
          ...(deps.unenrolKey ? { unenrolKey: deps.unenrolKey } : {}),
          importedKey: async (key) => {
            const loc = locate(key);
            if (!loc || loc.source !== 'import' || !(await readImportRecord(loc.dir))) return null;
            // The key the bundle's journal was opened with (import refuses a bundle whose files disagree).
            return locked(loc.key, async () => (await currentState(loc)).identity);
          },
          record: async (actor, data) => {
            const loc = data.key ? locate(data.key) : null;
            if (!loc) return access.appendToAccessJournal('trust-enrolled', actor, data);
            const deploymentId = (await readImportRecord(loc.dir))?.manifest.deploymentId ?? loc.id;
            return access.recordAccess(loc, deploymentId, 'trust-enrolled', actor, data);
          },
          log,
        },
        p,
      );
    },

    resolveImportImage(deploymentId, sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      for (const importId of importsByDeployment.get(deploymentId) ?? []) {
        const path = join(importsDir, importId, 'images', sha256);
        if (existsSync(path)) return path;
      }
      return archive?.imagePath(deploymentId, sha256) ?? null;
    },

    recordAccountChange(actor, change) {
      return access.appendToAccessJournal('account-changed', actor, change);
    },

    async close() {
      await archive?.close();
      await access.close();
    },
  };
  return services;
}
