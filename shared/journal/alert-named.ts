/**
 * Which alert an entry's fold changes (fold.ts): what a summarised alert's read-back folds
 * again, and the alert the station makes whole before it folds the entry (issue 25.5,
 * electron/core/station/summaries.ts).
 */
/** Entry types whose fold reads or changes the alert their data names (by `alertId`). */
const ALERT_ENTRY_TYPES = new Set([
  'alert-received',
  'alert-withdrawn',
  'alert-shown',
  'alert-conflict',
  'alert-escalated',
  'escalation',
  'alert-settled',
  'claim',
  'claim-released',
  'decision',
  'decision-recorded',
  'outcome',
  'outcome-recorded',
]);

/**
 * The alert an entry's fold changes, or null: what a summarised alert's read-back folds
 * again, and what must be read back before the entry is folded (issue 25.5).
 */
export function alertIdNamed(type: string, data: object): string | null {
  if (!ALERT_ENTRY_TYPES.has(type)) return null;
  const alertId = (data as { alertId?: unknown }).alertId;
  return typeof alertId === 'string' ? alertId : null;
}
