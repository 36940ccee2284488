/**
 * What an officer leaves open: undecided alerts, escalated ones, and engagements whose
 * outcome is awaited. One count for the handover the core journals and the dialog shows.
 */
import type { StationAlert, OpenWork } from './view';

/** An engagement whose outcome is not recorded yet (summaries keep this as a flag, station/summaries.ts). */
export const outcomeAwaited = (a: StationAlert): boolean =>
  a.status === 'decided' && a.decisions.at(-1)?.decision === 'engage' && a.outcomes.length === 0;

export function openWorkOf(alerts: Iterable<StationAlert>): OpenWork {
  const open: OpenWork = { undecided: 0, escalated: 0, outcomesAwaited: 0 };
  for (const a of alerts) {
    if (a.status === 'pending') {
      open.undecided++;
      if (a.escalated) open.escalated++;
    } else if (outcomeAwaited(a)) open.outcomesAwaited++;
  }
  return open;
}
