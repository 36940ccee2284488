/**
 * The open alert's room actions (issue 22, item 3): "Escalate" (key x) asks a supervisor
 * with a note; "Add note" (key a) leaves a note before deciding. Both open one small dialog
 * with a required, bounded note; the core journals it (escalation; a note as `alert-shown`
 * with a note). The notes already added are listed here, oldest first.
 *
 * A supervisor's seat watching the room does not take alerts from the officers by having
 * them on screen: it offers "Review here" (claim it at this seat) and, for an alert another
 * seat holds, "Take over" with a required reason (lfr-feed-v1 `takeOver`, journalled).
 */
import { refusedText } from '../../../shared/request-refusals';
import { useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { NOTE_MAX_CHARS } from '../../../shared/alert-notes';
import { messageTable } from '../../../shared/message-table';
import type { RoomView, StationAlert } from '../../../shared/view';
import { Dialog } from '../components/Dialog';
import { localTime } from '../format';
import { useStation, watchingTheRoom } from '../state';
import {
  closeNoteDialog,
  openNoteDialog,
  useRoomActions,
  useRoomBridge,
  type NoteKind,
} from './room-actions';

const m = messageTable(
  defineMessages({
    escalate: { id: 'room.actions.escalate', defaultMessage: 'Escalate', description: 'Button (key x)' },
    addNote: { id: 'room.actions.add-note', defaultMessage: 'Add note', description: 'Button (key a)' },
    escalateTitle: {
      id: 'room.actions.escalate-title',
      defaultMessage: 'Escalate alert #{seq} to a supervisor',
      description: 'Dialog title',
    },
    noteTitle: {
      id: 'room.actions.note-title',
      defaultMessage: 'Add a note to alert #{seq}',
      description: 'Dialog title',
    },
    noteLabel: {
      id: 'room.actions.note-label',
      defaultMessage: 'Note (required, up to {max} characters)',
      description: 'Label of the note field',
    },
    sendEscalation: {
      id: 'room.actions.send-escalation',
      defaultMessage: 'Send escalation',
      description: 'Button: send the escalation',
    },
    saveNote: { id: 'room.actions.save-note', defaultMessage: 'Save note', description: 'Button' },
    cancel: { id: 'room.actions.cancel', defaultMessage: 'Cancel', description: 'Button' },
    watching: {
      id: 'room.actions.watching',
      defaultMessage:
        'You are watching the room: this alert is offered to the officers’ seats and is not claimed here.',
      description: 'At a supervisor seat: the open alert is not claimed by this seat',
    },
    reviewHere: {
      id: 'room.actions.review-here',
      defaultMessage: 'Review here',
      description: 'Button: the supervisor claims the alert at this seat and reviews it',
    },
    heldInRoom: {
      id: 'room.actions.held-in-room',
      defaultMessage: '{name} at {seat} is reviewing this alert.',
      description: 'At a supervisor seat: which officer, at which seat, holds the open alert',
    },
    takeOver: {
      id: 'room.actions.take-over',
      defaultMessage: 'Take over',
      description: 'Button: the supervisor takes the alert from the seat that holds it',
    },
    takeOverTitle: {
      id: 'room.actions.take-over-title',
      defaultMessage: 'Take over alert #{seq} from the seat that holds it',
      description: 'Dialog title',
    },
    reasonLabel: {
      id: 'room.actions.reason-label',
      defaultMessage: 'Reason (required, up to {max} characters; journalled and sent to that seat)',
      description: 'Label of the take-over reason field',
    },
    confirmTakeOver: {
      id: 'room.actions.confirm-take-over',
      defaultMessage: 'Take over alert',
      description: 'Button: send the take-over',
    },
    empty: {
      id: 'room.actions.empty',
      defaultMessage: 'Write a note first.',
      description: 'Error: the note is empty',
    },
    notes: {
      id: 'room.actions.notes',
      defaultMessage: 'Notes',
      description: 'Heading of the notes on an alert',
    },
    noteLine: {
      id: 'room.actions.note-line',
      defaultMessage: '{time}, {name}: {text}',
      description: 'One note: when, who, what',
    },
  }),
);

/** The notes on an alert, oldest first (in replay, those made by `until`). */
export function AlertNotes({ alert, until }: { alert: StationAlert; until?: number }) {
  const intl = useIntl();
  const notes = (alert.officerNotes ?? []).filter((n) => until === undefined || Date.parse(n.at) <= until);
  if (notes.length === 0) return null;
  return (
    <ul className="plain-list" aria-label={intl.formatMessage(m.notes)}>
      {notes.map((n, i) => (
        <li key={`${n.at}:${i}`}>
          {intl.formatMessage(m.noteLine, { time: localTime(n.at), name: n.by.name, text: n.text })}
        </li>
      ))}
    </ul>
  );
}

/** The seat the room says holds this alert, other than this one (from the feed's `seats`). */
function heldInRoom(room: RoomView | null | undefined, alertId: string) {
  const seat = room?.seats.find((s) => !s.here && s.holding.some((h) => h.alertId === alertId));
  return seat?.operator ? { label: seat.label, name: seat.operator.name } : null;
}

/** A supervisor's seat on a shared deployment: review an unclaimed alert here, or take one over. */
function SupervisorSeatActions({ alert }: { alert: StationAlert }) {
  const intl = useIntl();
  const id = alert.alertId;
  const room = useStation((s) => s.station?.room);
  const watching = useStation((s) => watchingTheRoom(s, id));
  const reviewAlertHere = useStation((s) => s.reviewAlertHere);
  if (!room || alert.status !== 'pending') return null;
  // Who holds it: this station's own refused claim says so, or the room does (seen, not asked).
  const held = alert.heldElsewhere
    ? { label: alert.heldElsewhere.label ?? '', name: alert.heldElsewhere.operator.name }
    : heldInRoom(room, id);
  if (held)
    return (
      <>
        {!alert.heldElsewhere && (
          <p className="status-strip held-elsewhere" role="status">
            {intl.formatMessage(m.heldInRoom, { name: held.name, seat: held.label })}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => openNoteDialog('take-over', id)}>
            {intl.formatMessage(m.takeOver)}
          </button>
        </div>
      </>
    );
  if (!watching) return null;
  return (
    <>
      <p className="status-strip" role="note">
        {intl.formatMessage(m.watching)}
      </p>
      <div className="actions">
        <button type="button" onClick={() => reviewAlertHere(id)}>
          {intl.formatMessage(m.reviewHere)}
        </button>
      </div>
    </>
  );
}

export function AlertActions({ alert }: { alert: StationAlert }) {
  const intl = useIntl();
  const dialog = useRoomActions((s) => s.dialog);
  return (
    <section className="panel room-actions" aria-labelledby="room-notes-heading">
      <h2 id="room-notes-heading">{intl.formatMessage(m.notes)}</h2>
      <SupervisorSeatActions alert={alert} />
      <AlertNotes alert={alert} />
      {alert.status === 'pending' && (
        <div className="actions">
          <button type="button" onClick={() => openNoteDialog('escalate', alert.alertId)}>
            {intl.formatMessage(m.escalate)}
          </button>
          <button type="button" onClick={() => openNoteDialog('note', alert.alertId)}>
            {intl.formatMessage(m.addNote)}
          </button>
        </div>
      )}
      {dialog && dialog.alertId === alert.alertId && (
        <NoteDialog kind={dialog.kind} alertId={alert.alertId} seq={alert.seq} />
      )}
    </section>
  );
}

const DIALOG_WORDS = {
  escalate: { title: m.escalateTitle, label: m.noteLabel, submit: m.sendEscalation },
  note: { title: m.noteTitle, label: m.noteLabel, submit: m.saveNote },
  'take-over': { title: m.takeOverTitle, label: m.reasonLabel, submit: m.confirmTakeOver },
} as const;

function NoteDialog({ kind, alertId, seq }: { kind: NoteKind; alertId: string; seq: number }) {
  const intl = useIntl();
  const bridge = useRoomBridge();
  const reviewAlertHere = useStation((s) => s.reviewAlertHere);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!note.trim()) return setError(intl.formatMessage(m.empty));
    setBusy(true);
    try {
      const res =
        kind === 'escalate'
          ? await bridge.escalate({ alertId, note: note.trim() })
          : kind === 'take-over'
            ? await bridge.takeOver({ alertId, reason: note.trim() })
            : await bridge.addNote({ alertId, note: note.trim() });
      if (!res.ok) return setError(refusedText(intl, res));
      // Taken over: this seat holds it now, and reviews it here.
      if (kind === 'take-over') reviewAlertHere(alertId);
      closeNoteDialog();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog titleId="room-note-title" onClose={closeNoteDialog} className="room-note-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="room-note-title">{intl.formatMessage(DIALOG_WORDS[kind].title, { seq })}</h2>
        <label htmlFor="room-note">
          {intl.formatMessage(DIALOG_WORDS[kind].label, { max: NOTE_MAX_CHARS })}
        </label>
        <textarea
          id="room-note"
          aria-required="true"
          maxLength={NOTE_MAX_CHARS}
          value={note}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'room-note-error' : undefined}
          onChange={(e) => setNote(e.target.value)}
        />
        {error && (
          <p id="room-note-error" role="alert" className="problem">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {intl.formatMessage(DIALOG_WORDS[kind].submit)}
          </button>
          <button type="button" onClick={closeNoteDialog}>
            {intl.formatMessage(m.cancel)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
