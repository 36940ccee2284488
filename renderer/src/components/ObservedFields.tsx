/**
 * Equality monitoring on the outcome form (issue 27, lfr-feed-v1 `outcome.observed`):
 * the engagement officer's perception of the person engaged. Each defaults to "Not
 * recorded". The words live here and in shared/vocabulary.ts so they can be translated.
 */
import { useIntl } from 'react-intl';
import { OBSERVED_ETHNICITY_MESSAGES, OBSERVED_SEX_MESSAGES } from '../../../shared/i18n/glossary';
import {
  OBSERVED_ETHNICITIES,
  OBSERVED_SEXES,
  type ObservedEthnicity,
  type ObservedSex,
} from '../../../shared/vocabulary';
import { OUTCOME_MESSAGES as M } from './outcome-messages';

interface ObservedFieldsProps {
  sex: ObservedSex | null;
  ethnicity: ObservedEthnicity | null;
  onChange: (patch: { observedSex?: ObservedSex; observedEthnicity?: ObservedEthnicity }) => void;
}

export function ObservedFields({ sex, ethnicity, onChange }: ObservedFieldsProps) {
  const say = useIntl().formatMessage;
  return (
    <fieldset className="observed-fields" aria-describedby="observed-note">
      <legend>{say(M.observedLegend)}</legend>
      <p id="observed-note" className="field-note">
        {say(M.observedNote)}
      </p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="observed-sex">{say(M.observedSex)}</label>
          <select
            id="observed-sex"
            aria-describedby="observed-note"
            value={sex ?? 'not-recorded'}
            onChange={(e) => onChange({ observedSex: e.target.value as ObservedSex })}
          >
            {OBSERVED_SEXES.map((value) => (
              <option key={value} value={value}>
                {say(OBSERVED_SEX_MESSAGES[value])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="observed-ethnicity">{say(M.observedEthnicity)}</label>
          <select
            id="observed-ethnicity"
            aria-describedby="observed-note"
            value={ethnicity ?? 'not-recorded'}
            onChange={(e) => onChange({ observedEthnicity: e.target.value as ObservedEthnicity })}
          >
            {OBSERVED_ETHNICITIES.map((value) => (
              <option key={value} value={value}>
                {say(OBSERVED_ETHNICITY_MESSAGES[value])}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
