import { useState, type FormEvent } from 'react';
import type { ResponseMap } from '../../../shared/contract';
import type { AlarmKind } from '../../../shared/view';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';

/** What the button and a refusal call each alarm only a supervisor clears. */
const ALARM_WORDS: Record<AlarmKind, string> = {
  'journal-rollback': 'rollback',
  'journal-tampered': 'tampered journal',
  'journal-foreign': 'set-aside journal',
  'archive-conflict': 'archive conflict',
};

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
  const words = ALARM_WORDS[alarm.kind];
  const id = `alarm-note-${alarm.kind}-${alarm.deploymentId ?? 'station'}`;
  const problems = note.trim() ? [] : ['Write a note: what you examined and why the alarm may be cleared.'];
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
    <form className="alarm-resolve" onSubmit={(e) => void submit(e)} noValidate>
      <TextField
        id={id}
        label="Note"
        value={note}
        onChange={setNote}
        rows={2}
        invalid={tried && problems.length > 0}
        describedBy={`${id}-problems`}
      />
      <ProblemList id={`${id}-problems`} problems={tried ? problems : []} announce />
      <button type="submit" disabled={busy}>
        Resolve {words}
      </button>
      {error && (
        <p className="error" role="alert">
          {words.charAt(0).toUpperCase() + words.slice(1)} not resolved: {error}
        </p>
      )}
    </form>
  );
}
