import { useState, type FormEvent } from 'react';
import { ProblemList } from '../components/form/ProblemList';
import { TextField } from '../components/form/TextField';
import type { ReplayUiState } from './replay-store';

type Enrolment = ReplayUiState['enrolment'];
type Enrol = ReplayUiState['enrolKey'];

/** The core's answer to the last enrolment: enrolled, or refused with its reason. */
function EnrolAnswer({ state }: { state: Enrolment }) {
  return (
    <>
      <p aria-live="polite">
        {state?.status === 'busy' ? 'Enrolling…' : state?.status === 'done' ? state.message : ''}
      </p>
      {state?.status === 'error' && (
        <p className="error" role="alert">
          Key not enrolled: {state.error}
        </p>
      )}
    </>
  );
}

/**
 * Replay home, for the supervisor: put another station's key on this station's trust list
 * from a trust line (`<stationId> <publicKey> [label]`, as `npm run trust -- export` writes
 * it). Main checks the line, asks for a fresh proof and journals it (trust-enrolled).
 */
export function TrustedKeys({ state, onEnrol }: { state: Enrolment; onEnrol: Enrol }) {
  const [line, setLine] = useState('');
  const [label, setLabel] = useState('');
  const [tried, setTried] = useState(false);
  const problems = line.trim()
    ? []
    : ['Paste a trust line: the station ID, its public key, then a label if any.'];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || state?.status === 'busy') return;
    void onEnrol({ line: line.trim(), label });
  };
  return (
    <section className="panel trusted-keys" aria-labelledby="trusted-keys-heading">
      <h2 id="trusted-keys-heading">Trusted station keys</h2>
      <p className="muted small">
        A journal or bundle counts as verified only when signed by a key on this list. Enrolling a key is
        recorded in the journal.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="trust-line"
          label="Trust line"
          value={line}
          onChange={setLine}
          hint="<stationId> <publicKey> [label], as the other station's `npm run trust -- export` writes it."
          invalid={tried && problems.length > 0}
          describedBy="trust-line-problems"
        />
        <ProblemList id="trust-line-problems" problems={tried ? problems : []} announce />
        <TextField id="trust-label" label="Label" value={label} onChange={setLabel} maxLength={200} />
        <button type="submit" disabled={state?.status === 'busy'}>
          Enrol key
        </button>
        <EnrolAnswer state={state} />
      </form>
    </section>
  );
}

/** An imported bundle signed by a key not on the list: enrol that key, after checking it out of band. */
export function EnrolBundleKey(props: { replayKey: string; state: Enrolment; onEnrol: Enrol }) {
  const [label, setLabel] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.state?.status === 'busy') return;
    void props.onEnrol({ key: props.replayKey, label });
  };
  return (
    <form
      className="panel enrol-bundle-key"
      onSubmit={submit}
      noValidate
      aria-label="Enrol this station's key"
    >
      <TextField
        id="bundle-key-label"
        label="Label"
        value={label}
        onChange={setLabel}
        maxLength={200}
        hint="Enrol it only once you have confirmed the key's fingerprint with that station."
      />
      <button type="submit" disabled={props.state?.status === 'busy'}>
        Enrol this station&apos;s key
      </button>
      <EnrolAnswer state={props.state} />
    </form>
  );
}
