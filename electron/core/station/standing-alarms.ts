/**
 * Alarms only a supervisor clears (issue 23 item 5), whatever raised them: a rolled-back
 * journal (rollback.ts), a tampered journal, a foreign journal set aside, an archive
 * conflict. One way for all of them:
 *  - raised: kept in the alarm store with the key (journal/alarms.ts) before anything
 *    else, then journalled where it can be (a safeguard-warning whose code is the kind):
 *    in that deployment's journal, or the station's current one when that journal cannot
 *    take entries (tampered, set aside), or the next journal opened when none is open;
 *  - shown as a serious safeguard on every screen, from the store, so it is there again
 *    at every start and every sign-in whatever the journals now say;
 *  - resolved only by a signed-in supervisor with a note: journalled in their name
 *    (code `<kind>-resolved`) and kept resolved in the store (who, when, why), so the
 *    same cause reported again raises nothing. No file is changed.
 * The rollback alarm also refuses that deployment's alerts; rollback.ts keeps that part.
 */
import type { ResponseMap } from '../../../shared/contract';
import type { ArchiveConflict } from '../archive-ports';
import type { Actor, EntryData } from '../../../shared/journal/entries';
import type { SafeguardWarning } from '../../../shared/view';
import type { Alarm, AlarmKind, RaisedAlarm } from '../journal/alarms';
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
import { latestDeployment } from './deployments';
import type { Req } from './requests';
import { resolveRollback } from './rollback';

const ALARM_TITLES: Record<AlarmKind, string> = {
  'journal-rollback': 'Journal rolled back',
  'journal-tampered': 'Journal tampered',
  'journal-foreign': 'Journal set aside',
  'archive-conflict': 'Archive conflict',
};

/** The English title: an unreadable journal is not said to be tampered. */
function alarmTitle(a: Pick<Alarm, 'kind' | 'values'>): string {
  return a.kind === 'journal-tampered' && a.values?.how === 'unreadable'
    ? 'Journal unreadable'
    : ALARM_TITLES[a.kind];
}

type AlarmKey = Pick<Alarm, 'kind' | 'deploymentId'>;
type Entry = EntryData['safeguard-warning'];

/** A journal that takes entries now: the alarm's own deployment's, else the current one. */
function journalFor(ctx: SlotLookup, deploymentId: string | null): OpenDeployment | undefined {
  const writable = (slot: OpenDeployment | undefined) =>
    slot && !slot.journal.closed && !ctx.tampered.has(slot.state.deploymentId) ? slot : undefined;
  const own = deploymentId ? writable(ctx.slots.get(deploymentId)) : undefined;
  if (own) return own;
  return writable(ctx.activeSlot()) ?? latestDeployment([...ctx.slots.values()].filter((s) => writable(s)));
}

/** Journals one entry where it can be; false when no journal takes entries now. */
async function journalAlarm(
  ctx: Writer & SlotLookup,
  deploymentId: string | null,
  actor: Actor | null,
  data: Entry,
): Promise<boolean> {
  const slot = journalFor(ctx, deploymentId);
  if (!slot) return false;
  try {
    await ctx.append(slot, 'safeguard-warning', actor, data);
    return true;
  } catch (error) {
    ctx.log(`ALARM ${data.code}: could not journal it (${String(error)}); it is kept with the key`);
    return false;
  }
}

const raisedEntry = (a: Pick<Alarm, 'kind' | 'detail' | 'values'>): Entry => ({
  code: a.kind,
  severity: 'serious',
  title: alarmTitle(a),
  detail: a.detail,
});

/**
 * Standing alarms not yet on any journal's record (raised while none took entries, or
 * before a crash) are journalled now, each once: at start, and whenever a journal opens.
 */
export async function journalWaitingAlarms(ctx: Writer & SlotLookup & OptionsOf<'alarms'>): Promise<void> {
  const store = ctx.options.alarms;
  if (!store) return;
  for (const a of store.standing()) {
    if (a.kind === 'journal-rollback' || a.journalled) continue;
    if (!(await journalAlarm(ctx, a.deploymentId, null, raisedEntry(a)))) return;
    await store.markJournalled(a).catch((e: unknown) => ctx.log(`alarm store: ${String(e)}`));
  }
}

/**
 * Raises an alarm of any kind but rollback (rollback.ts raises that, through the same
 * store): kept first, then journalled; one already standing or resolved raises nothing.
 */
export async function raiseAlarm(
  ctx: Writer & SlotLookup & OptionsOf<'alarms'>,
  alarm: RaisedAlarm,
): Promise<void> {
  ctx.log(`ALARM ${alarm.kind} ${alarm.deploymentId ?? '(station)'}: ${alarm.detail}`);
  if (!ctx.options.alarms) {
    // No store (a bare station in a test): this run's journal is the only record.
    await journalAlarm(ctx, alarm.deploymentId, null, raisedEntry(alarm));
  } else {
    try {
      await ctx.options.alarms.raise(alarm);
    } catch (error) {
      ctx.log(`ALARM ${alarm.kind}: could not keep it in the alarm store (${String(error)})`);
    }
    await journalWaitingAlarms(ctx);
  }
  ctx.schedulePush();
}

const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : 'none');

/**
 * The archive holds something other than this station's journal (the shipper found it):
 * the alarm to raise. Its cause names what disagrees, so the shipper finding the same
 * thing again at the next start raises nothing new, and one a supervisor resolved stays so.
 */
export function archiveConflictAlarm(c: ArchiveConflict): RaisedAlarm {
  const values = {
    deploymentId: c.deploymentId,
    variant: c.kind === 'hash' ? 'archive-hash' : 'archive-ahead',
    seq: String(c.seq),
    archivedSeq: String(c.archivedSeq),
    archivedHash: short(c.archivedHash),
    journalHash: short(c.journalHash),
  };
  const detail =
    c.kind === 'hash'
      ? `The evidence archive holds another entry at seq ${c.seq} of deployment ${c.deploymentId} than this ` +
        `station’s journal (archive ${values.archivedHash}, journal ${values.journalHash}).`
      : `The evidence archive holds deployment ${c.deploymentId} up to seq ${c.archivedSeq}, but this station’s ` +
        `journal ends at seq ${c.seq}.`;
  return {
    kind: 'archive-conflict',
    deploymentId: c.deploymentId,
    // Not the journal's end for `ahead`: it grows here while the archive stands still.
    cause:
      c.kind === 'hash'
        ? `seq ${c.seq}: archive ${c.archivedHash ?? ''}, journal ${c.journalHash ?? ''}`
        : `archive ahead at seq ${c.archivedSeq}`,
    detail: `${detail} Nothing was overwritten, and that journal is not shipped further.`,
    values,
  };
}

/** Standing alarms of one kind and deployment (null: the station as a whole). */
function standingOf(ctx: OptionsOf<'alarms'>, key: AlarmKey): Alarm[] {
  return (ctx.options.alarms?.standing({ kind: key.kind }) ?? []).filter(
    (a) => a.deploymentId === key.deploymentId,
  );
}

/**
 * The serious warnings for every standing alarm but rollbacks (rollback.ts shows those,
 * with the refusal of alerts), one per kind and deployment, the newest cause's words.
 */
export function standingAlarmWarnings(ctx: OptionsOf<'alarms'>): SafeguardWarning[] {
  const byKey = new Map<string, Alarm>();
  for (const a of ctx.options.alarms?.standing() ?? [])
    if (a.kind !== 'journal-rollback') byKey.set(`${a.kind}\u0000${a.deploymentId ?? ''}`, a);
  return [...byKey.values()].map((a) => ({
    code: a.kind,
    severity: 'serious',
    title: alarmTitle(a),
    detail: `${a.detail} Raised ${a.raisedAt}; it stands until a supervisor resolves it with a note.`,
    alarm: { kind: a.kind, deploymentId: a.deploymentId },
    // The screen says it in the reader's language from these (shared/alarm-messages.ts).
    ...(a.values ? { values: { ...a.values, raisedAt: a.raisedAt } } : {}),
  }));
}

/** At start and at every sign-in: every standing alarm is said again (log; the screen shows it from the store). */
export function announceStandingAlarms(ctx: Logger & OptionsOf<'alarms'>, when: 'start' | 'sign-in'): void {
  for (const a of ctx.options.alarms?.standing() ?? [])
    ctx.log(
      `ALARM ${a.kind} ${a.deploymentId ?? '(station)'} still stands (raised again at ${when}): ${a.detail}`,
    );
}

/**
 * A supervisor resolves a standing alarm with a note. A rollback goes to rollback.ts (it
 * also lets the deployment take alerts again); any other kind is journalled here in the
 * supervisor's name, then marked resolved in the store. The role and a fresh proof are
 * checked by access control; the role again here.
 */
export async function resolveAlarm(
  ctx: Writer & SlotLookup & SignedIn & Serial & OptionsOf<'alarms'>,
  p: Req<'resolveAlarm'>,
): Promise<ResponseMap['resolveAlarm']> {
  if (p.kind === 'journal-rollback') {
    if (p.deploymentId === null) return { ok: false, error: 'a rollback alarm names its deployment' };
    return resolveRollback(ctx, { deploymentId: p.deploymentId, note: p.note });
  }
  return ctx.serialised(async () => {
    if (ctx.session.operator?.role !== 'supervisor')
      return { ok: false, error: 'only a signed-in supervisor can resolve an alarm' };
    const store = ctx.options.alarms;
    const latest = standingOf(ctx, p).at(-1);
    if (!store || !latest)
      return { ok: false, error: `no ${ALARM_TITLES[p.kind].toLowerCase()} alarm stands for this` };
    const supervisor = actorOf(ctx.session);
    await journalAlarm(ctx, p.deploymentId, supervisor, {
      code: `${p.kind}-resolved`,
      severity: 'info',
      title: `${ALARM_TITLES[p.kind]}: resolved by a supervisor`,
      detail: `${p.deploymentId ? `deployment ${p.deploymentId}: ` : ''}${latest.detail} Note: ${p.note}`,
    });
    await store.resolve(p, supervisor, p.note);
    ctx.log(`ALARM ${p.kind} ${p.deploymentId ?? '(station)'}: resolved by ${ctx.session.operator.id}`);
    ctx.schedulePush();
    return { ok: true };
  });
}
