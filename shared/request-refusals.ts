/**
 * Why the station refused a request (issue 26), as a code and values the core sends beside
 * its English `error`. The core makes that English from these same messages (so the log,
 * the tests and the screen's English never drift); the screen says the code in the
 * officer's language. A refusal with no code (a rarer one not converted yet) shows its
 * English words as before.
 */
import { defineMessages } from '@formatjs/intl';
import type { Formatter } from './problem-messages';
import { storageCauseText, type StorageCause } from './storage-messages';
import { translatorFor } from './i18n/translator';
import { messageTable } from './message-table';

const M = messageTable(
  defineMessages({
    'sign-in-first': {
      id: 'components.refused.sign-in-first',
      defaultMessage: 'sign in first',
      description: 'Refusal shown on screen: the request needs someone signed in',
    },
    'another-screen': {
      id: 'components.refused.another-screen',
      defaultMessage:
        'another screen holds this station’s session; sign out there, or sign in here once it has',
      description: 'Refusal shown on screen: the session belongs to another browser screen',
    },
    'session-locked': {
      id: 'components.refused.session-locked',
      defaultMessage: 'the station is locked after a period without input; unlock it first',
      description: 'Refusal shown on screen: the idle session is locked',
    },
    'supervisor-only': {
      id: 'components.refused.supervisor-only',
      defaultMessage: 'only a signed-in supervisor can do that',
      description: 'Refusal shown on screen: an officer asked for a supervisor’s request',
    },
    'prove-again': {
      id: 'components.refused.prove-again',
      defaultMessage: 'confirm it is you: your last sign-in proof is more than 5 minutes old',
      description: 'Refusal shown on screen: a sensitive request needs the password or sign-on again',
    },
    failed: {
      id: 'components.refused.failed',
      defaultMessage: 'the station could not do that; it has been logged',
      description: 'Refusal shown on screen: the request failed inside the station',
    },
    'invalid-request': {
      id: 'components.refused.invalid-request',
      defaultMessage: 'invalid {request}: {detail}',
      description:
        'Refusal shown on screen: the request was malformed; {request} is its name (code), {detail} the field and the validator’s words (English)',
    },
    'unknown-request': {
      id: 'components.refused.unknown-request',
      defaultMessage: 'unknown request "{request}"',
      description: 'Refusal shown on screen: a request the station does not know; {request} its name',
    },
    'signed-in-sign-out': {
      id: 'components.refused.signed-in-sign-out',
      defaultMessage: '{name} is signed in; sign out first',
      description: 'Sign-in refused: someone else is signed in; {name} is their name',
    },
    'signed-in-hand-over': {
      id: 'components.refused.signed-in-hand-over',
      defaultMessage: '{name} is signed in; sign out or hand over first',
      description: 'Sign-in refused: someone else is signed in; {name} is their name',
    },
    'live-feed-credentials': {
      id: 'components.refused.live-feed-credentials',
      defaultMessage: 'on a live feed, sign in with your station account or single sign-on',
      description: 'Sign-in refused: the typed training form was used on a real feed',
    },
    'training-no-credentials': {
      id: 'components.refused.training-no-credentials',
      defaultMessage: 'the training feed takes no credentials; sign in with the training form',
      description: 'Sign-in refused: a password or sign-on was used on the training feed',
    },
    'training-no-accounts': {
      id: 'components.refused.training-no-accounts',
      defaultMessage: 'the training feed has no station accounts',
      description: 'Sign-in refused: a station account was used on the training feed',
    },
    'account-store-unreadable': {
      id: 'components.refused.account-store-unreadable',
      defaultMessage: 'the station account store cannot be read; the failure has been logged',
      description: 'Sign-in refused: the file of station accounts cannot be read',
    },
    'wrong-credential': {
      id: 'components.refused.wrong-credential',
      defaultMessage:
        'officer ID or password is wrong, or the account is locked after failed attempts (a supervisor can reset it)',
      description: 'Sign-in refused: says on purpose neither which was wrong nor whether the ID exists',
    },
    'account-disabled': {
      id: 'components.refused.account-disabled',
      defaultMessage: 'this account is disabled',
      description: 'Sign-in refused: a supervisor disabled the station account',
    },
    'sso-elsewhere': {
      id: 'components.refused.sso-elsewhere',
      defaultMessage: 'this sign-on was not started from a screen of this station',
      description: 'Single sign-on refused: it came back to no screen that started it',
    },
    'nobody-signed-in': {
      id: 'components.refused.nobody-signed-in',
      defaultMessage: 'nobody is signed in',
      description: 'Sign-out or hand-over refused: nobody is signed in',
    },
    'prove-same-way': {
      id: 'components.refused.prove-same-way',
      defaultMessage: 'prove it the way you signed in ({method})',
      description:
        'Unlock refused: another way of proving than at sign-in; {method} is its code (local, oidc)',
    },
    'too-many-wrong': {
      id: 'components.refused.too-many-wrong',
      defaultMessage: 'too many wrong passwords; try again in {seconds} s',
      description: 'Unlock refused: wait before trying again; s = seconds',
    },
    'wrong-password': {
      id: 'components.refused.wrong-password',
      defaultMessage: 'wrong password',
      description: 'Unlock refused: the password was wrong',
    },
    'only-same-person': {
      id: 'components.refused.only-same-person',
      defaultMessage: 'only the person signed in can unlock or confirm for this session',
      description: 'Unlock or re-proof refused: another person proved',
    },
    'second-own-proof': {
      id: 'components.refused.second-own-proof',
      defaultMessage: 'the second officer must prove who they are with their own password or sign-on',
      description: 'Decision refused: the two-person check on a real feed needs a proof',
    },
    'second-not-confirmed': {
      id: 'components.refused.second-not-confirmed',
      defaultMessage: 'second officer not confirmed: {because}',
      description:
        'Decision refused: the second officer’s proof was refused; {because} is why (another refusal)',
    },
    'second-sso-first': {
      id: 'components.refused.second-sso-first',
      defaultMessage: 'second officer not confirmed: sign them in with single sign-on first',
      description: 'Decision refused: the second officer has not signed on',
    },
    'second-someone-else': {
      id: 'components.refused.second-someone-else',
      defaultMessage: 'the second officer must be someone other than the officer deciding',
      description: 'Decision refused: the two-person check',
    },
    'second-unchecked': {
      id: 'components.refused.second-unchecked',
      defaultMessage: "the second officer's credential was not checked",
      description: 'Decision refused: the second officer’s proof did not pass access control',
    },
    'confirming-different': {
      id: 'components.refused.confirming-different',
      defaultMessage: 'the confirming officer must be a different officer',
      description: 'Decision refused: the two-person check',
    },
    'unknown-alert': {
      id: 'components.refused.unknown-alert',
      defaultMessage: 'unknown alert',
      description: 'Refusal shown on screen: the alert named is not at this station',
    },
    'alert-withdrawn': {
      id: 'components.refused.alert-withdrawn',
      defaultMessage: 'this alert was withdrawn and needs no decision',
      description: 'Decision refused: the matching system withdrew the alert',
    },
    'outcome-needs-engage': {
      id: 'components.refused.outcome-needs-engage',
      defaultMessage: 'an outcome follows an engage decision',
      description: 'Outcome refused: the alert’s decision is not Engage',
    },
    'not-saved': {
      id: 'components.refused.not-saved',
      defaultMessage:
        '{what, select, shown {That the alert was shown} decision {The decision} outcome {The outcome} escalation {The escalation} takeover {The take-over} acknowledgement {The acknowledgement} note {The note} other {It}} was NOT saved: {cause}. Nothing was sent. It can be recorded again once the station says writing works again.',
      description:
        'A request whose write failed; {what} says what was not saved, {cause} why (a storage cause, components.storage.*)',
    },
  }),
);

export type RefusalCode = keyof typeof M;

/** What a write that failed was recording (the refusal `not-saved`). */
export type NotSavedWhat =
  'shown' | 'decision' | 'outcome' | 'escalation' | 'takeover' | 'acknowledgement' | 'note';

/** A refusal as a code and values: language-neutral, said on the screen in the officer's language. */
export type RequestRefusal = {
  code: RefusalCode;
  values?: Record<string, string | number>;
  /** The refusal inside this one (`{because}`). */
  because?: RequestRefusal;
  /** Why a write failed (`{cause}` of not-saved). */
  storage?: StorageCause;
};

/** A refused request as the core answers it: English words, and the same as a code. */
export type Refused = { ok: false; error: string; refusal?: RequestRefusal };

/** A refusal in the reader's language. */
export function requestRefusalText(intl: Formatter, r: RequestRefusal): string {
  const values: Record<string, string | number> = { ...r.values };
  if (r.because) values.because = requestRefusalText(intl, r.because);
  if (r.storage) values.cause = storageCauseText(intl, r.storage);
  return intl.formatMessage(M[r.code], values);
}

/** What a refused answer says in the reader's language: its code's words, else its English. */
export function refusedText(intl: Formatter, answer: { error: string; refusal?: RequestRefusal }): string {
  return answer.refusal ? requestRefusalText(intl, answer.refusal) : answer.error;
}

const english = translatorFor('en-GB');

/** A refusal with its English words made from the same message (for the core's answers). */
export function refuse(
  code: RefusalCode,
  extra: Omit<RequestRefusal, 'code'> = {},
): { ok: false; error: string; refusal: RequestRefusal } {
  const refusal: RequestRefusal = { code, ...extra };
  return { ok: false, error: requestRefusalText(english, refusal), refusal };
}

/** A refusal's English words alone (where the core passes a reason on as a string). */
export function refusalEnglish(code: RefusalCode, values?: Record<string, string | number>): string {
  return requestRefusalText(english, values ? { code, values } : { code });
}
