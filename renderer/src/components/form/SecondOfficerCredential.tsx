import type { KeyboardEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../../shared/message-table';
import { TextField } from './TextField';
import type { SecondProof } from '../../state/form-rules';

interface Props {
  proof: Extract<SecondProof, { kind: 'credential' }>;
  password: string;
  onPassword: (password: string) => void;
  onSso?: (() => void) | undefined;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
}

const M = messageTable(
  defineMessages({
    password: {
      id: 'components.second.password',
      defaultMessage: 'Second officer password',
      description: 'Field label: the second officer types their own password',
    },
    sso: {
      id: 'components.second.sso',
      defaultMessage: 'Second officer: sign in with {provider}',
      description: 'Button; {provider} is the single sign-on provider’s name',
    },
    confirmed: {
      id: 'components.second.confirmed',
      defaultMessage: 'Confirmed by single sign-on: {name} ({id})',
      description: 'The second officer proved who they are',
    },
  }),
);

/**
 * On a real feed the second officer proves who they are: their own password (typed by
 * them, checked by the core), or their own single sign-on. A typed name proves nothing.
 */
export function SecondOfficerCredential({ proof, password, onPassword, onSso, onKeyDown }: Props) {
  const say = useIntl().formatMessage;
  return (
    <>
      <TextField
        id="second-password"
        label={say(M.password)}
        type="password"
        value={password}
        onChange={onPassword}
        {...(onKeyDown ? { onKeyDown } : {})}
        required={!proof.provedBySso}
      />
      {proof.sso && onSso && (
        <p>
          <button type="button" onClick={onSso}>
            {say(M.sso, { provider: proof.sso.provider })}
          </button>
        </p>
      )}
      {proof.provedBySso && (
        <p role="status" className="small">
          {say(M.confirmed, { name: proof.provedBySso.name, id: proof.provedBySso.id })}
        </p>
      )}
    </>
  );
}
