/**
 * Rollback detection (lfr-feed-v1 `deployment.lastCheckpoint`). The feed server keeps a
 * copy of every checkpoint the station sends; when it names one this station's journal
 * does not contain (same seq and hash), part of the record here was lost or replaced:
 * restored from an old backup, cut, or rewritten. The station says so on screen, records
 * it in the journal, refuses that deployment's alerts with the reason, and changes no
 * file, so a supervisor can examine what is there. Only the station's own record of the
 * alarm lives here; it stands until a supervisor resolves it (resolveRollback: journalled
 * with their note, files still untouched).
 *
 * The alarm outlives the process (issue 23 item 5): it is journalled (a safeguard-warning
 * `journal-rollback`, folded back at start) and kept in the station's alarm store
 * (journal/alarms.ts, beside the key), which a journal put back from an older copy cannot
 * undo. At every start it is raised again from there, whatever the feed says then; only a
 * supervisor's resolution clears it.
 */
import { open } from 'node:fs/promises';
import type { ResponseMap } from '../../../shared/contract';
import type { SafeguardWarning } from '../../../shared/view';
import type { AlarmKind } from '../journal/alarms';
import { readLines } from '../journal/chain';
import {
  actorOf,
  type Logger,
  type OpenDeployment,
  type OptionsOf,
  type Serial,
  type SignedIn,
  type SlotLookup,
  type Writer,
} from './context';
import type { Req } from './requests';

interface RollbackAlarm {
  deploymentId: string;
  seq: number;
  hash: string;
  reason: string;
}

const ROLLBACK: AlarmKind = 'journal-rollback';
const alarms = new WeakMap<OpenDeployment, RollbackAlarm>();
/** The checkpoint claim a supervisor resolved: the feed repeating it raises no new alarm. */
const resolved = new WeakMap<OpenDeployment, string>();
const claimKey = (c: { seq: number; hash: string }) => `${c.seq}:${c.hash}`;

export function rollbackAlarm(slot: OpenDeployment | undefined): RollbackAlarm | null {
  return (slot && alarms.get(slot)) ?? null;
}

/** The serious warning the screen shows while the alarm stands. */
export function rollbackWarning(slot: OpenDeployment | undefined): SafeguardWarning[] {
  const alarm = rollbackAlarm(slot);
  return alarm
    ? [
        {
          code: 'journal-rollback',
          severity: 'serious',
          title: 'Journal rolled back',
          detail: alarm.reason,
          alarm: { kind: ROLLBACK, deploymentId: alarm.deploymentId },
        },
      ]
    : [];
}

/** Whether the journal file holds an entry with this seq and hash (read, never written). */
export async function journalHolds(file: string, seq: number, hash: string): Promise<boolean> {
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
  ctx: Writer & OptionsOf<'alarms'>,
  slot: OpenDeployment,
  claimed: { seq: number; hash: string } | null | undefined,
): Promise<void> {
  if (!claimed || alarms.has(slot) || resolved.get(slot) === claimKey(claimed)) return;
  const deploymentId = slot.journal.deploymentId;
  const key = { kind: ROLLBACK, deploymentId, cause: claimKey(claimed) };
  if (ctx.options.alarms?.wasResolved(key)) return;
  if (await journalHolds(slot.journal.file, claimed.seq, claimed.hash)) return;
  const reason =
    `the feed server holds checkpoint seq ${claimed.seq} (hash ${claimed.hash.slice(0, 12)}…) of deployment ` +
    `${deploymentId}, which this station's journal does not contain: part of the record here was lost or ` +
    'replaced (rolled back). Alerts for this deployment are refused until a supervisor resolves it; ' +
    'every file is kept as it is.';
  await raiseRollback(ctx, slot, { seq: claimed.seq, hash: claimed.hash, reason });
}

/**
 * Raises the alarm: kept in the alarm store first (it must outlive the process and the
 * journal), then on screen and in the journal where it can be written. Also for a journal
 * found without the latest checkpoint the station kept of it.
 */
export async function raiseRollback(
  ctx: Writer & OptionsOf<'alarms'>,
  slot: OpenDeployment,
  alarm: { seq: number; hash: string; reason: string },
): Promise<void> {
  const deploymentId = slot.journal.deploymentId;
  if (alarms.has(slot)) return;
  alarms.set(slot, { deploymentId, ...alarm });
  ctx.log(`ROLLBACK ${deploymentId}: ${alarm.reason}`);
  try {
    await ctx.options.alarms?.raise({
      kind: ROLLBACK,
      deploymentId,
      cause: claimKey(alarm),
      detail: alarm.reason,
    });
  } catch (error) {
    ctx.log(`ROLLBACK ${deploymentId}: could not keep the alarm in the alarm store (${String(error)})`);
  }
  // On the record where it can be: this journal still takes appends, and its next checkpoint goes to the feed.
  try {
    await ctx.append(slot, 'safeguard-warning', null, {
      code: 'journal-rollback',
      severity: 'serious',
      title: 'Journal rolled back',
      detail: alarm.reason,
    });
  } catch (error) {
    ctx.log(`ROLLBACK ${deploymentId}: could not journal the alarm (${String(error)})`);
  }
  ctx.schedulePush();
}

/** The alarm for a journal that lacks the latest checkpoint the station kept of it (outside the journal). */
export function keptCheckpointAlarm(
  deploymentId: string,
  kept: { seq: number; hash: string },
): { seq: number; hash: string; reason: string } {
  return {
    ...kept,
    reason:
      `this station signed checkpoint seq ${kept.seq} (hash ${kept.hash.slice(0, 12)}…) of deployment ${deploymentId} ` +
      'and kept a copy outside the journal, but the journal does not contain it: its signed tail was cut or ' +
      'replaced (rolled back). Alerts for this deployment are refused until a supervisor resolves it; every file ' +
      'is kept as it is.',
  };
}

/**
 * At start: every rollback alarm no supervisor resolved stands again, from the alarm
 * store or from the journal's own record of it (whichever still has it), whether or not
 * the feed names the lost checkpoint any more.
 */
export function restoreRollbackAlarms(ctx: Logger & SlotLookup & OptionsOf<'alarms'>): void {
  for (const slot of ctx.slots.values()) {
    const deploymentId = slot.state.deploymentId;
    const kept = ctx.options.alarms?.standing({ kind: ROLLBACK, deploymentId })[0];
    const journalled = slot.state.rollbackAlarm;
    if (!kept && !journalled) continue;
    const [seq, hash] = (kept?.cause ?? ':').split(':');
    alarms.set(slot, {
      deploymentId,
      seq: Number(seq) || 0,
      hash: hash ?? '',
      reason: kept?.detail ?? journalled!.detail,
    });
    ctx.log(
      `ROLLBACK ${deploymentId}: the alarm still stands (raised again at start): ${kept?.detail ?? journalled!.detail}`,
    );
  }
}

/**
 * A supervisor has examined the rolled-back journal and lets its deployment take alerts
 * again. Their note goes on the record (a safeguard-warning entry, code
 * `journal-rollback-resolved`, in their name) before the alarm is cleared; no file is
 * changed. The role and a fresh proof are checked by access control; the role again here.
 */
export function resolveRollback(
  ctx: Writer & SlotLookup & SignedIn & Serial & OptionsOf<'alarms'>,
  p: Req<'resolveRollback'>,
): Promise<ResponseMap['resolveRollback']> {
  return ctx.serialised(async () => {
    if (ctx.session.operator?.role !== 'supervisor')
      return { ok: false, error: 'only a signed-in supervisor can resolve a rollback alarm' };
    const slot = ctx.slots.get(p.deploymentId);
    if (!slot) return { ok: false, error: `unknown deployment "${p.deploymentId}"` };
    const alarm = alarms.get(slot);
    if (!alarm) return { ok: false, error: 'no rollback alarm stands for this deployment' };
    const supervisor = actorOf(ctx.session);
    await ctx.append(slot, 'safeguard-warning', supervisor, {
      code: 'journal-rollback-resolved',
      severity: 'info',
      title: 'Journal rollback resolved by a supervisor',
      detail: `checkpoint seq ${alarm.seq} (hash ${alarm.hash.slice(0, 12)}…) held by the feed server: ${p.note}`,
    });
    // Kept resolved (with who and why): the feed repeating the same claim raises nothing.
    await ctx.options.alarms?.resolve(
      { kind: ROLLBACK, deploymentId: alarm.deploymentId },
      supervisor,
      p.note,
    );
    alarms.delete(slot);
    resolved.set(slot, claimKey(alarm));
    ctx.log(`ROLLBACK ${alarm.deploymentId}: resolved by ${ctx.session.operator.id}`);
    ctx.schedulePush();
    return { ok: true };
  });
}
