/**
 * The supervisor's services: list deployments, open a replay (verified first, and
 * journalled as opened), review a decision, export CSV/PDF/bundle, import a bundle.
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
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReplayProgress, ResponseMap, StationServices } from '../../../shared/contract';
import { isSafeDeploymentId } from '../../../shared/feed/limits';
import type { Actor, EntryData, EntryOf, EntryType, JournalEntry } from '../../../shared/journal/entries';
import { checkEntryData } from '../../../shared/journal/read-entry';
import type {
  DeploymentListing,
  Integrity,
  ReplayData,
  ReplayEvent,
  SupervisorReview,
} from '../../../shared/replay';
import type { Signer } from '../journal/signing';
import { ChainChecker, readLines } from '../journal/chain';
import { Journal } from '../journal/journal';
import type { TrustEntry } from '../journal/trust';
import { reviewFromEntry } from './builder';
import {
  BUNDLE_EXTENSION,
  BundleError,
  importBundleInto,
  readImportRecord,
  withBundleProblems,
  writeBundle,
} from './bundle';
import { replayCsv } from './csv';
import { enrolStationKey } from './enrol';
import {
  applyTrust,
  fileDigest,
  integrityFrom,
  loadReplayState,
  markTampered,
  refreshReplayState,
  replayFromState,
  type ReplayState,
} from './load';
import { QuickInfoCache } from './listing';
import { writeReplayPdf } from './pdf';
import type { BundleUploads } from './uploads';
import type { ExportKind, Role } from '../../../shared/vocabulary';

type SupervisorRequest =
  'listDeployments' | 'openReplay' | 'supervisorReview' | 'exportReplay' | 'importBundle' | 'enrolStationKey';
type Req<N extends SupervisorRequest> = Parameters<StationServices[N]>[0];

export interface ReplayServiceDeps {
  dataDir: string;
  /** <data> or <data>/training: holds deployments/. */
  stationRoot: string;
  signer: Signer;
  appVersion: string;
  operator: () => { id: string; name: string; role: Role } | null;
  /** Appends to an open station journal (Station.appendTo); throws when it cannot. */
  appendToStation: <T extends EntryType>(
    deploymentId: string,
    type: T,
    actor: Actor | null,
    data: EntryData[T],
  ) => Promise<EntryOf<T>>;
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
  now?: () => number;
  log?: (line: string) => void;
}

export type ReplayServices = Pick<StationServices, SupervisorRequest> & {
  /** Where an image of an imported deployment is, for the image routes (null if none holds it). */
  resolveImportImage(deploymentId: string, sha256: string): string | null;
  /** Closes the review journals this session opened. */
  close(): Promise<void>;
};

interface Location {
  key: string;
  source: 'station' | 'import';
  /** The folder name: deploymentId for station, importId for import. */
  id: string;
  dir: string;
  journalFile: string;
  imagesDir: string;
}

const ACCESS_DEPLOYMENT = 'replay-access';
const MAX_CACHED_REPLAYS = 4;

function stamp(ms: number): string {
  const d = new Date(ms).toISOString();
  return `${d.slice(0, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-${d.slice(11, 13)}${d.slice(14, 16)}${d.slice(17, 19)}`;
}

export function createReplayServices(deps: ReplayServiceDeps): ReplayServices {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => undefined);
  const importsDir = join(deps.dataDir, 'imports');
  const exportsDir = join(deps.dataDir, 'exports');
  const states = new Map<string, ReplayState>();
  const verdicts = new Map<string, Integrity>();
  const reviewJournals = new Map<string, Promise<Journal>>();
  const importsByDeployment = new Map<string, Set<string>>();
  const quick = new QuickInfoCache();
  const locks = new Map<string, Promise<unknown>>();
  let accessJournal: Promise<Journal> | null = null;

  /** One operation per key at a time: a journal is never read while this service appends to it. */
  function locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prev = locks.get(key) ?? Promise.resolve();
    const next = prev.then(work, work);
    const tail = next.catch(() => undefined);
    locks.set(key, tail);
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key);
    });
    return next;
  }

  function locate(key: string): Location | null {
    const m = /^(station|import):(.+)$/.exec(key);
    if (!m || !isSafeDeploymentId(m[2]!)) return null;
    const source = m[1] as 'station' | 'import';
    const id = m[2]!;
    const dir = source === 'station' ? join(deps.stationRoot, 'deployments', id) : join(importsDir, id);
    return { key, source, id, dir, journalFile: join(dir, 'journal.jsonl'), imagesDir: join(dir, 'images') };
  }

  function supervisor(): Actor | null {
    const op = deps.operator();
    return op && op.role === 'supervisor' ? { id: op.id, name: op.name } : null;
  }

  /**
   * The frame every supervisor request on one journal shares: a signed-in supervisor,
   * a journal that exists, one request at a time per journal, failures as answers.
   */
  async function onJournal<T extends { ok: boolean }>(
    key: string,
    name: string,
    refused: string,
    failed: string,
    work: (loc: Location, actor: Actor) => Promise<T>,
  ): Promise<T | { ok: false; error: string }> {
    const actor = supervisor();
    if (!actor) return { ok: false, error: `only a signed-in supervisor can ${refused}` };
    const loc = locate(key);
    if (!loc || !(await exists(loc.journalFile)))
      return { ok: false, error: `no deployment journal for ${key}` };
    try {
      return await locked(loc.key, () => work(loc, actor));
    } catch (error) {
      log(`${name} ${key}: ${String(error)}`);
      return { ok: false, error: `${failed}: ${(error as Error).message}` };
    }
  }

  function noteImport(deploymentId: string, importId: string): void {
    let set = importsByDeployment.get(deploymentId);
    if (!set) importsByDeployment.set(deploymentId, (set = new Set()));
    set.add(importId);
  }

  function reviewJournal(loc: Location, deploymentId: string): Promise<Journal> {
    let journal = reviewJournals.get(loc.id);
    if (!journal) {
      journal = Journal.open({
        file: join(loc.dir, 'review', 'journal.jsonl'),
        deploymentId,
        signer: deps.signer,
        appVersion: deps.appVersion,
      }).then((r) => r.journal);
      journal.catch(() => reviewJournals.delete(loc.id));
      reviewJournals.set(loc.id, journal);
    }
    return journal;
  }

  async function appendFor<T extends EntryType>(
    loc: Location,
    deploymentId: string,
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<EntryOf<T>> {
    if (loc.source === 'station') return deps.appendToStation(loc.id, type, actor, data);
    return (await reviewJournal(loc, deploymentId)).appendEntry(type, actor, data);
  }

  /**
   * Journals what a supervisor did with a deployment's record (opened it, exported it) in
   * that deployment's journal; when it will not take it (it failed verification), in the
   * station's access journal instead, so it is still recorded.
   */
  /** The station's access journal: what supervisors did that no deployment journal can hold. */
  async function appendToAccessJournal<T extends 'replay-opened' | 'export' | 'trust-enrolled'>(
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<void> {
    accessJournal ??= Journal.open({
      file: join(deps.dataDir, ACCESS_DEPLOYMENT, 'journal.jsonl'),
      deploymentId: ACCESS_DEPLOYMENT,
      signer: deps.signer,
      appVersion: deps.appVersion,
    }).then((r) => r.journal);
    await (await accessJournal).appendEntry(type, actor, data);
  }

  async function recordAccess<T extends 'replay-opened' | 'export' | 'trust-enrolled'>(
    loc: Location,
    deploymentId: string,
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<void> {
    try {
      await appendFor(loc, deploymentId, type, actor, data);
    } catch (error) {
      log(`replay ${loc.key}: ${type} journalled in ${ACCESS_DEPLOYMENT} (${String(error)})`);
      await appendToAccessJournal(type, actor, {
        ...data,
        key: loc.key,
        fallback: String(error).slice(0, 500),
      });
    }
  }

  function recordOpening(loc: Location, deploymentId: string, actor: Actor): Promise<void> {
    return recordAccess(loc, deploymentId, 'replay-opened', actor, { key: loc.key, by: actor });
  }

  /**
   * An export goes on the record (journal-v1 `export`: kind, images, SHA-256 and size of
   * the file) before the file is handed over; a file that cannot be recorded is removed.
   */
  async function recordExport(
    loc: Location,
    deploymentId: string,
    actor: Actor,
    path: string,
    kind: ExportKind,
    includesImages: boolean,
  ): Promise<number> {
    const { sha256, bytes } = await fileDigest(path);
    try {
      await recordAccess(loc, deploymentId, 'export', actor, { kind, includesImages, sha256, bytes });
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return bytes;
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

  /** The review journal's entries, checked as a chain (it is this station's own journal). */
  async function reviewEntries(
    loc: Location,
  ): Promise<{ entries: JournalEntry[]; failure: Integrity['failure'] }> {
    const file = join(loc.dir, 'review', 'journal.jsonl');
    const handle = await open(file, 'r').catch(() => null);
    if (!handle) return { entries: [], failure: null };
    const checker = new ChainChecker();
    const entries: JournalEntry[] = [];
    try {
      for await (const line of readLines(handle)) {
        const result = checker.feed(line.text, line.terminated);
        if (!result.ok)
          return { entries, failure: { seq: result.seq, reason: `review journal: ${result.reason}` } };
        entries.push(result.entry);
      }
    } finally {
      await handle.close();
    }
    return { entries, failure: null };
  }

  async function replayOf(loc: Location, state: ReplayState): Promise<ReplayData> {
    const data = replayFromState(state);
    if (loc.source !== 'import') return data;
    const record = await readImportRecord(loc.dir);
    let integrity = withBundleProblems(data.integrity, record?.problems ?? []);
    const review = await reviewEntries(loc);
    if (review.failure && integrity.status !== 'tampered')
      integrity = markTampered(integrity, review.failure);
    const added: ReplayEvent[] = [];
    const byAlert = new Map<string, SupervisorReview[]>();
    for (const entry of review.entries) {
      const actor = entry.actor ? { id: entry.actor.id, name: entry.actor.name } : null;
      if (entry.type === 'replay-opened')
        added.push({
          seq: entry.seq,
          at: entry.at,
          type: entry.type,
          alertId: null,
          actor,
          summary: `[review journal] Replay opened by ${actor?.name ?? '?'}`,
        });
      const known = checkEntryData(entry);
      if (!known.ok || known.entry?.type !== 'supervisor-review') continue;
      const r = reviewFromEntry(known.entry);
      if (!r) continue;
      data.reviews.push(r);
      byAlert.set(r.alertId, [...(byAlert.get(r.alertId) ?? []), r]);
      added.push({
        seq: entry.seq,
        at: entry.at,
        type: entry.type,
        alertId: r.alertId,
        actor,
        summary: `[review journal] ${r.by.name} ${r.verdict === 'countersign' ? 'countersigned' : 'disagreed with'} revision ${r.revision}: ${r.comment}`,
      });
    }
    const alerts = byAlert.size
      ? data.alerts.map((a) => {
          const extra = byAlert.get(a.alertId);
          return extra ? { ...a, reviews: [...a.reviews, ...extra] } : a;
        })
      : data.alerts;
    const events = added.length
      ? [...data.events, ...added].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))
      : data.events;
    return { ...data, alerts, events, integrity };
  }

  async function exists(file: string): Promise<boolean> {
    return (await stat(file).catch(() => null))?.isFile() ?? false;
  }

  async function exportPath(deploymentId: string, ext: string): Promise<string> {
    await mkdir(exportsDir, { recursive: true });
    const base = `${deploymentId}-${stamp(now())}`;
    for (let n = 1; ; n++) {
      const path = join(exportsDir, `${base}${n === 1 ? '' : `-${n}`}.${ext}`);
      if (!(await stat(path).catch(() => null))) return path;
    }
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

    async openReplay(p: Req<'openReplay'>): Promise<ResponseMap['openReplay']> {
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
          await recordOpening(loc, deploymentId, actor);
          const replay = await replayOf(loc, await currentState(loc));
          verdicts.set(loc.key, replay.integrity);
          if (loc.source === 'import') noteImport(replay.deploymentId, loc.id);
          return { ok: true as const, replay };
        },
      );
    },

    async supervisorReview(p: Req<'supervisorReview'>): Promise<ResponseMap['supervisorReview']> {
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
          const entry = await appendFor(loc, state.builder.state.deploymentId, 'supervisor-review', actor, {
            key: loc.key,
            alertId: p.alertId,
            revision: p.revision,
            verdict: p.verdict,
            comment: p.comment,
            // Binds the review to the exact decision entry it is about.
            decision: { seq: decision.journal.seq, hash: decision.journal.hash },
          });
          const review = reviewFromEntry(entry);
          if (!review) throw new Error('the review entry could not be read back');
          return { ok: true as const, review };
        },
      );
    },

    async exportReplay(p: Req<'exportReplay'>): Promise<ResponseMap['exportReplay']> {
      return onJournal(p.key, 'exportReplay', 'export', 'export failed', async (loc, actor) => {
        const state = await currentState(loc);
        const replay = await replayOf(loc, state);
        const deploymentId = replay.deploymentId;
        if (p.kind === 'csv') {
          const path = await exportPath(deploymentId, 'csv');
          const { text } = replayCsv(replay);
          await writeFile(path, text, { flag: 'wx', mode: 0o600 });
          const bytes = await recordExport(loc, deploymentId, actor, path, 'csv', false);
          log(`export csv ${loc.key} by ${actor.id}: ${path}`);
          return { ok: true as const, path, bytes };
        }
        if (p.kind === 'pdf') {
          const path = await exportPath(deploymentId, 'pdf');
          const purged = state.builder.state.purged;
          await writeReplayPdf(replay, path, {
            generatedBy: `${actor.name} (${actor.id})`,
            generatedAt: new Date(now()).toISOString(),
            includeImages: p.includeImages === true,
            readImage: async (sha) =>
              purged.has(sha) || !/^[0-9a-f]{64}$/.test(sha)
                ? null
                : readFile(join(loc.imagesDir, sha)).catch(() => null),
            publicKey: state.identity?.publicKey ?? null,
            stationId: state.identity?.stationId ?? null,
          });
          const bytes = await recordExport(loc, deploymentId, actor, path, 'pdf', p.includeImages === true);
          log(`export pdf ${loc.key} by ${actor.id}${p.includeImages ? ' (with images)' : ''}: ${path}`);
          return { ok: true as const, path, bytes };
        }
        if (!state.identity)
          return { ok: false as const, error: 'the journal has no readable journal-opened entry' };
        const path = await exportPath(deploymentId, BUNDLE_EXTENSION);
        const purged = state.builder.state.purged;
        const images = [...state.builder.images].filter((sha) => !purged.has(sha));
        await writeBundle(path, {
          journalFile: loc.journalFile,
          imagesDir: loc.imagesDir,
          journalBytes: state.offset,
          deploymentId: state.identity.deploymentId,
          stationId: state.identity.stationId,
          publicKey: state.identity.publicKey,
          lastCheckpoint: state.integrity.lastCheckpoint,
          images,
          now,
        });
        const bytes = await recordExport(loc, deploymentId, actor, path, 'bundle', images.length > 0);
        log(`export bundle ${loc.key} by ${actor.id}: ${path}`);
        return { ok: true as const, path, bytes };
      });
    },

    async importBundle(p: Req<'importBundle'>): Promise<ResponseMap['importBundle']> {
      const actor = supervisor();
      if (!actor) return { ok: false, error: 'only a signed-in supervisor can import a bundle' };
      let path: string | null;
      if (p.upload) {
        path = (await deps.uploads?.pathOf(p.upload)) ?? null;
        if (!path) return { ok: false, error: 'that upload is not on the station (upload the bundle again)' };
      } else if (deps.pickBundle) {
        path = await deps.pickBundle();
        if (!path) return { ok: false, error: 'no bundle was chosen' };
      } else return { ok: false, error: 'choose a bundle file to upload first' };
      try {
        const result = await importBundleInto(path, importsDir, { now });
        const key = `import:${result.importId}`;
        if (result.extracted) {
          const integrity = withBundleProblems(
            integrityFrom(result.extracted.report, now(), await trustNow()),
            result.extracted.problems,
          );
          verdicts.set(key, integrity);
          noteImport(result.extracted.manifest.deploymentId, result.importId);
          log(`import ${key} by ${actor.id}: ${integrity.status}`);
        }
        return { ok: true, key };
      } catch (error) {
        if (error instanceof BundleError) return { ok: false, error: error.message };
        log(`importBundle: ${String(error)}`);
        return { ok: false, error: `import failed: ${(error as Error).message}` };
      } finally {
        if (p.upload) await deps.uploads?.discard(p.upload);
      }
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
            if (!loc) return appendToAccessJournal('trust-enrolled', actor, data);
            const deploymentId = (await readImportRecord(loc.dir))?.manifest.deploymentId ?? loc.id;
            return recordAccess(loc, deploymentId, 'trust-enrolled', actor, data);
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
      return null;
    },

    async close() {
      const journals = [...reviewJournals.values(), ...(accessJournal ? [accessJournal] : [])];
      reviewJournals.clear();
      accessJournal = null;
      for (const j of journals) await (await j.catch(() => null))?.close().catch(() => undefined);
    },
  };
  return services;
}
