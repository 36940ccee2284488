/**
 * Where what a supervisor did with a deployment's record is journalled: the deployment's
 * own journal (station), the import's review journal (this station's own key), or, when
 * neither will take it (it failed verification), the station's access journal.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, EntryData, EntryOf, EntryType } from '../../../shared/journal/entries';
import type { ExportKind } from '../../../shared/vocabulary';
import { Journal } from '../journal/journal';
import type { Signer } from '../journal/signing';
import { fileDigest } from './load';
import type { Location } from './request-frame';

const ACCESS_DEPLOYMENT = 'replay-access';

type AccessEntry = 'replay-opened' | 'export' | 'trust-enrolled' | 'account-changed';

/**
 * A record this station holds no deployment journal for (a replay from the archive):
 * what is done with it goes in the access journal, saying why.
 */
export interface Elsewhere {
  key: string;
  fallback: string;
}

/** Appends to an open station journal (Station.appendTo); throws when it cannot. */
export type AppendToStation = <T extends EntryType>(
  deploymentId: string,
  type: T,
  actor: Actor | null,
  data: EntryData[T],
) => Promise<EntryOf<T>>;

interface AccessRecordDeps {
  dataDir: string;
  signer: Signer;
  appVersion: string;
  /** Appends to an open station journal (Station.appendTo); throws when it cannot. */
  appendToStation: AppendToStation;
  log: (line: string) => void;
}

/**
 * The journals access records go into, each opened on first use and all closed together:
 * an import's review journal (its own, beside the import) and the station's access journal.
 */
function accessJournals(deps: AccessRecordDeps) {
  const reviewJournals = new Map<string, Promise<Journal>>();
  let accessJournal: Promise<Journal> | null = null;

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

  function access(): Promise<Journal> {
    accessJournal ??= Journal.open({
      file: join(deps.dataDir, ACCESS_DEPLOYMENT, 'journal.jsonl'),
      deploymentId: ACCESS_DEPLOYMENT,
      signer: deps.signer,
      appVersion: deps.appVersion,
    }).then((r) => r.journal);
    return accessJournal;
  }

  /** Closes the review journals and the access journal this session opened. */
  async function close(): Promise<void> {
    const journals = [...reviewJournals.values(), ...(accessJournal ? [accessJournal] : [])];
    reviewJournals.clear();
    accessJournal = null;
    for (const j of journals) await (await j.catch(() => null))?.close().catch(() => undefined);
  }

  return { reviewJournal, access, close };
}

export function createAccessRecord(deps: AccessRecordDeps) {
  const journals = accessJournals(deps);

  async function appendFor<T extends EntryType>(
    loc: Location,
    deploymentId: string,
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<EntryOf<T>> {
    if (loc.source === 'station') return deps.appendToStation(loc.id, type, actor, data);
    return (await journals.reviewJournal(loc, deploymentId)).appendEntry(type, actor, data);
  }

  /** The station's access journal: what supervisors did that no deployment journal can hold. */
  async function appendToAccessJournal<T extends AccessEntry>(
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<void> {
    await (await journals.access()).appendEntry(type, actor, data);
  }

  /**
   * Journals what a supervisor did with a deployment's record (opened it, exported it) in
   * that deployment's journal; when it will not take it (it failed verification), in the
   * station's access journal instead, so it is still recorded.
   */
  async function recordAccess<T extends AccessEntry>(
    loc: Location,
    deploymentId: string,
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<void> {
    try {
      await appendFor(loc, deploymentId, type, actor, data);
    } catch (error) {
      deps.log(`replay ${loc.key}: ${type} journalled in ${ACCESS_DEPLOYMENT} (${String(error)})`);
      await appendElsewhere({ key: loc.key, fallback: String(error).slice(0, 500) }, type, actor, data);
    }
  }

  /** In the access journal, with the record's key and why it is not in the deployment's journal. */
  function appendElsewhere<T extends AccessEntry>(
    where: Elsewhere,
    type: T,
    actor: Actor,
    data: EntryData[T],
  ): Promise<void> {
    return appendToAccessJournal(type, actor, { ...data, key: where.key, fallback: where.fallback });
  }

  function recordOpening(loc: Location, deploymentId: string, actor: Actor): Promise<void> {
    return recordAccess(loc, deploymentId, 'replay-opened', actor, { key: loc.key, by: actor });
  }

  /**
   * An export goes on the record (journal-v1 `export`: kind, images, SHA-256 and size of
   * the file) before the file is handed over; a file that cannot be recorded is removed.
   */
  async function recordExport(
    where: Location | Elsewhere,
    deploymentId: string,
    actor: Actor,
    path: string,
    kind: ExportKind,
    includesImages: boolean,
  ): Promise<number> {
    const { sha256, bytes } = await fileDigest(path);
    const data = { kind, includesImages, sha256, bytes };
    try {
      if ('fallback' in where) await appendElsewhere(where, 'export', actor, data);
      else await recordAccess(where, deploymentId, 'export', actor, data);
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return bytes;
  }

  return {
    appendFor,
    appendToAccessJournal,
    appendElsewhere,
    recordAccess,
    recordOpening,
    recordExport,
    close: journals.close,
  };
}

export type AccessRecord = ReturnType<typeof createAccessRecord>;
