import { useState, type FormEvent } from 'react';
import type { AccessView } from '../../../shared/view';
import type { RequestPayload } from '../../../shared/contract';
import { useStation } from '../state';
import { OfficerIdField } from '../components/form/OfficerIdField';
import { TextField } from '../components/form/TextField';
import { useCredentialRequest } from './use-credential-request';

/**
 * Sign-in on a real feed: a station account's officer ID and password, or the force's
 * single sign-on. There is no role to choose: the core takes it from the account or
 * the provider's claim. The password leaves this form only in the sign-in request.
 */
export function CredentialSignIn({ access }: { access: AccessView }) {
  const [id, setId] = useState('');
  const signInWith = useStation((s) => s.signInWith);
  // Browser mode: on to the provider in this tab; it sends the tab back here.
  const { password, setPassword, busy, error, setError, run } = useCredentialRequest<
    RequestPayload<'signIn'>
  >(signInWith, (url) => window.location.assign(url));
  const sso = access.methods.sso;
  const shownError = error ?? access.ssoError;

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
          <OfficerIdField value={id} onChange={setId} />
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
