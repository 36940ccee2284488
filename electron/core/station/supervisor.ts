/**
 * A supervisor's requests: replay, review, exports and bundles (served by
 * electron/core/replay; their rule is in auth/request-table.ts), legal holds, and the station
 * settings. The role is checked by the request pipeline, never taken from the renderer.
 */
import { refuse } from '../../../shared/request-refusals';
import type { ResponseMap } from '../../../shared/contract';
import type { Actor, EntryData, EntryOf, EntryType } from '../../../shared/journal/entries';
import { saveSettings } from '../settings';
import {
  actorOf,
  sessionSlots,
  type OptionsOf,
  type Serial,
  type SignedIn,
  type SlotLookup,
  type Writer,
} from './context';
import type { Req } from './requests';

/** Replay services append replay-opened and supervisor-review through this; throws when it cannot. */
export async function appendTo<T extends EntryType>(
  ctx: Writer & SlotLookup,
  deploymentId: string,
  type: T,
  actor: Actor | null,
  data: EntryData[T],
): Promise<EntryOf<T>> {
  const tampered = ctx.tampered.get(deploymentId);
  if (tampered) throw new Error(tampered);
  const slot = ctx.slots.get(deploymentId);
  if (!slot) throw new Error(`no open journal for deployment ${deploymentId}`);
  const entry = await ctx.append(slot, type, actor, data);
  ctx.schedulePush();
  return entry;
}

/**
 * A legal hold stops the retention purge of one deployment until it is released.
 * Placing and releasing are a supervisor's, each with a reason, journalled in that
 * deployment's journal. It waits behind a retention run in progress, so a run never
 * deletes after a hold it did not see.
 */
export function setLegalHold(
  ctx: Writer & SlotLookup & SignedIn & Serial,
  p: Req<'setLegalHold'>,
): Promise<ResponseMap['setLegalHold']> {
  return ctx.serialised(async () => {
    if (ctx.session.operator?.role !== 'supervisor')
      return { ok: false, error: 'only a signed-in supervisor can place or release a legal hold' };
    if (ctx.tampered.has(p.deploymentId))
      return { ok: false, error: 'this deployment’s journal failed verification; nothing can be added' };
    const slot = ctx.slots.get(p.deploymentId);
    if (!slot) return { ok: false, error: `unknown deployment "${p.deploymentId}"` };
    const held = slot.state.legalHold;
    if (p.active && held)
      return { ok: false, error: `already on legal hold since ${held.at} (${held.reason})` };
    if (!p.active && !held) return { ok: false, error: 'this deployment is not on legal hold' };
    await ctx.append(slot, 'legal-hold', actorOf(ctx.session), { active: p.active, reason: p.reason });
    ctx.schedulePush();
    return { ok: true };
  });
}

/**
 * Any signed-in officer may turn the alert sound on or off; everything else (dwell,
 * escalation, break time, the two-person check) shapes how decisions are made and is
 * a supervisor's to change.
 */
export async function updateSettings(
  ctx: Writer & SignedIn & SlotLookup & OptionsOf<'settingsFile'>,
  p: Req<'updateSettings'>,
): Promise<ResponseMap['updateSettings']> {
  const { session } = ctx;
  if (!session.operator) return refuse('sign-in-first');
  const changes = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as typeof p;
  if (session.operator.role !== 'supervisor' && Object.keys(changes).some((k) => k !== 'sound'))
    return {
      ok: false,
      error: 'only a signed-in supervisor can change that setting; officers may change sound only',
    };
  session.settings = { ...session.settings, ...changes };
  if (ctx.options.settingsFile) await saveSettings(ctx.options.settingsFile, session.settings);
  for (const slot of sessionSlots(ctx))
    await ctx.append(slot, 'settings-changed', actorOf(session), { ...p });
  ctx.schedulePush();
  return { ok: true };
}
