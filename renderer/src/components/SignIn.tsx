import { useState, type FormEvent, type ReactNode } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { ROLE_MESSAGES } from '../../../shared/i18n/glossary';
import { messageTable } from '../../../shared/message-table';
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

const ROLES = ['officer', 'supervisor'] as const;

const M = messageTable(
  defineMessages({
    needId: {
      id: 'components.signin.need-id',
      defaultMessage: 'Enter your officer ID.',
      description: 'Sign-in problem',
    },
    needName: {
      id: 'components.signin.need-name',
      defaultMessage: 'Enter your name.',
      description: 'Sign-in problem',
    },
    heading: {
      id: 'components.signin.heading',
      defaultMessage: 'Sign in to review alerts',
      description: 'Sign-in heading',
    },
    intro: {
      id: 'components.signin.intro',
      defaultMessage: 'Every decision you record is signed into the journal under the name you give here.',
      description: 'Sign-in explanation',
    },
    name: { id: 'components.signin.name', defaultMessage: 'Officer name', description: 'Field label' },
    role: {
      id: 'components.signin.role',
      defaultMessage: 'Role',
      description: 'Legend: officer or supervisor',
    },
    refused: {
      id: 'components.signin.refused',
      defaultMessage: 'Sign-in refused: {error}',
      description: 'The station refused the sign-in; {error} is its reason',
    },
    signIn: { id: 'components.signin.submit', defaultMessage: 'Sign in', description: 'Button' },
    signingIn: {
      id: 'components.signin.busy',
      defaultMessage: 'Signing in…',
      description: 'While signing in',
    },
  }),
);

export function SignIn({ busy, error, onSignIn, children }: SignInProps) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('officer');
  const [touched, setTouched] = useState(false);
  const say = useIntl().formatMessage;
  const roles = ROLES.map((value) => ({ value, label: say(ROLE_MESSAGES[value]) }));
  const missing = [!id.trim() && say(M.needId), !name.trim() && say(M.needName)].filter(
    (m): m is string => typeof m === 'string',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (missing.length === 0 && !busy) onSignIn({ id: id.trim(), name: name.trim(), role });
  };

  return (
    <section className="signin" aria-labelledby="signin-heading">
      <h2 id="signin-heading">{say(M.heading)}</h2>
      <p className="muted">{say(M.intro)}</p>
      {children}
      <form onSubmit={submit} noValidate>
        <OfficerIdField value={id} onChange={setId} invalid={touched && !id.trim()} />
        <TextField
          id="signin-name"
          label={say(M.name)}
          value={name}
          onChange={setName}
          invalid={touched && !name.trim()}
          required
        />
        <RadioGroup name="signin-role" legend={say(M.role)} options={roles} value={role} onChange={setRole} />
        <ProblemList problems={touched ? missing : []} announce />
        {error && (
          <p className="error" role="alert">
            {say(M.refused, { error })}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {say(M.signIn)}
        </button>
        <p aria-live="polite">{busy ? say(M.signingIn) : ''}</p>
      </form>
    </section>
  );
}
