import { minutesWords } from '../../../shared/uk-time';
import type { FormEvent } from 'react';
import type { AccessView, Operator, WaitingCounts } from '../../../shared/view';
import type { RequestPayload } from '../../../shared/contract';
import { useStation } from '../state';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/form/TextField';
import { useCredentialRequest } from './use-credential-request';
import './access.css';

interface ProveAgainProps {
  access: AccessView;
  operator: Operator;
  /** "locked": idle too long; "fresh": a sensitive request needs a new proof. */
  reason: 'locked' | 'fresh';
  onCancel?: () => void;
}

/** What the locked screen says of the queue: counts by tier only, never an alert's detail. */
export function waitingText(w: WaitingCounts): string {
  if (w.total === 0) return 'No alerts waiting.';
  const tiers = (['red', 'amber', 'green'] as const).filter((t) => w[t] > 0).map((t) => `${w[t]} ${t}`);
  return `${w.total} waiting, ${tiers.join(', ')}`;
}

/**
 * The idle lock and the request for a fresh proof. It covers the screen without
 * unmounting it, so the open alert and a decision being written are there afterwards.
 * Single sign-on opens in a new tab in browser mode (this one keeps its state).
 */
export function ProveAgain({ access, operator, reason, onCancel }: ProveAgainProps) {
  const reauthenticate = useStation((s) => s.reauthenticate);
  const signOutNow = useStation((s) => s.signOut);
  const locked = reason === 'locked';
  const title = locked ? 'Station locked' : 'Confirm it is you';
  const { password, setPassword, busy, error, setError, run } = useCredentialRequest<
    RequestPayload<'reauthenticate'>
  >(reauthenticate, (url) => window.open(url, '_blank', 'noopener'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError('Enter your password.');
    if (!busy) void run({ method: 'local', password });
  };
  const signOut = () => void signOutNow(false);

  return (
    <Dialog
      titleId="prove-again-heading"
      describedBy="prove-again-text"
      {...(locked ? { className: 'station-locked' } : {})}
      {...(onCancel ? { onClose: onCancel } : {})}
    >
      <h2 id="prove-again-heading">{title}</h2>
      <p id="prove-again-text">
        {locked
          ? `The station is locked (after ${minutesWords(access.lockAfterMs / 60_000)} without input, or because the page that signed in was closed). ${operator.name}, prove it is you to carry on; the open alert and your draft are kept.`
          : 'Exports with images and legal holds need your password again (or a fresh single sign-on) when your last proof is more than 5 minutes old. Then try again.'}
      </p>
      {locked && access.waiting && (
        <p className="waiting-counts" role="status">
          {waitingText(access.waiting)}
        </p>
      )}
      {access.method === 'local' && (
        <form onSubmit={submit} noValidate>
          <TextField
            id="prove-again-password"
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            required
          />
          <button type="submit" className="primary" disabled={busy}>
            {locked ? 'Unlock' : 'Confirm'}
          </button>
        </form>
      )}
      {access.method === 'oidc' && access.methods.sso && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run({ method: 'oidc' })}
        >
          Sign in again with {access.methods.sso.provider}
        </button>
      )}
      {access.method === 'training' && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run({ method: 'training' })}
        >
          Unlock (training)
        </button>
      )}
      {(error ?? access.ssoError) && (
        <p className="error" role="alert">
          {error ?? access.ssoError}
        </p>
      )}
      <div className="form-footer">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {locked && (
          <button type="button" onClick={signOut}>
            Sign out {operator.name}
          </button>
        )}
      </div>
    </Dialog>
  );
}
