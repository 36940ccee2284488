/**
 * Rollback detection (lfr-feed-v1 `deployment.lastCheckpoint`). The feed server keeps a
 * copy of every checkpoint the station sends; when it names one this station's journal
 * does not contain (same seq and hash), part of the record here was lost or replaced:
 * restored from an old backup, cut, or rewritten. The station says so on screen, records
 * it in the journal, refuses that deployment's alerts with the reason, and changes no
 * file, so a supervisor can examine what is there. Only the station's own record of the
 * alarm lives here; it stays until the station restarts with a journal that holds the
 * checkpoint (resolving it in the app is a supervisor's job still to be built).
 */
import { open } from 'node:fs/promises';
import type { SafeguardWarning } from '../../../shared/view';
import { readLines } from '../journal/chain';
import type { Slot, StationContext } from './context';

export interface RollbackAlarm {
  deploymentId: string;
  seq: number;
  hash: string;
  reason: string;
}

const alarms = new WeakMap<Slot, RollbackAlarm>();

export function rollbackAlarm(slot: Slot | undefined): RollbackAlarm | null {
  return (slot && alarms.get(slot)) ?? null;
}

/** The serious warning the screen shows while the alarm stands. */
export function rollbackWarning(slot: Slot | undefined): SafeguardWarning[] {
  const alarm = rollbackAlarm(slot);
  return alarm
    ? [{ code: 'journal-rollback', severity: 'serious', title: 'Journal rolled back', detail: alarm.reason }]
    : [];
}

/** Whether the journal file holds an entry with this seq and hash (read, never written). */
async function journalHolds(file: string, seq: number, hash: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    for await (const line of readLines(handle)) {
      if (!line.terminated || line.text === null) continue;
      let entry: { seq?: unknown; hash?: unknown };
      try {
        entry = JSON.parse(line.text) as { seq?: unknown; hash?: unknown };
      } catch {
        continue;
      }
      if (entry.seq === seq) return entry.hash === hash;
    }
  } finally {
    await handle.close();
  }
  return false;
}

/** Checks the feed's copy against the journal; raises and records the alarm when the journal lacks it. */
export async function checkLastCheckpoint(
  ctx: StationContext,
  slot: Slot,
  claimed: { seq: number; hash: string } | null | undefined,
): Promise<void> {
  if (!claimed || alarms.has(slot)) return;
  if (await journalHolds(slot.journal.file, claimed.seq, claimed.hash)) return;
  const deploymentId = slot.journal.deploymentId;
  const reason =
    `the feed server holds checkpoint seq ${claimed.seq} (hash ${claimed.hash.slice(0, 12)}…) of deployment ` +
    `${deploymentId}, which this station's journal does not contain: part of the record here was lost or ` +
    'replaced (rolled back). Alerts for this deployment are refused until a supervisor resolves it; ' +
    'every file is kept as it is.';
  alarms.set(slot, { deploymentId, seq: claimed.seq, hash: claimed.hash, reason });
  ctx.log(`ROLLBACK ${deploymentId}: ${reason}`);
  // On the record where it can be: this journal still takes appends, and its next checkpoint goes to the feed.
  try {
    await ctx.append(slot, 'safeguard-warning', null, {
      code: 'journal-rollback',
      severity: 'serious',
      title: 'Journal rolled back',
      detail: reason,
    });
  } catch (error) {
    ctx.log(`ROLLBACK ${deploymentId}: could not journal the alarm (${String(error)})`);
  }
  ctx.schedulePush();
}
