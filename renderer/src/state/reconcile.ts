/** Settle saves that main's state now confirms: a save is "saved" only when main says so. */
import { defineMessages } from '@formatjs/intl';
import { DECISION_MESSAGES } from '../../../shared/i18n/glossary';
import { screenIntl } from '../i18n/screen-intl';
import { messageTable } from '../../../shared/message-table';
import type { GetState, SetState, StationUiState } from './types';

const m = messageTable(
  defineMessages({
    decisionSaved: {
      id: 'live.announce.decision-saved',
      defaultMessage: 'Decision saved: {decision} (revision {revision}) on the alert from {camera}.',
      description: 'Screen-reader announcement; {decision} is Engage or No engage, {camera} a camera’s name',
    },
    outcomeSaved: {
      id: 'live.announce.outcome-saved',
      defaultMessage: 'Outcome saved for the alert from {camera}.',
      description: 'Screen-reader announcement; {camera} is a camera’s name',
    },
  }),
);

export function reconcileSaves(set: SetState, get: GetState): void {
  const s = get();
  if (!s.station) return;
  const patch: Partial<StationUiState> = {};
  const said: string[] = [];
  const intl = screenIntl();
  for (const [id, save] of Object.entries(s.decisionSave)) {
    const alert = s.alerts.get(id);
    if (save.status !== 'saving' || !alert || alert.decisions.length <= save.base) continue;
    const latest = alert.decisions[alert.decisions.length - 1]!;
    patch.decisionSave = { ...(patch.decisionSave ?? s.decisionSave), [id]: { ...save, status: 'saved' } };
    patch.drafts = without(patch.drafts ?? s.drafts, id);
    patch.amending = without(patch.amending ?? s.amending, id);
    said.push(
      intl.formatMessage(m.decisionSaved, {
        decision: intl.formatMessage(DECISION_MESSAGES[latest.decision]),
        revision: latest.revision,
        camera: alert.camera.label,
      }),
    );
  }
  for (const [id, save] of Object.entries(s.outcomeSave)) {
    const alert = s.alerts.get(id);
    if (save.status !== 'saving' || !alert || alert.outcomes.length <= save.base) continue;
    patch.outcomeSave = { ...(patch.outcomeSave ?? s.outcomeSave), [id]: { ...save, status: 'saved' } };
    patch.outcomeDrafts = without(patch.outcomeDrafts ?? s.outcomeDrafts, id);
    said.push(intl.formatMessage(m.outcomeSaved, { camera: alert.camera.label }));
  }
  if (said.length) set({ ...patch, saveAnnouncement: said.join(' ') });
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}
