import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccessView } from '../../../shared/view';
import type { RequestPayload } from '../../../shared/contract';
import { useStation } from '../state';
import { TextField } from '../components/form/TextField';

/**
 * Sign-in on a real feed: a station account's officer ID and password, or the force's
 * single sign-on. There is no role to choose: the core takes it from the account or
 * the provider's claim. The password leaves this form only in the sign-in request.
 */
export function CredentialSignIn({ access }: { access: AccessView }) {
  const [id, setId] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const idRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => idRef.current?.focus(), []);
  const signInWith = useStation((s) => s.signInWith);
  const sso = access.methods.sso;
  const shownError = error ?? access.ssoError;

  const run = async (payload: RequestPayload<'signIn'>) => {
    setBusy(true);
    setError(null);
    try {
      const res = await signInWith(payload);
      if (!res.ok) setError(res.error);
      // Browser mode: on to the provider in this tab; it sends the tab back here.
      else if (res.redirect) window.location.assign(res.redirect);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!id.trim() || !password) {
      setError('Enter your officer ID and password.');
      return;
    }
    if (!busy) void run({ method: 'local', id: id.trim(), password });
  };

  return (
    <section className="signin" aria-labelledby="signin-heading">
      <h2 id="signin-heading">Sign in to review alerts</h2>
      <p className="muted">
        Your role comes from your account. Every decision you record is signed into the journal under the
        identity you prove here.
      </p>
      {access.methods.accounts && (
        <form onSubmit={submit} noValidate>
          <TextField
            id="signin-id"
            label="Officer ID"
            value={id}
            onChange={setId}
            inputRef={idRef}
            required
          />
          <TextField
            id="signin-password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            required
          />
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </form>
      )}
      {sso && (
        <p>
          <button
            type="button"
            className={access.methods.accounts ? '' : 'primary'}
            disabled={busy}
            onClick={() => void run({ method: 'oidc' })}
          >
            Sign in with {sso.provider}
          </button>
        </p>
      )}
      {shownError && (
        <p className="error" role="alert">
          Sign-in refused: {shownError}
        </p>
      )}
      <p aria-live="polite">{busy ? 'Signing in…' : ''}</p>
    </section>
  );
}
