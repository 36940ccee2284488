import { useState, type FormEvent } from 'react';
import type { ResponseMap } from '../../../shared/contract';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';

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
  const problems = note.trim() ? [] : ['Write a note: what you examined and why alerts may be taken again.'];
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
        label="Note"
        value={note}
        onChange={setNote}
        rows={2}
        invalid={tried && problems.length > 0}
        describedBy="rollback-note-problems"
      />
      <ProblemList id="rollback-note-problems" problems={tried ? problems : []} announce />
      <button type="submit" disabled={busy}>
        Resolve rollback
      </button>
      {error && (
        <p className="error" role="alert">
          Rollback not resolved: {error}
        </p>
      )}
    </form>
  );
}
