import type { KeyboardEvent } from 'react';
import { TextField } from './TextField';
import type { SecondProof } from '../../state/form-rules';

interface Props {
  proof: Extract<SecondProof, { kind: 'credential' }>;
  password: string;
  onPassword: (password: string) => void;
  onSso?: (() => void) | undefined;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
}

/**
 * On a real feed the second officer proves who they are: their own password (typed by
 * them, checked by the core), or their own single sign-on. A typed name proves nothing.
 */
export function SecondOfficerCredential({ proof, password, onPassword, onSso, onKeyDown }: Props) {
  return (
    <>
      <TextField
        id="second-password"
        label="Second officer password"
        type="password"
        value={password}
        onChange={onPassword}
        {...(onKeyDown ? { onKeyDown } : {})}
        required={!proof.provedBySso}
      />
      {proof.sso && onSso && (
        <p>
          <button type="button" onClick={onSso}>
            Second officer: sign in with {proof.sso.provider}
          </button>
        </p>
      )}
      {proof.provedBySso && (
        <p role="status" className="small">
          Confirmed by single sign-on: {proof.provedBySso.name} ({proof.provedBySso.id})
        </p>
      )}
    </>
  );
}
