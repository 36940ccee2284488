import { useState, type FormEvent, type ReactNode } from 'react';
import { OfficerIdField } from './form/OfficerIdField';
import { ProblemList } from './form/ProblemList';
import { RadioGroup } from './form/RadioGroup';
import { TextField } from './form/TextField';
import type { Role } from '../../../shared/vocabulary';

interface SignInProps {
  busy: boolean;
  error: string | null;
  onSignIn: (payload: { id: string; name: string; role: Role }) => void;
  /** What the last officer handed over, shown before the next one starts. */
  children?: ReactNode;
}

const ROLES = [
  { value: 'officer', label: 'Officer' },
  { value: 'supervisor', label: 'Supervisor' },
] as const;

export function SignIn({ busy, error, onSignIn, children }: SignInProps) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('officer');
  const [touched, setTouched] = useState(false);
  const missing = [!id.trim() && 'Enter your officer ID.', !name.trim() && 'Enter your name.'].filter(
    (m): m is string => typeof m === 'string',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing.length === 0 && !busy) onSignIn({ id: id.trim(), name: name.trim(), role });
  };

  return (
    <section className="signin" aria-labelledby="signin-heading">
      <h2 id="signin-heading">Sign in to review alerts</h2>
      <p className="muted">
        Every decision you record is signed into the journal under the name you give here.
      </p>
      {children}
      <form onSubmit={submit} noValidate>
        <OfficerIdField value={id} onChange={setId} invalid={touched && !id.trim()} />
        <TextField
          id="signin-name"
          label="Officer name"
          value={name}
          onChange={setName}
          invalid={touched && !name.trim()}
          required
        />
        <RadioGroup name="signin-role" legend="Role" options={ROLES} value={role} onChange={setRole} />
        <ProblemList problems={touched ? missing : []} announce />
        {error && (
          <p className="error" role="alert">
            Sign-in refused: {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
        <p aria-live="polite">{busy ? 'Signing in…' : ''}</p>
      </form>
    </section>
  );
}
