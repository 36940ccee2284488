/**
 * Handing over: a note for the next officer and what is open (undecided, escalated,
 * outcomes awaited). Main journals both with the sign-out and shows them at the next sign-in.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { openWorkOf } from '../../../shared/open-work';
import type { HandoverView, OpenWork } from '../../../shared/view';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/form/TextField';
import { localDateTime } from '../format';
import { selectAlertList, useStation, usePlainStation } from '../state';
import { messageTable } from '../../../shared/message-table';

const m = messageTable(
  defineMessages({
    undecided: {
      id: 'live.handover.undecided',
      defaultMessage: '<b>{count}</b> {count, plural, one {undecided alert} other {undecided alerts}}',
      description: 'Open work at handover: alerts not yet decided; <b> makes the number bold',
    },
    escalated: {
      id: 'live.handover.escalated',
      defaultMessage: '<b>{count}</b> escalated (waiting too long)',
      description: 'Open work at handover: alerts escalated because they waited too long',
    },
    outcomes: {
      id: 'live.handover.outcomes',
      defaultMessage:
        '<b>{count}</b> {count, plural, one {engagement awaiting an outcome} other {engagements awaiting an outcome}}',
      description: 'Open work at handover: engagements whose outcome is not yet recorded',
    },
    openLabel: {
      id: 'live.handover.open-label',
      defaultMessage: 'Open at handover',
      description: 'Accessible name of the list of open work',
    },
    title: {
      id: 'live.handover.title',
      defaultMessage: 'Hand over',
      description: 'Handover dialog: heading',
    },
    leaveOpen: {
      id: 'live.handover.leave-open',
      defaultMessage: 'What you leave open:',
      description: 'Handover dialog: before the list of open work',
    },
    note: {
      id: 'live.handover.note',
      defaultMessage: 'Note for the next officer',
      description: 'Handover dialog: field label',
    },
    noteHint: {
      id: 'live.handover.note-hint',
      defaultMessage: 'Journalled with your sign-out and shown to the next officer when they sign in.',
      description: 'Handover dialog: hint under the note',
    },
    failed: {
      id: 'live.handover.failed',
      defaultMessage: 'Could not hand over: {reason}',
      description: 'Handover error; {reason} in the station’s words',
    },
    submit: {
      id: 'live.handover.submit',
      defaultMessage: 'Hand over and sign out',
      description: 'Handover dialog: button',
    },
    cancel: { id: 'live.handover.cancel', defaultMessage: 'Cancel', description: 'Handover dialog: button' },
    summary: {
      id: 'live.handover.summary',
      defaultMessage: 'Handed over by {name} ({id}) at {time}',
      description: 'Sign-in screen: the last handover; {time} is a UK date and time',
    },
    quotedNote: {
      id: 'live.handover.quoted-note',
      defaultMessage: '“{note}”',
      description: 'The last officer’s handover note, in quotation marks',
    },
    noNote: {
      id: 'live.handover.no-note',
      defaultMessage: 'No note left.',
      description: 'Sign-in screen: the last officer left no handover note',
    },
  }),
);

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

function OpenWorkList({ open }: { open: OpenWork }) {
  const intl = useIntl();
  return (
    <ul aria-label={intl.formatMessage(m.openLabel)} className="open-work">
      <li>
        <FormattedMessage {...m.undecided} values={{ count: open.undecided, b: bold }} />
      </li>
      <li>
        <FormattedMessage {...m.escalated} values={{ count: open.escalated, b: bold }} />
      </li>
      <li>
        <FormattedMessage {...m.outcomes} values={{ count: open.outcomesAwaited, b: bold }} />
      </li>
    </ul>
  );
}

export function HandoverDialog() {
  const open = usePlainStation((s) => openWorkOf(selectAlertList(s.alerts)));
  const handOver = useStation((s) => s.handOver);
  const setOverlay = useStation((s) => s.setOverlay);
  const error = useStation((s) => s.signOutError);
  const [note, setNote] = useState('');
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    await handOver(note);
    setBusy(false);
  };
  return (
    <Dialog titleId="handover-title" onClose={() => setOverlay(null)} className="handover">
      <h2 id="handover-title">{intl.formatMessage(m.title)}</h2>
      <p>{intl.formatMessage(m.leaveOpen)}</p>
      <OpenWorkList open={open} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="handover-note"
          label={intl.formatMessage(m.note)}
          rows={4}
          value={note}
          onChange={setNote}
          hint={intl.formatMessage(m.noteHint)}
        />
        {error && (
          <p className="error" role="alert">
            {intl.formatMessage(m.failed, { reason: error })}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {intl.formatMessage(m.submit)}
          </button>
          <button type="button" onClick={() => setOverlay(null)}>
            {intl.formatMessage(m.cancel)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The last handover, for the officer about to sign in. */
export function HandoverSummary({ handover }: { handover: HandoverView }) {
  const intl = useIntl();
  return (
    <section className="handover-summary panel" aria-labelledby="handover-summary-heading">
      <h3 id="handover-summary-heading">
        {intl.formatMessage(m.summary, {
          name: handover.by.name,
          id: handover.by.id,
          time: localDateTime(handover.at),
        })}
      </h3>
      <OpenWorkList open={handover.open} />
      <p className="rationale-text">
        {handover.note
          ? intl.formatMessage(m.quotedNote, { note: handover.note })
          : intl.formatMessage(m.noNote)}
      </p>
    </section>
  );
}
