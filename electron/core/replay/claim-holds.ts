/**
 * Who held each alert of a shared deployment, and for how long (issue 22 item 5): a hold
 * begins with a granted `claim` entry, and ends with the decision, a `claim-released`
 * (moving on, signing out, a lock, a take-over told by the server) or the end of the
 * record. A renewal (the same person's claim granted again while held) continues the hold.
 */
import type { EntryOf } from '../../../shared/journal/entries';
import type { AlertHold } from '../../../shared/replay';

type HoldEntry = EntryOf<'claim'> | EntryOf<'claim-released'> | EntryOf<'decision'>;

export class ClaimHolds {
  private readonly holds = new Map<string, AlertHold[]>();

  add(entry: HoldEntry): void {
    const list = this.holds.get(entry.data.alertId);
    const last = list?.at(-1);
    const open = last && last.to === null ? last : null;
    switch (entry.type) {
      case 'claim': {
        if (entry.data.status !== 'granted' || !entry.actor) return;
        if (open && open.operator.id === entry.actor.id) return; // renewed
        if (open) open.to = entry.at; // another person here took it (a supervisor's take-over)
        const hold: AlertHold = {
          operator: { id: entry.actor.id, name: entry.actor.name },
          from: entry.at,
          to: null,
          takeOver: Boolean(entry.data.takeOver),
          ended: null,
        };
        if (list) list.push(hold);
        else this.holds.set(entry.data.alertId, [hold]);
        return;
      }
      case 'claim-released':
        if (open) Object.assign(open, { to: entry.at, ended: { released: entry.data.reason } });
        return;
      case 'decision':
        // Ends when the officer decided (decidedAt, the time the statistics use), not when it was written.
        if (open) Object.assign(open, { to: entry.data.decidedAt, ended: 'decided' });
        return;
    }
  }

  /** The alert's holds in time order (copies), or undefined when nobody ever held it. */
  of(alertId: string): AlertHold[] | undefined {
    return this.holds.get(alertId)?.map((h) => ({ ...h }));
  }
}
