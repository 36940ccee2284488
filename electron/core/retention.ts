/**
 * Retention: once `retentionDays` have passed since a deployment's authorised window
 * closed, its image files are deleted and a `retention-purge` entry lists their
 * hashes. Decisions, outcomes and every other entry stay; the journal still verifies,
 * because the verifier and the fold both know a purged image from a missing one.
 *
 * Order: delete the files first, then journal. The entry then only ever states what
 * has happened. A crash between the two leaves images that are gone but not yet
 * journalled; the next run (at start, before the feed connects) finds them, because it
 * takes every named image not yet journalled as purged, whether or not its file is
 * still there, and journals it then. Until that run the verifier reports those images
 * missing, which is the truth. The other order would leave the journal claiming a
 * deletion that might never happen, and that claim is what an auditor relies on.
 */
import { open, readdir } from 'node:fs/promises';
import type { EntryData, EntryOf } from '../../shared/journal/entries';
import type { FoldedDeployment } from '../../shared/journal/folded';
import { ChainChecker, readLines } from './journal/chain';
import { isSha256Hex, type ImageStore } from './journal/images';
import { summaryImages } from './station/summaries';

const DAY_MS = 86_400_000;
export const RETENTION_INTERVAL_MS = 3_600_000;

/** When a deployment's images become due for deletion (ms since the epoch). */
export function purgeAfterMs(deployment: { endsAt: string; retentionDays: number }): number {
  return Date.parse(deployment.endsAt) + deployment.retentionDays * DAY_MS;
}

interface RetentionTarget {
  state: FoldedDeployment;
  images: ImageStore;
  journal: { file: string; lastSeq: number; lastHash: string };
  append(type: 'retention-purge', data: EntryData['retention-purge']): Promise<EntryOf<'retention-purge'>>;
}

export type RetentionResult =
  | { deploymentId: string; status: 'no-deployment' | 'not-due' | 'held' | 'nothing-to-purge' }
  | { deploymentId: string; status: 'purged'; images: string[]; unreferenced: string[]; seq: number }
  | { deploymentId: string; status: 'refused'; reason: string }
  /** The station clock is in doubt (electron/core/clock.ts): nothing is deleted until it is confirmed. */
  | { deploymentId: string; status: 'waiting'; reason: string };

/** Every image an alert-received entry of this deployment names, and those a pending alert needs. */
function namedImages(state: FoldedDeployment): { all: Set<string>; pending: Set<string> } {
  const all = new Set<string>();
  const pending = new Set<string>();
  for (const alert of state.alerts.values()) {
    for (const ref of [alert.probe, alert.scene, alert.subject.image]) {
      if (!ref) continue;
      all.add(ref.sha256);
      if (alert.status === 'pending') pending.add(ref.sha256);
    }
  }
  // A summarised alert is decided or withdrawn: its images are named, never pending.
  for (const summary of state.summaries.values())
    for (const sha256 of summaryImages(summary)) all.add(sha256);
  return { all, pending };
}

/** Image files on disk that no entry names: stored just before a crash, never journalled. */
async function unreferencedFiles(images: ImageStore, named: Set<string>): Promise<string[]> {
  const names = await readdir(images.dir).catch(() => [] as string[]);
  return names.filter((n) => isSha256Hex(n) && !named.has(n)).sort();
}

/**
 * The journal on disk must still be the one this station has been writing, up to the
 * last entry it knows is there. A deletion cannot be undone, so it is never made on
 * the word of a journal that may have been altered since it was opened.
 */
async function journalIntact(
  file: string,
  expected: { seq: number; hash: string },
): Promise<{ ok: true } | { ok: false; reason: string }> {
  const handle = await open(file, 'r');
  try {
    const checker = new ChainChecker();
    for await (const line of readLines(handle)) {
      // Entries after `expected` may be mid-write; they are not ours to judge here.
      const result = checker.feed(line.text, line.terminated);
      if (!result.ok) return { ok: false, reason: `seq ${result.seq}: ${result.reason}` };
      if (result.entry.seq === expected.seq)
        return result.entry.hash === expected.hash
          ? { ok: true }
          : { ok: false, reason: `seq ${expected.seq} is not the entry this station wrote` };
    }
    return { ok: false, reason: `the journal ends before seq ${expected.seq}` };
  } finally {
    await handle.close();
  }
}

/** Purge one deployment's images if they are due and not held. */
export async function purgeDeployment(target: RetentionTarget, now: number): Promise<RetentionResult> {
  const { state, images } = target;
  const deploymentId = state.deploymentId;
  const deployment = state.deployment;
  if (!deployment) return { deploymentId, status: 'no-deployment' };
  if (now < purgeAfterMs(deployment)) return { deploymentId, status: 'not-due' };
  if (state.legalHold) return { deploymentId, status: 'held' };

  const { all, pending } = namedImages(state);
  const due: string[] = [];
  for (const sha256 of [...all].sort()) {
    // An alert still awaiting a decision keeps its images: the officer must see them to decide.
    if (pending.has(sha256)) continue;
    // Not yet journalled as purged (even if the file is already gone: a crash after the
    // delete), or stored again after an earlier purge.
    if (!state.purged.has(sha256) || (await images.has(sha256))) due.push(sha256);
  }
  const unreferenced = await unreferencedFiles(images, all);
  if (due.length === 0 && unreferenced.length === 0) return { deploymentId, status: 'nothing-to-purge' };

  const intact = await journalIntact(target.journal.file, {
    seq: target.journal.lastSeq,
    hash: target.journal.lastHash,
  });
  if (!intact.ok) return { deploymentId, status: 'refused', reason: intact.reason };

  for (const sha256 of [...due, ...unreferenced]) await images.remove(sha256);
  const entry = await target.append('retention-purge', {
    images: due,
    ...(unreferenced.length ? { unreferenced } : {}),
    reason: 'retention',
    retentionDays: deployment.retentionDays,
    endedAt: deployment.endsAt,
    purgeAfter: new Date(purgeAfterMs(deployment)).toISOString(),
    ...(pending.size ? { keptForPendingAlerts: [...pending].sort() } : {}),
  });
  return { deploymentId, status: 'purged', images: due, unreferenced, seq: entry.seq };
}
