import type { FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { OUTCOME_ACTION_MESSAGES, OUTCOME_RESULT_MESSAGES } from '../../../shared/i18n/glossary';
import { OUTCOME_ACTIONS, OUTCOME_RESULTS } from '../../../shared/vocabulary';
import { OUTCOME_MESSAGES as M } from './outcome-messages';
import type { OutcomeDraft, SaveState } from '../state/types';
import { ObservedFields } from './ObservedFields';
import { ProblemList } from './form/ProblemList';
import { RadioGroup } from './form/RadioGroup';
import { TextField } from './form/TextField';

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
  const intl = useIntl();
  const say = intl.formatMessage;
  const results = OUTCOME_RESULTS.map((value) => ({ value, label: say(OUTCOME_RESULT_MESSAGES[value]) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length === 0 && !saving) onSubmit();
  };
  return (
    <form className="panel outcome-form" aria-labelledby="outcome-heading" onSubmit={submit} noValidate>
      <h2 id="outcome-heading">{say(hasEarlier ? M.update : M.heading)}</h2>
      {warning && (
        <p className="form-warning" role="note">
          {warning}
        </p>
      )}
      <RadioGroup
        name="outcome-result"
        legend={say(M.result)}
        options={results}
        value={draft.result}
        onChange={(result) => onChange({ result })}
      />
      <ObservedFields sex={draft.observedSex} ethnicity={draft.observedEthnicity} onChange={onChange} />
      <div className="field">
        <label htmlFor="outcome-action">{say(M.action)}</label>
        <select
          id="outcome-action"
          value={draft.action}
          onChange={(e) => onChange({ action: e.target.value as OutcomeDraft['action'] })}
        >
          <option value="">{say(M.notStated)}</option>
          {OUTCOME_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {say(OUTCOME_ACTION_MESSAGES[a])}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <TextField
          id="outcome-officer-id"
          label={say(M.officerId)}
          value={draft.officerId}
          onChange={(officerId) => onChange({ officerId })}
        />
        <TextField
          id="outcome-officer-name"
          label={say(M.officerName)}
          value={draft.officerName}
          onChange={(officerName) => onChange({ officerName })}
        />
      </div>
      <TextField
        id="outcome-minutes"
        label={say(M.minutes)}
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
        {say(M.leaflet)}
      </label>
      <TextField
        id="outcome-notes"
        label={say(M.notes)}
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
          {say(M.record)}
        </button>
      </div>
      <ProblemList id="outcome-blockers" problems={problems} />
      <p aria-live="polite" className="save-status">
        {saving ? say(M.saving) : save?.status === 'saved' ? say(M.saved) : ''}
      </p>
      {save?.status === 'error' && (
        <p className="error" role="alert">
          {say(M.notSaved, { error: save.error })}
        </p>
      )}
    </form>
  );
}
