/**
 * Equality monitoring on the outcome form (issue 27, lfr-feed-v1 `outcome.observed`):
 * the engagement officer's perception of the person engaged. Each defaults to "Not
 * recorded". The words live here and in shared/vocabulary.ts so they can be translated.
 */
import {
  OBSERVED_ETHNICITIES,
  OBSERVED_ETHNICITY_LABELS,
  OBSERVED_SEXES,
  OBSERVED_SEX_LABELS,
  type ObservedEthnicity,
  type ObservedSex,
} from '../../../shared/vocabulary';

export const OBSERVED_TEXT = {
  legend: 'Equality monitoring',
  sex: 'Observed sex',
  ethnicity: 'Observed ethnic group',
  note: 'The engagement officer’s perception, for equality monitoring only; never shown to other officers.',
} as const;

interface ObservedFieldsProps {
  sex: ObservedSex | null;
  ethnicity: ObservedEthnicity | null;
  onChange: (patch: { observedSex?: ObservedSex; observedEthnicity?: ObservedEthnicity }) => void;
}

export function ObservedFields({ sex, ethnicity, onChange }: ObservedFieldsProps) {
  return (
    <fieldset className="observed-fields" aria-describedby="observed-note">
      <legend>{OBSERVED_TEXT.legend}</legend>
      <p id="observed-note" className="field-note">
        {OBSERVED_TEXT.note}
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="observed-sex">{OBSERVED_TEXT.sex}</label>
          <select
            id="observed-sex"
            aria-describedby="observed-note"
            value={sex ?? 'not-recorded'}
            onChange={(e) => onChange({ observedSex: e.target.value as ObservedSex })}
          >
            {OBSERVED_SEXES.map((value) => (
              <option key={value} value={value}>
                {OBSERVED_SEX_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="observed-ethnicity">{OBSERVED_TEXT.ethnicity}</label>
          <select
            id="observed-ethnicity"
            aria-describedby="observed-note"
            value={ethnicity ?? 'not-recorded'}
            onChange={(e) => onChange({ observedEthnicity: e.target.value as ObservedEthnicity })}
          >
            {OBSERVED_ETHNICITIES.map((value) => (
              <option key={value} value={value}>
                {OBSERVED_ETHNICITY_LABELS[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
