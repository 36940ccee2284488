import { useState, type FormEvent } from 'react';
import type { DeploymentListing } from '../../../shared/replay';
import { localDateTime } from '../format';
import type { ReplayUiState } from './replay-store';

interface LegalHoldProps {
  deploymentId: string;
  hold: DeploymentListing['legalHold'] | undefined;
  state: ReplayUiState['hold'];
  onSubmit: (active: boolean, reason: string) => void;
}

/** A legal hold stops retention deleting a deployment's images; placing and releasing both need a reason. */
export function LegalHold({ deploymentId, hold, state, onSubmit }: LegalHoldProps) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const busy = state?.status === 'busy';
  const missing = reason.trim() === '';
  const submit = (active: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    setTouched(true);
    if (missing || busy) return;
    onSubmit(active, reason.trim());
    setReason('');
    setTouched(false);
  };
  return (
    <section className="panel legal-hold" aria-labelledby="legal-hold-heading">
      <h2 id="legal-hold-heading">Legal hold</h2>
      <p>
        {hold === undefined
          ? 'Legal hold status unknown for this journal.'
          : hold
            ? `On hold since ${localDateTime(hold.at)} by ${hold.by.name}: ${hold.reason}`
            : `Deployment ${deploymentId} is not on legal hold; its images are deleted when retention ends.`}
      </p>
      <form onSubmit={submit(!hold)} noValidate aria-labelledby="legal-hold-heading">
        <div className="field">
          <label htmlFor="legal-hold-reason">Legal hold reason</label>
          <input
            id="legal-hold-reason"
            type="text"
            autoComplete="off"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={touched && missing ? true : undefined}
            aria-describedby="legal-hold-hint"
          />
          <p id="legal-hold-hint" className="muted small">
            {touched && missing
              ? 'Give a reason: it is journalled.'
              : 'The reason is journalled with your name.'}
          </p>
        </div>
        <div className="form-actions">
          <button type="button" onClick={submit(true)} disabled={busy || Boolean(hold)}>
            Place legal hold
          </button>
          <button type="button" onClick={submit(false)} disabled={busy || hold === null}>
            Release legal hold
          </button>
        </div>
        <p aria-live="polite" className="save-status">
          {busy ? 'Saving…' : (state?.message ?? '')}
        </p>
        {state?.status === 'error' && (
          <p className="error" role="alert">
            Legal hold not changed: {state.error}
          </p>
        )}
      </form>
    </section>
  );
}
