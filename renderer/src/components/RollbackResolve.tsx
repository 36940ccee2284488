import { useState, type FormEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import type { ResponseMap } from '../../../shared/contract';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';

const M = messageTable(
  defineMessages({
    needNote: {
      id: 'components.rollback.need-note',
      defaultMessage: 'Write a note: what you examined and why alerts may be taken again.',
      description: 'Resolving the journal rollback alarm needs a note',
    },
    note: { id: 'components.rollback.note', defaultMessage: 'Note', description: 'Field label' },
    resolve: {
      id: 'components.rollback.resolve',
      defaultMessage: 'Resolve rollback',
      description: 'Button: a supervisor resolves the journal rollback alarm',
    },
    notResolved: {
      id: 'components.rollback.not-resolved',
      defaultMessage: 'Rollback not resolved: {error}',
      description: '{error} is the station’s reason',
    },
  }),
);

interface RollbackResolveProps {
  /** The store's action: main checks the role and a fresh proof, journals the note, clears the alarm. */
  onResolve: (note: string) => Promise<ResponseMap['resolveRollback']>;
}

/**
 * On the rollback banner, for a supervisor: after examining the journal, let the deployment
 * take alerts again, with a note that goes on the record. No file is changed.
 */
export function RollbackResolve({ onResolve }: RollbackResolveProps) {
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const say = useIntl().formatMessage;
  const problems = note.trim() ? [] : [say(M.needNote)];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || busy) return;
    setBusy(true);
    setError(null);
    try {
      const res = await onResolve(note.trim());
      if (!res.ok) setError(res.error);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="rollback-resolve" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id="rollback-note"
        label={say(M.note)}
        value={note}
        onChange={setNote}
        rows={2}
        invalid={tried && problems.length > 0}
        describedBy="rollback-note-problems"
      />
      <ProblemList id="rollback-note-problems" problems={tried ? problems : []} announce />
      <button type="submit" disabled={busy}>
        {say(M.resolve)}
      </button>
      {error && (
        <p className="error" role="alert">
          {say(M.notResolved, { error })}
        </p>
      )}
    </form>
  );
}
