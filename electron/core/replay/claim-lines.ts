/**
 * Replay's timeline lines for a shared deployment (lfr-feed-v1 claims): who held an
 * alert and from when, releases and take-overs, decisions made at another station,
 * escalations with their notes.
 */
import type { EntryOf } from '../../../shared/journal/entries';

type ClaimEntry =
  EntryOf<'claim'> | EntryOf<'claim-released'> | EntryOf<'alert-settled'> | EntryOf<'escalation'>;

const seat = (by: { label?: string; operator: { name: string } }) =>
  `${by.operator.name}${by.label ? ` at ${by.label}` : ''}`;
const decisionWord = (d: string) => (d === 'engage' ? 'engage' : 'no engage');

export function claimLine(entry: ClaimEntry, who: string, label: (alertId: string) => string): string {
  switch (entry.type) {
    case 'claim': {
      const d = entry.data;
      if (d.status === 'granted')
        return `${who} ${d.takeOver ? 'took over' : 'claimed'} ${label(d.alertId)}${d.until ? ` (held until ${d.until})` : ''}`;
      if (d.status === 'held')
        return `${label(d.alertId)} held by ${d.by ? seat(d.by) : 'another station'}${d.since ? ` since ${d.since}` : ''}; ${who} could not claim it`;
      if (d.status === 'settled')
        return `${label(d.alertId)} already decided by ${d.by ? seat(d.by) : 'another station'}`;
      return `Claim for ${label(d.alertId)} refused by the feed: ${d.reason ?? ''}`;
    }
    case 'claim-released':
      return entry.data.by === 'station'
        ? `${who} released ${label(entry.data.alertId)} (${entry.data.reason})`
        : `${label(entry.data.alertId)} released by the feed: ${entry.data.reason}`;
    case 'alert-settled': {
      const d = entry.data;
      return `${label(d.alertId)} decided by ${seat(d.by)}: ${decisionWord(d.decision)} (revision ${d.revision})`;
    }
    case 'escalation':
      return entry.data.by
        ? `${label(entry.data.alertId)} escalated by ${seat(entry.data.by)}: ${entry.data.note}`
        : `${who} escalated ${label(entry.data.alertId)}: ${entry.data.note}`;
  }
}
