/** The decision form's own words (the fixed terms are the glossary's). */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';

export const DECISION_FORM_MESSAGES = messageTable(
  defineMessages({
    heading: {
      id: 'components.decision.heading',
      defaultMessage: 'Your decision',
      description: 'Decision form heading',
    },
    amendHeading: {
      id: 'components.decision.amend-heading',
      defaultMessage: 'Amend decision (revision {revision})',
      description: 'Decision form heading when amending; {revision} is the number the amendment will have',
    },
    legend: {
      id: 'components.decision.legend',
      defaultMessage: 'Decision',
      description: 'Engage / No engage choice',
    },
    amendNote: {
      id: 'components.decision.amend-note',
      defaultMessage: 'The earlier decision stays on record. This amendment is added with its own rationale.',
      description: 'Decision form, when amending',
    },
    amendsOutcome: {
      id: 'components.decision.amends-outcome',
      defaultMessage: 'Recording it amends the outcome too: a new outcome revision with your note.',
      description: 'After the sentence saying No engage contradicts a recorded outcome',
    },
    outcomeNote: {
      id: 'components.decision.outcome-note',
      defaultMessage: 'Why the recorded outcome no longer stands',
      description: 'Label of a text field: the officer explains why the recorded outcome is amended',
    },
    reasons: {
      id: 'components.decision.reasons',
      defaultMessage: 'Reasons',
      description: 'Reason codes, legend',
    },
    rationale: {
      id: 'components.decision.rationale',
      defaultMessage: 'Rationale',
      description: 'Label: the officer’s written reasons for the decision',
    },
    counter: {
      id: 'components.decision.counter',
      defaultMessage: '{length} / {min} characters minimum',
      description: 'Rationale counter: characters written / the minimum required',
    },
    secondLegend: {
      id: 'components.decision.second-legend',
      defaultMessage: 'Second officer confirmation',
      description: 'Two-person check fieldset',
    },
    secondNeeded: {
      id: 'components.decision.second-needed',
      defaultMessage: 'Engaging on this tier needs a second officer to confirm.',
      description: 'Two-person check explanation',
    },
    secondId: {
      id: 'components.decision.second-id',
      defaultMessage: 'Second officer ID',
      description: 'Field label',
    },
    secondName: {
      id: 'components.decision.second-name',
      defaultMessage: 'Second officer name',
      description: 'Field label',
    },
    secondNote: {
      id: 'components.decision.second-note',
      defaultMessage: 'Confirmation note',
      description: 'Field label: the second officer’s note confirming the engage',
    },
    notRecorded: {
      id: 'components.decision.not-recorded',
      defaultMessage: 'Not recorded. {problems}',
      description: 'Said and shown when Record decision is pressed too early; {problems} are the reasons',
    },
    record: {
      id: 'components.decision.record',
      defaultMessage: 'Record decision',
      description: 'Submit button',
    },
    cancelAmend: {
      id: 'components.decision.cancel-amend',
      defaultMessage: 'Cancel amendment',
      description: 'Button: give up amending the decision',
    },
    notReady: {
      id: 'components.decision.not-ready',
      defaultMessage: 'Not ready to record:',
      description: 'Before the list of what stops the decision being recorded',
    },
    notReadyRegion: {
      id: 'components.decision.not-ready-region',
      defaultMessage: 'Not ready to record',
      description: 'Accessible name of the scrolling list of what stops the decision being recorded',
    },
    saving: {
      id: 'components.decision.saving',
      defaultMessage: 'Saving…',
      description: 'While the decision is saved',
    },
    notSaved: {
      id: 'components.decision.not-saved',
      defaultMessage: 'Not saved: {error}',
      description: 'The station refused or failed to save; {error} is its reason',
    },
  }),
);
