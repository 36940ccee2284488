/**
 * Finding and opening deployment journals: every deployments/<id>/journal.jsonl under
 * the station's root, each opened (verified, a torn tail recovered) and folded. One
 * that cannot be continued is set aside, as found (set-aside.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isSafeDeploymentId } from '../../../shared/feed/limits';
import { applyEntry } from '../../../shared/journal/fold';
import { emptyDeployment } from '../../../shared/journal/folded';
import { StoredContents } from '../feed/alert-content';
import { ImageStore } from '../journal/images';
import { readRangeSync } from '../journal/file-io';
import type { JournalEntry, SetAsideRecord } from '../../../shared/journal/entries';
import { monotonicNow } from '../clock';
import { Journal, type CheckpointNotice } from '../journal/journal';
import type { OpenDeployment, StationOptions } from './context';
import { AlertPlaces, promote, summariseCold, type SummarySlot } from './summaries';
import { alertIdNamed } from '../../../shared/journal/alert-named';

/** Entries folded at start-up between two passes of the summariser: the peak stays bounded too. */
const SUMMARISE_EVERY = 4096;

/** Deployment ids with a journal under the root, in name order. */
export async function journalsUnder(root: string): Promise<string[]> {
  const dir = join(root, 'deployments');
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: string[] = [];
  for (const name of names.sort())
    if (isSafeDeploymentId(name) && (await stat(join(dir, name, 'journal.jsonl')).catch(() => null)))
      found.push(name);
  return found;
}

export async function openDeployment(
  options: StationOptions & { setAside?: SetAsideRecord | undefined },
  deploymentId: string,
  now: () => number,
  onCheckpoint: (cp: CheckpointNotice) => void,
  /** A clock-step entry the journal wrote itself (the slot is null while it is being opened). */
  onClockStep?: (entry: JournalEntry, slot: OpenDeployment | null) => void,
): Promise<OpenDeployment> {
  let opening: OpenDeployment | null = null;
  const dir = join(options.root, 'deployments', deploymentId);
  // Folded as it is read (foldEntries one entry at a time), never holding the file's
  // entries: if a later line is tampered, or an entry does not read, open throws and this
  // partial state is dropped with it, the file left exactly as found.
  const state = emptyDeployment(deploymentId);
  const contents = new StoredContents();
  const places = new AlertPlaces();
  const file = join(dir, 'journal.jsonl');
  // While the journal is being opened its handle is not ours yet: an alert summarised
  // earlier in the file that a later entry names is read back through a read-only one.
  let fd: number | null = null;
  const loading: SummarySlot = {
    state,
    contents,
    places,
    journal: {
      readSync: (start, end) => readRangeSync((fd ??= openSync(file, 'r')), start, end),
    },
  };
  let sinceSummary = 0;
  let opened: Awaited<ReturnType<typeof Journal.open>>;
  try {
    opened = await Journal.open({
      file,
      deploymentId,
      signer: options.signer,
      appVersion: options.appVersion,
      training: options.training,
      ...(options.setAside ? { setAside: options.setAside } : {}),
      // One clock for the station: entry times agree with the dwell and window checks.
      now: () => new Date(now()),
      // Steps are noticed against the monotonic clock only when it and the wall clock are a real pair.
      ...(options.mono || !options.now ? { mono: options.mono ?? monotonicNow } : {}),
      onCheckpoint,
      onClockStep: (_step, entry) => onClockStep?.(entry, opening),
      onEntry: (entry, place) => {
        const alertId = alertIdNamed(entry.type, entry.data);
        if (alertId !== null && state.summaries.has(alertId)) promote(loading, alertId);
        applyEntry(state, entry);
        if (entry.type === 'alert-received' && typeof entry.data.alertId === 'string')
          contents.remember(entry.data.alertId, entry.data);
        places.add(state, entry, place);
        if (++sinceSummary >= SUMMARISE_EVERY) {
          sinceSummary = 0;
          summariseCold(loading);
        }
      },
    });
  } finally {
    if (fd !== null) closeSync(fd);
  }
  try {
    // Every alert that need not stay whole is summarised (summaries.ts).
    summariseCold(loading);
    // A decided or withdrawn alert is rarely re-delivered: its content is kept as its hash
    // only (taken now, once), not as the entry's data, which held about 500 bytes an alert
    // the folded alert does not share (issue 25.5). A waiting alert keeps its data until asked.
    for (const alert of state.alerts.values()) {
      if (alert.status !== 'pending') contents.sha256(alert.alertId);
      // An array grown by push keeps room for 17 members (152 bytes) however few it holds;
      // a copy holds just its own. Nothing outside this function has seen these arrays yet.
      if (alert.decisions.length > 0) alert.decisions = alert.decisions.slice();
      if (alert.outcomes.length > 0) alert.outcomes = alert.outcomes.slice();
    }
    if (opened.recovered)
      options.log?.(`journal ${deploymentId}: recovered a torn last line (${opened.recovered.bytes} bytes)`);
    opening = {
      journal: opened.journal,
      images: new ImageStore(join(dir, 'images'), { home: dir }),
      state,
      contents,
      places,
    };
    return opening;
  } catch (error) {
    // (Entries that do not read already failed the open, inside Journal.open.) Nothing is written on the way out.
    await opened.journal.abandon();
    throw error;
  }
}

/** The deployment whose record changed last: the one the feed was running. */
export function latestDeployment(slots: Iterable<OpenDeployment>): OpenDeployment | undefined {
  let latest: OpenDeployment | undefined;
  for (const slot of slots) {
    const at = slot.state.deploymentChangedAt;
    if (at && (!latest || at > (latest.state.deploymentChangedAt ?? ''))) latest = slot;
  }
  return latest;
}
