import type { FormEvent } from 'react';
import type { OutcomeRecord } from '../../../shared/view';
import {
  OUTCOME_ACTION_LABELS as ACTION_LABELS,
  OUTCOME_RESULT_LABELS as RESULT_LABELS,
} from '../../../shared/vocabulary';
import type { OutcomeDraft, SaveState } from '../state/types';
import { ObservedFields } from './ObservedFields';
import { ProblemList } from './form/ProblemList';
import { RadioGroup } from './form/RadioGroup';
import { TextField } from './form/TextField';

// The words are shared/vocabulary.ts's (the replay and reports use the same).
export { ACTION_LABELS, RESULT_LABELS };

const RESULTS = (Object.keys(RESULT_LABELS) as OutcomeRecord['result'][]).map((value) => ({
  value,
  label: RESULT_LABELS[value],
}));

interface OutcomeFormProps {
  draft: OutcomeDraft;
  problems: string[];
  save: SaveState | undefined;
  hasEarlier: boolean;
  /** Shown when the decision was amended after this outcome and now contradicts it. */
  warning?: string | null;
  onChange: (patch: Partial<OutcomeDraft>) => void;
  onSubmit: () => void;
}

/** What came of an engagement, as the engagement officers report it. */
export function OutcomeForm({
  draft,
  problems,
  save,
  hasEarlier,
  warning,
  onChange,
  onSubmit,
}: OutcomeFormProps) {
  const saving = save?.status === 'saving';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length === 0 && !saving) onSubmit();
  };
  return (
    <form className="panel outcome-form" aria-labelledby="outcome-heading" onSubmit={submit} noValidate>
      <h2 id="outcome-heading">{hasEarlier ? 'Update outcome' : 'Outcome of the engagement'}</h2>
      {warning && (
        <p className="form-warning" role="note">
          {warning}
        </p>
      )}
      <RadioGroup
        name="outcome-result"
        legend="Result"
        options={RESULTS}
        value={draft.result}
        onChange={(result) => onChange({ result })}
      />
      <ObservedFields sex={draft.observedSex} ethnicity={draft.observedEthnicity} onChange={onChange} />
      <div className="field">
        <label htmlFor="outcome-action">Action taken</label>
        <select
          id="outcome-action"
          value={draft.action}
          onChange={(e) => onChange({ action: e.target.value as OutcomeDraft['action'] })}
        >
          <option value="">Not stated</option>
          {(Object.keys(ACTION_LABELS) as (keyof typeof ACTION_LABELS)[]).map((a) => (
            <option key={a} value={a}>
              {ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <TextField
          id="outcome-officer-id"
          label="Engagement officer ID"
          value={draft.officerId}
          onChange={(officerId) => onChange({ officerId })}
        />
        <TextField
          id="outcome-officer-name"
          label="Engagement officer name"
          value={draft.officerName}
          onChange={(officerName) => onChange({ officerName })}
        />
      </div>
      <TextField
        id="outcome-minutes"
        label="Stop duration (minutes)"
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        step={1}
        value={draft.stopMinutes}
        onChange={(stopMinutes) => onChange({ stopMinutes })}
      />
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.leafletGiven}
          onChange={(e) => onChange({ leafletGiven: e.target.checked })}
        />
        Leaflet given
      </label>
      <TextField
        id="outcome-notes"
        label="Notes"
        rows={3}
        value={draft.notes}
        onChange={(notes) => onChange({ notes })}
      />
      <div className="form-actions">
        <button
          type="submit"
          className="primary"
          disabled={problems.length > 0 || saving}
          aria-describedby="outcome-blockers"
        >
          Record outcome
        </button>
      </div>
      <ProblemList id="outcome-blockers" problems={problems} />
      <p aria-live="polite" className="save-status">
        {saving ? 'Saving…' : save?.status === 'saved' ? 'Outcome saved.' : ''}
      </p>
      {save?.status === 'error' && (
        <p className="error" role="alert">
          Not saved: {save.error}
        </p>
      )}
    </form>
  );
}
