import { useState, type FormEvent } from 'react';

interface SignInProps {
  busy: boolean;
  error: string | null;
  onSignIn: (payload: { id: string; name: string; role: 'officer' | 'supervisor' }) => void;
}

export function SignIn({ busy, error, onSignIn }: SignInProps) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'officer' | 'supervisor'>('officer');
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
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="signin-id">Officer ID</label>
          <input
            id="signin-id"
            type="text"
            autoComplete="off"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-invalid={touched && !id.trim() ? true : undefined}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="signin-name">Officer name</label>
          <input
            id="signin-name"
            type="text"
            autoComplete="off"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={touched && !name.trim() ? true : undefined}
            required
          />
        </div>
        <fieldset className="choices" role="radiogroup" aria-labelledby="signin-role-legend">
          <legend id="signin-role-legend">Role</legend>
          <label className="choice">
            <input
              type="radio"
              name="signin-role"
              value="officer"
              checked={role === 'officer'}
              onChange={() => setRole('officer')}
            />
            Officer
          </label>
          <label className="choice">
            <input
              type="radio"
              name="signin-role"
              value="supervisor"
              checked={role === 'supervisor'}
              onChange={() => setRole('supervisor')}
            />
            Supervisor
          </label>
        </fieldset>
        {touched && missing.length > 0 && (
          <ul className="problems" role="alert">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
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
