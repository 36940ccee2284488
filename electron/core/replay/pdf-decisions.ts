/**
 * The oversight report's decision record (issue 24): every alert that was decided,
 * withdrawn or reviewed, with each decision revision in full (officer, UK time, reasons
 * in words, the whole rationale, any second officer), each outcome, and each supervisor
 * verdict with its whole comment. Nothing is cut: text wraps and runs onto the next page.
 */
import { ALL_REASON_CODES } from '../../../shared/decision-rules';
import type { ReplayAlert } from '../../../shared/replay';
import { ukDateTime } from '../../../shared/uk-time';
import type { DecisionRecord, OutcomeRecord } from '../../../shared/view';
import type { Writer } from './pdf-writer';

const REASON_LABEL = new Map(ALL_REASON_CODES.map((r) => [r.code, r.label]));
const TIER_WORD = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

export const reasonWords = (codes: readonly string[]) =>
  codes.length ? codes.map((c) => REASON_LABEL.get(c) ?? c).join('; ') : 'none given';

const decisionWord = (d: DecisionRecord['decision']) => (d === 'engage' ? 'Engage' : 'No engage');

/** One line saying what the alert was: used here and on the pages with images. */
export function alertLine(alert: ReplayAlert): string {
  return `${TIER_WORD[alert.subject.tier]} tier, ${alert.subject.category}; camera ${alert.camera.label}; captured ${ukDateTime(alert.capturedAt)}; score ${alert.score} (threshold ${alert.threshold})`;
}

function decisionFields(d: DecisionRecord): Array<[string, string]> {
  const rows: Array<[string, string]> = [
    [`Revision ${d.revision}`, `${decisionWord(d.decision)}, ${ukDateTime(d.decidedAt)}`],
    ['Officer', `${d.operator.name} (${d.operator.id})`],
    ['Reasons', reasonWords(d.reasons)],
    ['Rationale', d.rationale],
  ];
  if (d.confirmedBy)
    rows.push(['Second officer', `${d.confirmedBy.name} (${d.confirmedBy.id}): ${d.confirmedBy.note}`]);
  if (d.rejected) rows.push(['Feed server', `rejected: ${d.rejected}`]);
  return rows;
}

function outcomeFields(o: OutcomeRecord): Array<[string, string]> {
  const detail = [
    o.action ? `action ${o.action}` : null,
    o.stopMinutes !== null ? `stop ${o.stopMinutes} min` : null,
    o.leafletGiven === null ? null : o.leafletGiven ? 'leaflet given' : 'no leaflet',
    o.engagementOfficer ? `engagement officer ${o.engagementOfficer.name} (${o.engagementOfficer.id})` : null,
  ].filter(Boolean);
  return [
    [`Outcome revision ${o.revision}`, `${o.result}${detail.length ? `; ${detail.join('; ')}` : ''}`],
    ['Recorded by', `${o.recordedBy.name} (${o.recordedBy.id}), ${ukDateTime(o.recordedAt)}`],
    ['Outcome notes', o.notes || 'none'],
  ];
}

/** The decision record of one alert (also used on its page with images). */
export function alertRecord(w: Writer, alert: ReplayAlert): void {
  w.para(alertLine(alert), { size: 9 });
  if (alert.status === 'withdrawn') w.fields([['Withdrawn', alert.withdrawnReason ?? 'no reason given']]);
  if (alert.decisions.length === 0 && alert.status !== 'withdrawn') w.fields([['Decision', 'none recorded']]);
  for (const d of alert.decisions) w.fields(decisionFields(d));
  const latest = alert.decisions.at(-1);
  if (latest?.decision === 'engage' && alert.outcomes.length === 0)
    w.fields([['Outcome', 'none recorded (outcome due)']]);
  for (const o of alert.outcomes) w.fields(outcomeFields(o));
  if (alert.reviews.length === 0 && alert.decisions.length > 0)
    w.fields([['Supervisor verdict', 'not reviewed']]);
  for (const r of alert.reviews)
    w.fields([
      [
        'Supervisor verdict',
        `${r.verdict === 'countersign' ? 'Countersigned' : 'Disagreed'} (revision ${r.revision}) by ${r.by.name} (${r.by.id}), ${ukDateTime(r.at)}`,
      ],
      ['Supervisor comment', r.comment],
    ]);
}

export function decisionRecord(w: Writer, alerts: readonly ReplayAlert[]): void {
  w.heading('Decision record');
  const listed = alerts.filter((a) => a.decisions.length > 0 || a.status === 'withdrawn' || a.reviews.length);
  w.para(
    `Every decision in full, in the order the alerts arrived: ${listed.length} of ${alerts.length} alerts. Times are UK local time (GMT or BST).`,
    { size: 9, colour: '#444' },
  );
  for (const alert of listed) {
    w.heading(`Alert #${alert.seq}`, 3);
    alertRecord(w, alert);
  }
}
