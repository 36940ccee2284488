/**
 * The open alert's room actions (issue 22, item 3): "Escalate" (key x) asks a supervisor
 * with a note; "Add note" (key a) leaves a note before deciding. Both open one small dialog
 * with a required, bounded note; the core journals it (escalation; a note as `alert-shown`
 * with a note). The notes already added are listed here, oldest first.
 */
import { useState } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { NOTE_MAX_CHARS } from '../../../shared/alert-notes';
import { messageTable } from '../../../shared/message-table';
import type { StationAlert } from '../../../shared/view';
import { Dialog } from '../components/Dialog';
import { localTime } from '../format';
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

export function AlertActions({ alert }: { alert: StationAlert }) {
  const intl = useIntl();
  const dialog = useRoomActions((s) => s.dialog);
  return (
    <section className="panel room-actions" aria-labelledby="room-notes-heading">
      <h2 id="room-notes-heading">{intl.formatMessage(m.notes)}</h2>
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

function NoteDialog({ kind, alertId, seq }: { kind: NoteKind; alertId: string; seq: number }) {
  const intl = useIntl();
  const bridge = useRoomBridge();
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
          : await bridge.addNote({ alertId, note: note.trim() });
      if (res.ok) closeNoteDialog();
      else setError(res.error);
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
        <h2 id="room-note-title">
          {intl.formatMessage(kind === 'escalate' ? m.escalateTitle : m.noteTitle, { seq })}
        </h2>
        <label htmlFor="room-note">{intl.formatMessage(m.noteLabel, { max: NOTE_MAX_CHARS })}</label>
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
            {intl.formatMessage(kind === 'escalate' ? m.sendEscalation : m.saveNote)}
          </button>
          <button type="button" onClick={closeNoteDialog}>
            {intl.formatMessage(m.cancel)}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
