import { useState, type FormEvent } from 'react';
import { refusedText } from '../../../shared/request-refusals';
import { defineMessages, useIntl } from 'react-intl';
import type { ResponseMap } from '../../../shared/contract';
import { messageTable } from '../../../shared/message-table';
import type { AlarmKind } from '../../../shared/view';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';

/** Each kind as a word ICU's select can match (its keys take no hyphens). */
const SELECTOR: Record<AlarmKind, string> = {
  'journal-rollback': 'rollback',
  'journal-tampered': 'tampered',
  'journal-foreign': 'foreign',
  'archive-conflict': 'archive',
};

/** What the button and a refusal call each alarm only a supervisor clears (by its kind). */
const M = messageTable(
  defineMessages({
    needNote: {
      id: 'components.alarm-resolve.need-note',
      defaultMessage: 'Write a note: what you examined and why the alarm may be cleared.',
      description: 'Resolving an alarm only a supervisor clears needs a note',
    },
    note: { id: 'components.alarm-resolve.note', defaultMessage: 'Note', description: 'Field label' },
    resolve: {
      id: 'components.alarm-resolve.resolve',
      defaultMessage:
        'Resolve {kind, select, rollback {rollback} tampered {tampered journal} foreign {set-aside journal} other {archive conflict}}',
      description: 'Button: a supervisor clears the alarm; kind names which alarm',
    },
    notResolved: {
      id: 'components.alarm-resolve.not-resolved',
      defaultMessage:
        '{kind, select, rollback {Rollback} tampered {Tampered journal} foreign {Set-aside journal} other {Archive conflict}} not resolved: {error}',
      description: '{error} is the station’s reason',
    },
  }),
);

interface AlarmResolveProps {
  alarm: { kind: AlarmKind; deploymentId: string | null };
  /** The store's action: main checks the role and a fresh proof, journals the note, clears the alarm. */
  onResolve: (note: string) => Promise<ResponseMap['resolveAlarm']>;
}

/**
 * On an alarm's banner, for a supervisor: after examining what it names (a rolled-back,
 * tampered or set-aside journal), clear it with a note that goes on the record. No file
 * is changed; one form for every kind of alarm.
 */
export function AlarmResolve({ alarm, onResolve }: AlarmResolveProps) {
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intl = useIntl();
  const say = intl.formatMessage;
  const kind = SELECTOR[alarm.kind];
  const id = `alarm-note-${alarm.kind}-${alarm.deploymentId ?? 'station'}`;
  const problems = note.trim() ? [] : [say(M.needNote)];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await onResolve(note.trim());
      if (!res.ok) setError(refusedText(intl, res));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="alarm-resolve" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id={id}
        label={say(M.note)}
        value={note}
        onChange={setNote}
        rows={2}
        invalid={tried && problems.length > 0}
        describedBy={`${id}-problems`}
      />
      <ProblemList id={`${id}-problems`} problems={tried ? problems : []} announce />
      <button type="submit" disabled={busy}>
        {say(M.resolve, { kind })}
      </button>
      {error && (
        <p className="error" role="alert">
          {say(M.notResolved, { kind, error })}
        </p>
      )}
    </form>
  );
}
