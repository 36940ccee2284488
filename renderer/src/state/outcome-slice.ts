/** What came of an engagement: drafts per alert and saving. */
import { refusedWords } from '../i18n/refused';
import { defineMessages } from '@formatjs/intl';
import { screenIntl } from '../i18n/screen-intl';
import { messageTable } from '../../../shared/message-table';
import { reconcileSaves } from './reconcile';
import type { OutcomeDraft, OutcomeSlice, SliceContext } from './types';
import { errorText } from './types';

export const emptyOutcomeDraft = (): OutcomeDraft => ({
  result: null,
  action: '',
  officerId: '',
  officerName: '',
  stopMinutes: '',
  leafletGiven: false,
  notes: '',
  observedSex: null,
  observedEthnicity: null,
});

export function createOutcomeSlice({ set, get, bridge }: SliceContext): OutcomeSlice {
  return {
    outcomeDrafts: {},
    outcomeSave: {},
    setOutcomeDraft(alertId, patch) {
      const drafts = get().outcomeDrafts;
      const current = drafts[alertId] ?? emptyOutcomeDraft();
      set({ outcomeDrafts: { ...drafts, [alertId]: { ...current, ...patch } } });
    },
    async submitOutcome(alertId) {
      const s = get();
      const alert = s.alerts.get(alertId);
      const draft = s.outcomeDrafts[alertId];
      if (!alert || !draft || outcomeProblems(draft).length) return;
      if (s.outcomeSave[alertId]?.status === 'saving') return;
      const base = alert.outcomes.length;
      set({ outcomeSave: { ...s.outcomeSave, [alertId]: { status: 'saving', base, error: null } } });
      let error: string | null = null;
      try {
        const res = await bridge.recordOutcome(outcomePayload(alertId, draft));
        if (!res.ok) error = refusedWords(res);
      } catch (e) {
        error = errorText(e);
      }
      if (error !== null) {
        set({ outcomeSave: { ...get().outcomeSave, [alertId]: { status: 'error', base, error } } });
        return;
      }
      reconcileSaves(set, get);
    },
  };
}

const m = messageTable(
  defineMessages({
    result: {
      id: 'live.outcome.problem.result',
      defaultMessage: 'Choose a result.',
      description: 'Outcome form problem',
    },
    officer: {
      id: 'live.outcome.problem.officer',
      defaultMessage: 'Give both the engagement officer ID and name, or neither.',
      description: 'Outcome form problem',
    },
    minutes: {
      id: 'live.outcome.problem.minutes',
      defaultMessage: 'Stop duration is whole minutes, 0 to 1440.',
      description: 'Outcome form problem: how long the person was stopped',
    },
  }),
);

/** What stops an outcome from being recorded, in words (the language on screen now). */
export function outcomeProblems(draft: OutcomeDraft): string[] {
  const intl = screenIntl();
  const problems: string[] = [];
  if (!draft.result) problems.push(intl.formatMessage(m.result));
  const hasId = draft.officerId.trim() !== '';
  const hasName = draft.officerName.trim() !== '';
  if (hasId !== hasName) problems.push(intl.formatMessage(m.officer));
  if (draft.stopMinutes.trim() !== '') {
    const n = Number(draft.stopMinutes);
    if (!Number.isInteger(n) || n < 0 || n > 24 * 60) problems.push(intl.formatMessage(m.minutes));
  }
  return problems;
}

function outcomePayload(alertId: string, draft: OutcomeDraft) {
  return {
    alertId,
    result: draft.result!,
    ...(draft.action ? { action: draft.action } : {}),
    ...(draft.officerId.trim() && draft.officerName.trim()
      ? { engagementOfficer: { id: draft.officerId.trim(), name: draft.officerName.trim() } }
      : {}),
    ...(draft.stopMinutes.trim() !== '' ? { stopMinutes: Number(draft.stopMinutes) } : {}),
    leafletGiven: draft.leafletGiven,
    notes: draft.notes.trim(),
    ...observedPayload(draft),
  };
}

/** Only what the officer chose is sent: the core keeps an earlier revision's choice otherwise. */
function observedPayload(draft: OutcomeDraft) {
  const observed = {
    ...(draft.observedSex ? { sex: draft.observedSex } : {}),
    ...(draft.observedEthnicity ? { ethnicity: draft.observedEthnicity } : {}),
  };
  return Object.keys(observed).length ? { observed } : {};
}
