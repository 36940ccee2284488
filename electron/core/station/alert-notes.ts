/**
 * An officer's note on an alert before deciding (issue 22, item 3). journal-v1 fixes the
 * entry types, so a note is journalled as `alert-shown` with a `note` member ("data may
 * carry more"): the entry that already says "this officer had this alert, with these two
 * faces, in front of them", by the officer, with the image hashes on screen when they wrote
 * it. The fold reads a note as a note, not as a showing (it moves neither `shownAt` nor the
 * faces not shown); replay lists it with the alert. See docs/room.md.
 */
import { refuse } from '../../../shared/request-refusals';
import type { ResponseMap } from '../../../shared/contract';
import { actorOf, type SignedIn, type SlotLookup, type Writer } from './context';
import type { Req } from './requests';
import { wholeAlert } from './summaries';

export async function addNote(
  ctx: Writer & SignedIn & SlotLookup,
  p: Req<'addNote'>,
): Promise<ResponseMap['addNote']> {
  if (!ctx.session.operator) return refuse('sign-in-first');
  const slot = ctx.slotOfAlert(p.alertId);
  const alert = wholeAlert(ctx, slot, p.alertId);
  if (!slot || !alert) return refuse('unknown-alert');
  if (alert.status !== 'pending') return { ok: false, error: 'a note is added before the alert is decided' };
  // A note is about what the officer saw: the alert must have been on their screen.
  if (!alert.shownAt) return { ok: false, error: 'open the alert before adding a note to it' };
  const entry = await ctx.append(slot, 'alert-shown', actorOf(ctx.session), {
    alertId: alert.alertId,
    probeSha256: alert.probe.sha256,
    subjectSha256: alert.subject.image.sha256,
    status: alert.status,
    note: p.note.trim(),
  });
  ctx.schedulePush();
  return { ok: true, seq: entry.seq };
}
