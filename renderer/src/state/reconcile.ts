/** Settle saves that main's state now confirms: a save is "saved" only when main says so. */
import type { GetState, SetState, StationUiState } from './types';

const decisionWord = (d: string) => (d === 'engage' ? 'Engage' : 'No engage');

export function reconcileSaves(set: SetState, get: GetState): void {
  const s = get();
  if (!s.station) return;
  const patch: Partial<StationUiState> = {};
  const said: string[] = [];
  for (const [id, save] of Object.entries(s.decisionSave)) {
    const alert = s.alerts.get(id);
    if (save.status !== 'saving' || !alert || alert.decisions.length <= save.base) continue;
    const latest = alert.decisions[alert.decisions.length - 1]!;
    patch.decisionSave = { ...(patch.decisionSave ?? s.decisionSave), [id]: { ...save, status: 'saved' } };
    patch.drafts = without(patch.drafts ?? s.drafts, id);
    patch.amending = without(patch.amending ?? s.amending, id);
    said.push(
      `Decision saved: ${decisionWord(latest.decision)} (revision ${latest.revision}) on the alert from ${alert.camera.label}.`,
    );
  }
  for (const [id, save] of Object.entries(s.outcomeSave)) {
    const alert = s.alerts.get(id);
    if (save.status !== 'saving' || !alert || alert.outcomes.length <= save.base) continue;
    patch.outcomeSave = { ...(patch.outcomeSave ?? s.outcomeSave), [id]: { ...save, status: 'saved' } };
    patch.outcomeDrafts = without(patch.outcomeDrafts ?? s.outcomeDrafts, id);
    said.push(`Outcome saved for the alert from ${alert.camera.label}.`);
  }
  if (said.length) set({ ...patch, saveAnnouncement: said.join(' ') });
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}
