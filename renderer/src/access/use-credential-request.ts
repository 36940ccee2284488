import { useState } from 'react';
import type { Result } from '../../../shared/contract';
import { refusedWords } from '../i18n/refused';

/**
 * A sign-in or re-proof request from a credential form: busy while it is out, the core's
 * refusal (or a failed call) as the error, and the typed password cleared afterwards
 * whatever happened, so it never outlives the one request it was typed for.
 */
export function useCredentialRequest<P>(
  send: (payload: P) => Promise<Result<{ redirect?: string | null }>>,
  /** Where a single sign-on redirect goes (this tab, or a new one). */
  followRedirect: (url: string) => void,
) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (payload: P) => {
    setBusy(true);
    setError(null);
    try {
      const res = await send(payload);
      if (!res.ok) setError(refusedWords(res));
      else if (res.redirect) followRedirect(res.redirect);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  return { password, setPassword, busy, error, setError, run };
}
