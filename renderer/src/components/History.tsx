import type { AlertView } from '../../../shared/view';
import { ALL_REASON_CODES } from '../../../shared/decision-rules';
import { localDateTime } from '../format';
import { ACTION_LABELS, RESULT_LABELS } from './OutcomeForm';

const reasonLabel = new Map(ALL_REASON_CODES.map((r) => [r.code, r.label]));

/** Every revision and outcome of one alert, oldest first; nothing on record is ever edited. */
export function History({ alert }: { alert: AlertView }) {
  const entries = [
    ...alert.decisions.map((d) => ({ at: d.decidedAt, key: `d${d.revision}`, kind: 'decision' as const, d })),
    ...alert.outcomes.map((o) => ({ at: o.recordedAt, key: `o${o.revision}`, kind: 'outcome' as const, o })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return (
    <section className="panel history" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {entries.length === 0 && <p className="muted">No decision recorded yet.</p>}
      <ol aria-label="Decision history" className="history-list">
        {entries.map((e) =>
          e.kind === 'decision' ? (
            <li key={e.key} className="history-item">
              <p>
                <strong>
                  Revision {e.d.revision}: {e.d.decision === 'engage' ? 'Engage' : 'No engage'}
                </strong>{' '}
                <span className="muted small">
                  {localDateTime(e.d.decidedAt)} by {e.d.operator.name} ({e.d.operator.id})
                </span>
              </p>
              <p className="small">Reasons: {e.d.reasons.map((r) => reasonLabel.get(r) ?? r).join('; ')}</p>
              <p className="rationale-text">“{e.d.rationale}”</p>
              {e.d.confirmedBy && (
                <p className="small">
                  Confirmed by {e.d.confirmedBy.name} ({e.d.confirmedBy.id}): {e.d.confirmedBy.note}
                </p>
              )}
              <p className="small muted">
                Journal entry {e.d.journal.seq} ·{' '}
                {e.d.recorded
                  ? 'Received by the feed server'
                  : e.d.rejected
                    ? 'Rejected by the feed server'
                    : 'Waiting to send'}
              </p>
              {e.d.rejected && (
                <p className="decision-rejected" role="note">
                  The feed server rejected this decision: <bdi>{e.d.rejected}</bdi>. Amend it to send a new
                  revision.
                </p>
              )}
            </li>
          ) : (
            <li key={e.key} className="history-item">
              <p>
                <strong>
                  Outcome {e.o.revision}: {RESULT_LABELS[e.o.result]}
                </strong>{' '}
                <span className="muted small">
                  {localDateTime(e.o.recordedAt)} by {e.o.recordedBy.name}
                </span>
              </p>
              <p className="small">
                {e.o.action ? `Action: ${ACTION_LABELS[e.o.action]}` : 'Action not stated'}
                {e.o.engagementOfficer
                  ? ` · Engagement officer ${e.o.engagementOfficer.name} (${e.o.engagementOfficer.id})`
                  : ''}
                {e.o.stopMinutes !== null ? ` · Stop ${e.o.stopMinutes} min` : ''}
                {e.o.leafletGiven !== null ? ` · Leaflet ${e.o.leafletGiven ? 'given' : 'not given'}` : ''}
              </p>
              {e.o.notes && <p className="rationale-text">{e.o.notes}</p>}
              <p className="small muted">
                {e.o.recorded ? 'Received by the feed server' : 'Waiting to send'}
              </p>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
