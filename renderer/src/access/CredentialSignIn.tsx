import { useState, type FormEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import type { AccessView } from '../../../shared/view';
import type { RequestPayload } from '../../../shared/contract';
import { useStation } from '../state';
import { OfficerIdField } from '../components/form/OfficerIdField';
import { TextField } from '../components/form/TextField';
import { useCredentialRequest } from './use-credential-request';
import { localeToRemember } from '../i18n/locale-store';
import { messageTable } from '../../../shared/message-table';

const messages = messageTable(
  defineMessages({
    heading: {
      id: 'live.signin.heading',
      defaultMessage: 'Sign in to review alerts',
      description: 'Sign-in screen: heading',
    },
    intro: {
      id: 'live.signin.intro',
      defaultMessage:
        'Your role comes from your account. Every decision you record is signed into the journal under the identity you prove here.',
      description: 'Sign-in screen on a real feed: what signing in means',
    },
    missing: {
      id: 'live.signin.missing',
      defaultMessage: 'Enter your officer ID and password.',
      description: 'Sign-in error: a field was empty',
    },
    password: { id: 'live.signin.password', defaultMessage: 'Password', description: 'Sign-in field label' },
    signIn: { id: 'live.signin.submit', defaultMessage: 'Sign in', description: 'Sign-in button' },
    sso: {
      id: 'live.signin.sso',
      defaultMessage: 'Sign in with {provider}',
      description: 'Button: sign in through the force single sign-on; {provider} is its name',
    },
    refused: {
      id: 'live.signin.refused',
      defaultMessage: 'Sign-in refused: {reason}',
      description: 'Sign-in error; {reason} is the station’s reason',
    },
    busy: {
      id: 'live.signin.busy',
      defaultMessage: 'Signing in…',
      description: 'Announced while the sign-in request is out',
    },
  }),
);

/**
 * Sign-in on a real feed: a station account's officer ID and password, or the force's
 * single sign-on. There is no role to choose: the core takes it from the account or
 * the provider's claim. The password leaves this form only in the sign-in request.
 */
export function CredentialSignIn({ access }: { access: AccessView }) {
  const [id, setId] = useState('');
  const intl = useIntl();
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
      setError(intl.formatMessage(messages.missing));
      return;
    }
    const locale = localeToRemember();
    if (!busy) void run({ method: 'local', id: id.trim(), password, ...(locale ? { locale } : {}) });
  };

  return (
    <section className="signin" aria-labelledby="signin-heading">
      <h2 id="signin-heading">{intl.formatMessage(messages.heading)}</h2>
      <p className="muted">{intl.formatMessage(messages.intro)}</p>
      {access.methods.accounts && (
        <form onSubmit={submit} noValidate>
          <OfficerIdField value={id} onChange={setId} />
          <TextField
            id="signin-password"
            label={intl.formatMessage(messages.password)}
            type="password"
            value={password}
            onChange={setPassword}
            required
          />
          <button type="submit" className="primary" disabled={busy}>
            {intl.formatMessage(messages.signIn)}
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
            {intl.formatMessage(messages.sso, { provider: sso.provider })}
          </button>
        </p>
      )}
      {shownError && (
        <p className="error" role="alert">
          {intl.formatMessage(messages.refused, { reason: shownError })}
        </p>
      )}
      <p aria-live="polite">{busy ? intl.formatMessage(messages.busy) : ''}</p>
    </section>
  );
}
