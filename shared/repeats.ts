/**
 * Repeats handled as repeats (issue 22, item 4). When several waiting alerts hit the same
 * watchlist entry, the officer decides the first (the lead) in full; each other one (a
 * repeat) may then be confirmed as "same as lead: no engage" after its own look time.
 * One rule for the screen (which repeats the strip offers) and the core (which it accepts):
 * - the lead's latest decision is No engage (an engage always needs its own full decision),
 *   made in full (a confirmed repeat is never a lead: every repeat links to the decision
 *   the officer wrote, not to another repeat), and not with a face the officer could not see;
 * - the repeat waits for a decision, in the same deployment, on the same watchlist entry,
 *   with the same watchlist image (the strip shows only the repeat's probe face beside the
 *   lead's watchlist face, so a different reference image must be decided in full);
 * - nobody else holds or settled it (claims).
 */
import { IMAGE_NOT_SHOWN } from './decision-rules';
import type { StationAlert, DecisionRecord } from './view';

/** The lead's decision a repeat may follow, or null (not decided, or not a plain No engage). */
export function leadDecision(lead: StationAlert): DecisionRecord | null {
  const latest = lead.decisions.at(-1);
  if (!latest || latest.decision !== 'no-engage' || latest.lead) return null;
  if (lead.settledElsewhere || latest.reasons.includes(IMAGE_NOT_SHOWN.code)) return null;
  return latest;
}

/** Why `alert` cannot be confirmed as a repeat of `lead`, or null when it can. */
export function repeatProblem(lead: StationAlert, alert: StationAlert): string | null {
  if (alert.alertId === lead.alertId) return 'an alert cannot repeat itself';
  if (!leadDecision(lead))
    return 'only a lead decided No engage in full can be followed; decide this alert in full';
  if (alert.status !== 'pending') return 'this alert is not waiting for a decision';
  if (alert.deploymentId !== lead.deploymentId || alert.subject.entryId !== lead.subject.entryId)
    return 'this alert is not on the same watchlist entry as the lead; decide it in full';
  if (alert.subject.image.sha256 !== lead.subject.image.sha256)
    return "this alert's watchlist image differs from the lead's; decide it in full";
  if (alert.settledElsewhere || alert.heldElsewhere) return 'another seat holds or decided this alert';
  return null;
}

/** The waiting repeats of a lead, in the order given (the queue's). */
export function repeatsOf(lead: StationAlert, alerts: Iterable<StationAlert>): StationAlert[] {
  if (!leadDecision(lead)) return [];
  const out: StationAlert[] = [];
  for (const a of alerts) if (repeatProblem(lead, a) === null) out.push(a);
  return out;
}

/** The repeat's rationale: the lead's own words, named as the lead's (the journal also links the entry). */
export function repeatRationale(lead: StationAlert, decision: DecisionRecord, max: number): string {
  const text = `Same as lead alert #${lead.seq} (revision ${decision.revision}): ${decision.rationale}`;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The lead a strip follows for the open alert: the alert itself when it is a lead decided No
 * engage, else (the screen moves on to the next waiting alert after a decision, often a
 * repeat) the latest such lead this waiting alert repeats; null when there is none.
 */
export function leadFor(open: StationAlert, alerts: Iterable<StationAlert>): StationAlert | null {
  if (leadDecision(open)) return open;
  if (open.status !== 'pending') return null;
  let best: StationAlert | null = null;
  let bestAt = '';
  for (const a of alerts) {
    const decided = leadDecision(a)?.decidedAt;
    if (decided === undefined || repeatProblem(a, open) !== null) continue;
    if (!best || decided > bestAt) [best, bestAt] = [a, decided];
  }
  return best;
}
