/**
 * Issue 22's bridge requests: an officer escalates an alert with a note (journalled as
 * `escalation`; on a shared deployment also sent to the feed, which tells the seats where
 * a supervisor is signed in), and a supervisor takes over an alert another seat holds
 * (lfr-feed-v1 `claim` with `takeOver`, journalled with the reason).
 */
import { refuse } from '../../../shared/request-refusals';
import type { ResponseMap } from '../../../shared/contract';
import { actorOf, type Links, type SignedIn, type SlotLookup, type Writer } from './context';
import type { Req } from './requests';
import { holdsAlert, wholeAlert } from './summaries';

export async function escalate(
  ctx: Writer & SignedIn & SlotLookup & Links,
  p: Req<'escalate'>,
): Promise<ResponseMap['escalate']> {
  if (!ctx.session.operator) return refuse('sign-in-first');
  const slot = ctx.slotOfAlert(p.alertId);
  const alert = wholeAlert(ctx, slot, p.alertId);
  if (!slot || !alert) return refuse('unknown-alert');
  if (alert.status !== 'pending') return { ok: false, error: 'only an undecided alert can be escalated' };
  // Journalled first: the officer's note is on record even if the feed does not answer.
  await ctx.append(slot, 'escalation', actorOf(ctx.session), { alertId: p.alertId, note: p.note.trim() });
  ctx.schedulePush();
  const problem = ctx.claims?.enabled(slot)
    ? await ctx.claims.escalate(slot, p.alertId, p.note.trim())
    : null;
  return problem ? { ok: false, error: `Escalation journalled here, but ${problem}` } : { ok: true };
}

export async function takeOver(
  ctx: SignedIn & SlotLookup & Links,
  p: Req<'takeOver'>,
): Promise<ResponseMap['takeOver']> {
  const op = ctx.session.operator;
  if (op?.role !== 'supervisor')
    return { ok: false, error: 'only a signed-in supervisor can take over an alert' };
  const slot = ctx.slotOfAlert(p.alertId);
  if (!slot || !holdsAlert(slot.state, p.alertId)) return refuse('unknown-alert');
  if (!ctx.claims?.enabled(slot)) return { ok: false, error: 'this deployment has no claims to take over' };
  const answer = await ctx.claims.takeOver(slot, p.alertId, p.reason.trim());
  if (answer.status === 'granted') return { ok: true, status: 'granted' };
  return { ok: false, error: answer.status === 'rejected' ? answer.reason : `the alert is ${answer.status}` };
}
