import { messageTable } from '../../../shared/message-table';
import { useState, type FormEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import type { DeploymentListing } from '../../../shared/replay';
import type { ReplayUiState } from './replay-store';
import { useWhen } from './when';

const M = messageTable(
  defineMessages({
    heading: { id: 'reports.hold.heading', defaultMessage: 'Legal hold', description: 'Panel heading' },
    unknown: {
      id: 'reports.hold.unknown',
      defaultMessage: 'Legal hold status unknown for this journal.',
      description: 'Whether the deployment is on legal hold is not known',
    },
    on: {
      id: 'reports.hold.on',
      defaultMessage: 'On hold since {at} by {name}: {reason}',
      description: 'The deployment is on legal hold: since when, by whom, and why',
    },
    off: {
      id: 'reports.hold.off',
      defaultMessage: 'Deployment {id} is not on legal hold; its images are deleted when retention ends.',
      description: 'The deployment is not on legal hold',
    },
    reason: { id: 'reports.hold.reason', defaultMessage: 'Legal hold reason', description: 'Field label' },
    missing: {
      id: 'reports.hold.missing',
      defaultMessage: 'Give a reason: it is journalled.',
      description: 'The reason field is empty',
    },
    hint: {
      id: 'reports.hold.hint',
      defaultMessage: 'The reason is journalled with your name.',
      description: 'Hint under the reason field',
    },
    place: { id: 'reports.hold.place', defaultMessage: 'Place legal hold', description: 'Button' },
    release: { id: 'reports.hold.release', defaultMessage: 'Release legal hold', description: 'Button' },
    saving: {
      id: 'reports.hold.saving',
      defaultMessage: 'Saving…',
      description: 'While the hold is being saved',
    },
    failed: {
      id: 'reports.hold.failed',
      defaultMessage: 'Legal hold not changed: {error}',
      description: 'The hold could not be changed; error is the reason',
    },
  }),
);

interface LegalHoldProps {
  deploymentId: string;
  hold: DeploymentListing['legalHold'] | undefined;
  state: ReplayUiState['hold'];
  onSubmit: (active: boolean, reason: string) => void;
}

/** A legal hold stops retention deleting a deployment's images; placing and releasing both need a reason. */
export function LegalHold({ deploymentId, hold, state, onSubmit }: LegalHoldProps) {
  const intl = useIntl();
  const when = useWhen();
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
      <h2 id="legal-hold-heading">{intl.formatMessage(M.heading)}</h2>
      <p>
        {hold === undefined
          ? intl.formatMessage(M.unknown)
          : hold
            ? intl.formatMessage(M.on, {
                at: when.dateTime(hold.at),
                name: hold.by.name,
                reason: hold.reason,
              })
            : intl.formatMessage(M.off, { id: deploymentId })}
      </p>
      <form onSubmit={submit(!hold)} noValidate aria-labelledby="legal-hold-heading">
        <div className="field">
          <label htmlFor="legal-hold-reason">{intl.formatMessage(M.reason)}</label>
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
            {intl.formatMessage(touched && missing ? M.missing : M.hint)}
          </p>
        </div>
        <div className="form-actions">
          <button type="button" onClick={submit(true)} disabled={busy || Boolean(hold)}>
            {intl.formatMessage(M.place)}
          </button>
          <button type="button" onClick={submit(false)} disabled={busy || hold === null}>
            {intl.formatMessage(M.release)}
          </button>
        </div>
        <p aria-live="polite" className="save-status">
          {busy ? intl.formatMessage(M.saving) : (state?.message ?? '')}
        </p>
        {state?.status === 'error' && (
          <p className="error" role="alert">
            {intl.formatMessage(M.failed, { error: state.error })}
          </p>
        )}
      </form>
    </section>
  );
}
