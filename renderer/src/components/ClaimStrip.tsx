/**
 * A shared deployment (lfr-feed-v1 claims): who is reviewing this alert at another seat
 * ("PC Rees at Seat 2 is reviewing, 40 s"), or that it was decided there ("decided by
 * PC Morgan at Seat 1: no engage"). Main refuses a decision here either way.
 */
import type { AlertView } from '../../../shared/view';
import { useStationNow } from '../state';

const seatOf = (by: { label?: string; operator: { name: string } }) =>
  `${by.operator.name}${by.label ? ` at ${by.label}` : ''}`;

function HeldFor({ since }: { since: string }) {
  const now = useStationNow(1000);
  return <>, {Math.max(0, Math.round((now - Date.parse(since)) / 1000))} s</>;
}

export function ClaimStrip({ alert }: { alert: AlertView }) {
  const settled = alert.settledElsewhere;
  if (settled && alert.decisions.length === 0)
    return (
      <p className="status-strip settled-elsewhere" role="note">
        <strong>
          decided by {seatOf(settled.by)}: {settled.decision === 'engage' ? 'engage' : 'no engage'}
        </strong>
      </p>
    );
  const held = alert.heldElsewhere;
  if (!held || alert.status !== 'pending') return null;
  return (
    <p className="status-strip held-elsewhere" role="status">
      <strong>
        {seatOf(held)} is reviewing
        {held.since && <HeldFor since={held.since} />}
      </strong>
      . You cannot decide this alert while it is held at another seat.
    </p>
  );
}
