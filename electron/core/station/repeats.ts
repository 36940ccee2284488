/**
 * Repeats handled as repeats (issue 22, item 4): a waiting alert on the same watchlist
 * entry as a lead decided No engage is confirmed "same as lead" with one key. It is still
 * its own `decision` entry, made through the one decision path (officer.recordDecision):
 * the same sign-in, claim, look-time (this repeat's own showing), reason, rationale and
 * face-not-shown rules as any decision, and its own evidence (this repeat's image hashes).
 * The entry's `lead` names the lead's decision entry (journal only: the feed's `decision`
 * message has no member for it). The rule which alerts are repeats is shared/repeats.ts.
 */
import { refuse } from '../../../shared/request-refusals';
import type { ResponseMap } from '../../../shared/contract';
import { LIMITS } from '../../../shared/feed/limits';
import { leadDecision, repeatProblem, repeatRationale } from '../../../shared/repeats';
import { recordDecision, type DecisionPorts } from './officer';
import type { Req } from './requests';
import { wholeAlert } from './summaries';

export async function confirmRepeat(
  ctx: DecisionPorts,
  p: Req<'confirmRepeat'>,
): Promise<ResponseMap['confirmRepeat']> {
  if (!ctx.session.operator) return refuse('sign-in-first');
  const slot = ctx.slotOfAlert(p.alertId);
  const alert = wholeAlert(ctx, slot, p.alertId);
  const lead = wholeAlert(ctx, ctx.slotOfAlert(p.leadAlertId), p.leadAlertId);
  if (!slot || !alert || !lead) return refuse('unknown-alert');
  const problem = repeatProblem(lead, alert);
  const decision = leadDecision(lead);
  if (problem || !decision) return { ok: false, error: problem ?? 'the lead has no decision to follow' };
  const payload = {
    alertId: alert.alertId,
    decision: 'no-engage' as const,
    reasons: [...decision.reasons],
    rationale: repeatRationale(lead, decision, LIMITS.reason),
  };
  const link = { alertId: lead.alertId, revision: decision.revision, ...decision.journal };
  return recordDecision(ctx, payload, link);
}
