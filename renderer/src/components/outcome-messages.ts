/** The outcome form's and the history's words (results, actions and groups are the glossary's). */
import { defineMessages } from 'react-intl';
import { messageTable } from '../../../shared/message-table';

export const OUTCOME_MESSAGES = messageTable(
  defineMessages({
    update: {
      id: 'components.outcome.update',
      defaultMessage: 'Update outcome',
      description: 'Outcome form heading, when one is on record',
    },
    heading: {
      id: 'components.outcome.heading',
      defaultMessage: 'Outcome of the engagement',
      description: 'Outcome form heading',
    },
    result: {
      id: 'components.outcome.result',
      defaultMessage: 'Result',
      description: 'Legend: the outcome result',
    },
    action: { id: 'components.outcome.action', defaultMessage: 'Action taken', description: 'Field label' },
    notStated: {
      id: 'components.outcome.not-stated',
      defaultMessage: 'Not stated',
      description: 'No action chosen',
    },
    officerId: {
      id: 'components.outcome.officer-id',
      defaultMessage: 'Engagement officer ID',
      description: 'Field label',
    },
    officerName: {
      id: 'components.outcome.officer-name',
      defaultMessage: 'Engagement officer name',
      description: 'Field label',
    },
    minutes: {
      id: 'components.outcome.minutes',
      defaultMessage: 'Stop duration (minutes)',
      description: 'Field label',
    },
    leaflet: {
      id: 'components.outcome.leaflet',
      defaultMessage: 'Leaflet given',
      description: 'Checkbox: the person was given the LFR information leaflet',
    },
    notes: { id: 'components.outcome.notes', defaultMessage: 'Notes', description: 'Field label' },
    record: {
      id: 'components.outcome.record',
      defaultMessage: 'Record outcome',
      description: 'Submit button',
    },
    saving: {
      id: 'components.outcome.saving',
      defaultMessage: 'Saving…',
      description: 'While the outcome is saved',
    },
    saved: { id: 'components.outcome.saved', defaultMessage: 'Outcome saved.', description: 'After saving' },
    notSaved: {
      id: 'components.outcome.not-saved',
      defaultMessage: 'Not saved: {error}',
      description: 'The station refused or failed to save; {error} is its reason',
    },
    observedLegend: {
      id: 'components.observed.legend',
      defaultMessage: 'Equality monitoring',
      description: 'Fieldset of the observed sex and ethnic group',
    },
    observedSex: {
      id: 'components.observed.sex',
      defaultMessage: 'Observed sex',
      description: 'Field label',
    },
    observedEthnicity: {
      id: 'components.observed.ethnicity',
      defaultMessage: 'Observed ethnic group',
      description: 'Field label',
    },
    observedNote: {
      id: 'components.observed.note',
      defaultMessage:
        'The engagement officer’s perception, for equality monitoring only; never shown to other officers.',
      description: 'Note under equality monitoring',
    },
    history: { id: 'components.history.heading', defaultMessage: 'History', description: 'Panel heading' },
    noDecision: {
      id: 'components.history.none',
      defaultMessage: 'No decision recorded yet.',
      description: 'Empty history',
    },
    historyList: {
      id: 'components.history.list',
      defaultMessage: 'Decision history',
      description: 'Accessible name',
    },
    revision: {
      id: 'components.history.revision',
      defaultMessage: 'Revision {revision}: {decision}',
      description: 'A decision revision; {decision} is Engage / No engage',
    },
    by: {
      id: 'components.history.by',
      defaultMessage: '{time} by {name} ({id})',
      description: 'When and who decided',
    },
    quoted: {
      id: 'components.history.quoted',
      defaultMessage: '“{text}”',
      description: 'The officer’s rationale, quoted (use the quotation marks of the language)',
    },
    reasons: {
      id: 'components.history.reasons',
      defaultMessage: 'Reasons: {reasons}',
      description: 'The reasons chosen',
    },
    confirmedBy: {
      id: 'components.history.confirmed-by',
      defaultMessage: 'Confirmed by {name} ({id}): {note}',
      description: 'The second officer’s confirmation',
    },
    journalEntry: {
      id: 'components.history.journal-entry',
      defaultMessage: 'Journal entry {seq} · {state}',
      description: 'Where the decision is in the journal, and whether the feed server has it',
    },
    received: {
      id: 'components.history.received',
      defaultMessage: 'Received by the feed server',
      description: 'Send state',
    },
    rejectedState: {
      id: 'components.history.rejected-state',
      defaultMessage: 'Rejected by the feed server',
      description: 'Send state',
    },
    waiting: {
      id: 'components.history.waiting',
      defaultMessage: 'Waiting to send',
      description: 'Send state',
    },
    rejected: {
      id: 'components.history.rejected',
      defaultMessage: 'The feed server rejected this decision: {reason}. Amend it to send a new revision.',
      description: 'The feed server refused the decision; {reason} is its reason as sent',
    },
    outcome: {
      id: 'components.history.outcome',
      defaultMessage: 'Outcome {revision}: {result}',
      description: 'An outcome revision; {result} is a glossary outcome result',
    },
    outcomeBy: {
      id: 'components.history.outcome-by',
      defaultMessage: '{time} by {name}',
      description: 'When and who',
    },
    actionIs: {
      id: 'components.history.action',
      defaultMessage: 'Action: {action}',
      description: 'Action taken',
    },
    actionNotStated: {
      id: 'components.history.action-not-stated',
      defaultMessage: 'Action not stated',
      description: 'No action recorded',
    },
    officer: {
      id: 'components.history.officer',
      defaultMessage: ' · Engagement officer {name} ({id})',
      description: 'Appended (starts with " · ")',
    },
    stop: {
      id: 'components.history.stop',
      defaultMessage: ' · Stop {minutes} min',
      description: 'Appended: stop duration',
    },
    leafletGiven: {
      id: 'components.history.leaflet-given',
      defaultMessage: ' · Leaflet given',
      description: 'Appended',
    },
    leafletNotGiven: {
      id: 'components.history.leaflet-not-given',
      defaultMessage: ' · Leaflet not given',
      description: 'Appended',
    },
  }),
);
