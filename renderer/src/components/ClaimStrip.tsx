/**
 * A shared deployment (lfr-feed-v1 claims): who is reviewing this alert at another seat
 * ("PC Rees at Seat 2 is reviewing, 40 s"), or that it was decided there ("decided by
 * PC Morgan at Seat 1: no engage"). Main refuses a decision here either way.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import type { StationAlert } from '../../../shared/view';
import { useStationNow } from '../state';

const M = messageTable(
  defineMessages({
    seat: {
      id: 'components.claim.seat',
      defaultMessage: '{name} at {seat}',
      description: 'An officer at a named seat',
    },
    decidedBy: {
      id: 'components.claim.decided-by',
      defaultMessage: 'decided by {who}: {decision, select, engage {engage} other {no engage}}',
      description: 'The alert was decided at another seat; {who} is the officer (and seat)',
    },
    reviewing: {
      id: 'components.claim.reviewing',
      defaultMessage: '{who} is reviewing',
      description: 'Another officer has the alert open; {who} is the officer (and seat)',
    },
    heldFor: {
      id: 'components.claim.held-for',
      defaultMessage: ', {seconds} s',
      description: 'How long they have had it (s = seconds)',
    },
    cannotDecide: {
      id: 'components.claim.cannot-decide',
      defaultMessage: '. You cannot decide this alert while it is held at another seat.',
      description: 'After "… is reviewing" (starts with a full stop)',
    },
  }),
);

const seatOf = (intl: IntlShape, by: { label?: string; operator: { name: string } }) =>
  by.label ? intl.formatMessage(M.seat, { name: by.operator.name, seat: by.label }) : by.operator.name;

function HeldFor({ since }: { since: string }) {
  const now = useStationNow(1000);
  const seconds = Math.max(0, Math.round((now - Date.parse(since)) / 1000));
  return <>{useIntl().formatMessage(M.heldFor, { seconds })}</>;
}

/** "decided by PC Morgan at Seat 1: no engage": also the line the recent list shows for it. */
export const settledElsewhereText = (
  intl: IntlShape,
  settled: NonNullable<StationAlert['settledElsewhere']>,
) => intl.formatMessage(M.decidedBy, { who: seatOf(intl, settled.by), decision: settled.decision });

export function ClaimStrip({ alert }: { alert: StationAlert }) {
  const intl = useIntl();
  const settled = alert.settledElsewhere;
  if (settled && alert.decisions.length === 0)
    return (
      <p className="status-strip settled-elsewhere" role="note">
        <strong>{settledElsewhereText(intl, settled)}</strong>
      </p>
    );
  const held = alert.heldElsewhere;
  if (!held || alert.status !== 'pending') return null;
  return (
    <p className="status-strip held-elsewhere" role="status">
      <strong>
        {intl.formatMessage(M.reviewing, { who: seatOf(intl, held) })}
        {held.since && <HeldFor since={held.since} />}
      </strong>
      {intl.formatMessage(M.cannotDecide)}
    </p>
  );
}
