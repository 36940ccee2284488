import type { FormEvent } from 'react';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import { translatorFor } from '../../../shared/i18n/translator';
import type { AccessView, Operator, WaitingCounts } from '../../../shared/view';
import type { RequestPayload } from '../../../shared/contract';
import { useStation } from '../state';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/form/TextField';
import { useCredentialRequest } from './use-credential-request';
import './access.css';
import { messageTable } from '../../../shared/message-table';

interface ProveAgainProps {
  access: AccessView;
  operator: Operator;
  /** "locked": idle too long; "fresh": a sensitive request needs a new proof. */
  reason: 'locked' | 'fresh';
  onCancel?: () => void;
}

const messages = messageTable(
  defineMessages({
    noneWaiting: {
      id: 'live.lock.none-waiting',
      defaultMessage: 'No alerts waiting.',
      description: 'Locked screen: the queue is empty',
    },
    waiting: {
      id: 'live.lock.waiting',
      defaultMessage: '{total} waiting, {tiers}',
      description: 'Locked screen: alerts waiting; {tiers} is a list such as "5 red, 14 amber"',
    },
    tierCount: {
      id: 'live.lock.tier-count',
      defaultMessage: '{count} {tier}',
      description:
        'Locked screen: alerts waiting in one tier, e.g. "5 red" ({tier} is the tier name in lower case)',
    },
    lockedTitle: {
      id: 'live.lock.title',
      defaultMessage: 'Station locked',
      description: 'Idle lock: heading',
    },
    freshTitle: {
      id: 'live.prove-again.title',
      defaultMessage: 'Confirm it is you',
      description: 'Heading when a sensitive request needs the officer to prove who they are again',
    },
    lockedText: {
      id: 'live.lock.text',
      defaultMessage:
        'The station is locked (after {minutes, plural, one {# minute} other {# minutes}} without input, or because the page that signed in was closed). {name}, prove it is you to carry on; the open alert and your draft are kept.',
      description: 'Idle lock: why the station is locked and what to do; {name} is the signed-in officer',
    },
    freshText: {
      id: 'live.prove-again.text',
      defaultMessage:
        'Exports with images and legal holds need your password again (or a fresh single sign-on) when your last proof is more than 5 minutes old. Then try again.',
      description: 'Why a fresh proof of identity is needed',
    },
    enterPassword: {
      id: 'live.prove-again.enter-password',
      defaultMessage: 'Enter your password.',
      description: 'Error: the password box was empty',
    },
    password: { id: 'live.prove-again.password', defaultMessage: 'Password', description: 'Field label' },
    unlock: { id: 'live.lock.unlock', defaultMessage: 'Unlock', description: 'Button: unlock the station' },
    confirm: {
      id: 'live.prove-again.confirm',
      defaultMessage: 'Confirm',
      description: 'Button: confirm identity with the password',
    },
    ssoAgain: {
      id: 'live.prove-again.sso',
      defaultMessage: 'Sign in again with {provider}',
      description: 'Button: prove identity through the force single sign-on; {provider} is its name',
    },
    unlockTraining: {
      id: 'live.lock.unlock-training',
      defaultMessage: 'Unlock (training)',
      description: 'Button: unlock on the training feed, where there is no password',
    },
    cancel: { id: 'live.prove-again.cancel', defaultMessage: 'Cancel', description: 'Button' },
    signOut: {
      id: 'live.lock.sign-out',
      defaultMessage: 'Sign out {name}',
      description: 'Button on the locked screen: sign the named officer out',
    },
  }),
);

/** What the locked screen says of the queue: counts by tier only, never an alert's detail. */
export function waitingText(
  w: WaitingCounts,
  intl: Pick<IntlShape, 'formatMessage' | 'locale'> = translatorFor(),
): string {
  if (w.total === 0) return intl.formatMessage(messages.noneWaiting);
  const tiers = (['red', 'amber', 'green'] as const)
    .filter((t) => w[t] > 0)
    .map((t) =>
      intl.formatMessage(messages.tierCount, {
        count: w[t],
        tier: intl.formatMessage(TIER_MESSAGES[t]).toLocaleLowerCase(intl.locale),
      }),
    );
  return intl.formatMessage(messages.waiting, { total: w.total, tiers: tiers.join(', ') });
}

/**
 * The idle lock and the request for a fresh proof. It covers the screen without
 * unmounting it, so the open alert and a decision being written are there afterwards.
 * Single sign-on opens in a new tab in browser mode (this one keeps its state).
 */
export function ProveAgain({ access, operator, reason, onCancel }: ProveAgainProps) {
  const reauthenticate = useStation((s) => s.reauthenticate);
  const signOutNow = useStation((s) => s.signOut);
  const intl = useIntl();
  const locked = reason === 'locked';
  const title = intl.formatMessage(locked ? messages.lockedTitle : messages.freshTitle);
  const { password, setPassword, busy, error, setError, run } = useCredentialRequest<
    RequestPayload<'reauthenticate'>
  >(reauthenticate, (url) => window.open(url, '_blank', 'noopener'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError(intl.formatMessage(messages.enterPassword));
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
          ? intl.formatMessage(messages.lockedText, {
              minutes: Math.round(access.lockAfterMs / 60_000),
              name: operator.name,
            })
          : intl.formatMessage(messages.freshText)}
      </p>
      {locked && access.waiting && (
        <p className="waiting-counts" role="status">
          {waitingText(access.waiting, intl)}
        </p>
      )}
      {access.method === 'local' && (
        <form onSubmit={submit} noValidate>
          <TextField
            id="prove-again-password"
            label={intl.formatMessage(messages.password)}
            type="password"
            value={password}
            onChange={setPassword}
            required
          />
          <button type="submit" className="primary" disabled={busy}>
            {intl.formatMessage(locked ? messages.unlock : messages.confirm)}
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
          {intl.formatMessage(messages.ssoAgain, { provider: access.methods.sso.provider })}
        </button>
      )}
      {access.method === 'training' && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run({ method: 'training' })}
        >
          {intl.formatMessage(messages.unlockTraining)}
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
            {intl.formatMessage(messages.cancel)}
          </button>
        )}
        {locked && (
          <button type="button" onClick={signOut}>
            {intl.formatMessage(messages.signOut, { name: operator.name })}
          </button>
        )}
      </div>
    </Dialog>
  );
}
