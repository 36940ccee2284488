import type { FormEvent } from 'react';
import type { OutcomeRecord } from '../../../shared/view';
import type { OutcomeDraft, SaveState } from '../store';

export const RESULT_LABELS: Record<OutcomeRecord['result'], string> = {
  'confirmed-true': 'Confirmed true',
  'confirmed-false': 'Confirmed false',
  'not-located': 'Not located',
};

export const ACTION_LABELS: Record<NonNullable<OutcomeRecord['action']>, string> = {
  arrest: 'Arrest',
  'compliance-check': 'Compliance check',
  advice: 'Advice given',
  'no-further-action': 'No further action',
  other: 'Other',
};

interface OutcomeFormProps {
  draft: OutcomeDraft;
  problems: string[];
  save: SaveState | undefined;
  hasEarlier: boolean;
  onChange: (patch: Partial<OutcomeDraft>) => void;
  onSubmit: () => void;
}

/** What came of an engagement, as the engagement officers report it. */
export function OutcomeForm({ draft, problems, save, hasEarlier, onChange, onSubmit }: OutcomeFormProps) {
  const saving = save?.status === 'saving';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problems.length === 0 && !saving) onSubmit();
  };
  return (
    <form className="panel outcome-form" aria-labelledby="outcome-heading" onSubmit={submit} noValidate>
      <h2 id="outcome-heading">{hasEarlier ? 'Update outcome' : 'Outcome of the engagement'}</h2>
      <fieldset className="choices" role="radiogroup" aria-labelledby="outcome-result-legend">
        <legend id="outcome-result-legend">Result</legend>
        {(Object.keys(RESULT_LABELS) as OutcomeRecord['result'][]).map((result) => (
          <label className="choice" key={result}>
            <input
              type="radio"
              name="outcome-result"
              value={result}
              checked={draft.result === result}
              onChange={() => onChange({ result })}
            />
            {RESULT_LABELS[result]}
          </label>
        ))}
      </fieldset>
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
        <div className="field">
          <label htmlFor="outcome-officer-id">Engagement officer ID</label>
          <input
            id="outcome-officer-id"
            type="text"
            autoComplete="off"
            value={draft.officerId}
            onChange={(e) => onChange({ officerId: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="outcome-officer-name">Engagement officer name</label>
          <input
            id="outcome-officer-name"
            type="text"
            autoComplete="off"
            value={draft.officerName}
            onChange={(e) => onChange({ officerName: e.target.value })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="outcome-minutes">Stop duration (minutes)</label>
        <input
          id="outcome-minutes"
          type="number"
          inputMode="numeric"
          min={0}
          max={1440}
          step={1}
          value={draft.stopMinutes}
          onChange={(e) => onChange({ stopMinutes: e.target.value })}
        />
      </div>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.leafletGiven}
          onChange={(e) => onChange({ leafletGiven: e.target.checked })}
        />
        Leaflet given
      </label>
      <div className="field">
        <label htmlFor="outcome-notes">Notes</label>
        <textarea
          id="outcome-notes"
          rows={3}
          value={draft.notes}
          onChange={(e) => onChange({ notes: e.target.value })}
        />
      </div>
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
      <div id="outcome-blockers" className="blockers">
        {problems.length > 0 && (
          <ul className="problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
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
