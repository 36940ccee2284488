import { messageTable } from '../../../shared/message-table';
import { useState, type FormEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { ProblemList } from '../components/form/ProblemList';
import { TextField } from '../components/form/TextField';
import type { ReplayUiState } from './replay-store';

type Enrolment = ReplayUiState['enrolment'];
type Enrol = ReplayUiState['enrolKey'];

const M = messageTable(
  defineMessages({
    enrolling: {
      id: 'reports.trust.enrolling',
      defaultMessage: 'Enrolling…',
      description: 'While a key is enrolled',
    },
    failed: {
      id: 'reports.trust.failed',
      defaultMessage: 'Key not enrolled: {error}',
      description: 'The key could not be enrolled; error is the reason',
    },
    paste: {
      id: 'reports.trust.paste',
      defaultMessage: 'Paste a trust line: the station ID, its public key, then a label if any.',
      description: 'Problem: the trust line field is empty',
    },
    heading: {
      id: 'reports.trust.heading',
      defaultMessage: 'Trusted station keys',
      description: 'Panel heading: the keys this station trusts',
    },
    intro: {
      id: 'reports.trust.intro',
      defaultMessage:
        'A journal or bundle counts as verified only when signed by a key on this list. Enrolling a key is recorded in the journal.',
      description: 'What the trust list is for',
    },
    line: {
      id: 'reports.trust.line',
      defaultMessage: 'Trust line',
      description: 'Field label: one line naming a station key',
    },
    lineHint: {
      id: 'reports.trust.line-hint',
      defaultMessage: "{form}, as the other station's `npm run trust -- export` writes it.",
      description:
        'Hint: form is the form of a trust line, "<stationId> <publicKey> [label]"; keep the command as it is',
    },
    label: {
      id: 'reports.trust.label',
      defaultMessage: 'Label',
      description: 'Field label: a name for the key',
    },
    enrol: {
      id: 'reports.trust.enrol',
      defaultMessage: 'Enrol key',
      description: 'Button: put the key on the trust list',
    },
    enrolThis: {
      id: 'reports.trust.enrol-this',
      defaultMessage: "Enrol this station's key",
      description: 'Button and form name: trust the key that signed the imported bundle',
    },
    confirmFirst: {
      id: 'reports.trust.confirm-first',
      defaultMessage: "Enrol it only once you have confirmed the key's fingerprint with that station.",
      description: 'Hint: check the key out of band before trusting it',
    },
  }),
);

/** A trust line's form: names of fields, the same in every language. */
const TRUST_LINE_FORM = '<stationId> <publicKey> [label]';

/** The core's answer to the last enrolment: enrolled, or refused with its reason. */
function EnrolAnswer({ state }: { state: Enrolment }) {
  const intl = useIntl();
  return (
    <>
      <p aria-live="polite">
        {state?.status === 'busy'
          ? intl.formatMessage(M.enrolling)
          : state?.status === 'done'
            ? state.message
            : ''}
      </p>
      {state?.status === 'error' && (
        <p className="error" role="alert">
          {intl.formatMessage(M.failed, { error: state.error })}
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
  const intl = useIntl();
  const [line, setLine] = useState('');
  const [label, setLabel] = useState('');
  const [tried, setTried] = useState(false);
  const problems = line.trim() ? [] : [intl.formatMessage(M.paste)];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problems.length || state?.status === 'busy') return;
    void onEnrol({ line: line.trim(), label });
  };
  return (
    <section className="panel trusted-keys" aria-labelledby="trusted-keys-heading">
      <h2 id="trusted-keys-heading">{intl.formatMessage(M.heading)}</h2>
      <p className="muted small">{intl.formatMessage(M.intro)}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          id="trust-line"
          label={intl.formatMessage(M.line)}
          value={line}
          onChange={setLine}
          hint={intl.formatMessage(M.lineHint, { form: TRUST_LINE_FORM })}
          invalid={tried && problems.length > 0}
          describedBy="trust-line-problems"
        />
        <ProblemList id="trust-line-problems" problems={tried ? problems : []} announce />
        <TextField
          id="trust-label"
          label={intl.formatMessage(M.label)}
          value={label}
          onChange={setLabel}
          maxLength={200}
        />
        <button type="submit" disabled={state?.status === 'busy'}>
          {intl.formatMessage(M.enrol)}
        </button>
        <EnrolAnswer state={state} />
      </form>
    </section>
  );
}

/** An imported bundle signed by a key not on the list: enrol that key, after checking it out of band. */
export function EnrolBundleKey(props: { replayKey: string; state: Enrolment; onEnrol: Enrol }) {
  const intl = useIntl();
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
      aria-label={intl.formatMessage(M.enrolThis)}
    >
      <TextField
        id="bundle-key-label"
        label={intl.formatMessage(M.label)}
        value={label}
        onChange={setLabel}
        maxLength={200}
        hint={intl.formatMessage(M.confirmFirst)}
      />
      <button type="submit" disabled={props.state?.status === 'busy'}>
        {intl.formatMessage(M.enrolThis)}
      </button>
      <EnrolAnswer state={props.state} />
    </form>
  );
}
