import { useIntl } from 'react-intl';
import { SPACE } from './marks';
import type { StationAlert } from '../../../shared/view';
import {
  DECISION_MESSAGES,
  OUTCOME_ACTION_MESSAGES,
  OUTCOME_RESULT_MESSAGES,
} from '../../../shared/i18n/glossary';
import { reasonText } from '../../../shared/problem-messages';
import { localDateTime } from '../format';
import { OUTCOME_MESSAGES as M } from './outcome-messages';

/** Every revision and outcome of one alert, oldest first; nothing on record is ever edited. */
export function History({ alert }: { alert: StationAlert }) {
  const entries = [
    ...alert.decisions.map((d) => ({ at: d.decidedAt, key: `d${d.revision}`, kind: 'decision' as const, d })),
    ...alert.outcomes.map((o) => ({ at: o.recordedAt, key: `o${o.revision}`, kind: 'outcome' as const, o })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const intl = useIntl();
  const say = intl.formatMessage;

  return (
    <section className="panel history" aria-labelledby="history-heading">
      <h2 id="history-heading">{say(M.history)}</h2>
      {entries.length === 0 && <p className="muted">{say(M.noDecision)}</p>}
      <ol aria-label={say(M.historyList)} className="history-list">
        {entries.map((e) =>
          e.kind === 'decision' ? (
            <li key={e.key} className="history-item">
              <p>
                <strong>
                  {say(M.revision, {
                    revision: e.d.revision,
                    decision: say(DECISION_MESSAGES[e.d.decision]),
                  })}
                </strong>
                {SPACE}
                <span className="muted small">
                  {say(M.by, {
                    time: localDateTime(e.d.decidedAt),
                    name: e.d.operator.name,
                    id: e.d.operator.id,
                  })}
                </span>
              </p>
              <p className="small">
                {say(M.reasons, { reasons: e.d.reasons.map((r) => reasonText(intl, r)).join('; ') })}
              </p>
              <p className="rationale-text">{say(M.quoted, { text: e.d.rationale })}</p>
              {e.d.confirmedBy && (
                <p className="small">
                  {say(M.confirmedBy, {
                    name: e.d.confirmedBy.name,
                    id: e.d.confirmedBy.id,
                    note: e.d.confirmedBy.note,
                  })}
                </p>
              )}
              <p className="small muted">
                {say(M.journalEntry, {
                  seq: e.d.journal.seq,
                  state: say(e.d.recorded ? M.received : e.d.rejected ? M.rejectedState : M.waiting),
                })}
              </p>
              {e.d.rejected && (
                <p className="decision-rejected" role="note">
                  {say(M.rejected, { reason: <bdi>{e.d.rejected}</bdi> })}
                </p>
              )}
            </li>
          ) : (
            <li key={e.key} className="history-item">
              <p>
                <strong>
                  {say(M.outcome, {
                    revision: e.o.revision,
                    result: say(OUTCOME_RESULT_MESSAGES[e.o.result]),
                  })}
                </strong>
                {SPACE}
                <span className="muted small">
                  {say(M.outcomeBy, { time: localDateTime(e.o.recordedAt), name: e.o.recordedBy.name })}
                </span>
              </p>
              <p className="small">
                {e.o.action
                  ? say(M.actionIs, { action: say(OUTCOME_ACTION_MESSAGES[e.o.action]) })
                  : say(M.actionNotStated)}
                {e.o.engagementOfficer
                  ? say(M.officer, { name: e.o.engagementOfficer.name, id: e.o.engagementOfficer.id })
                  : ''}
                {e.o.stopMinutes !== null ? say(M.stop, { minutes: e.o.stopMinutes }) : ''}
                {e.o.leafletGiven !== null ? say(e.o.leafletGiven ? M.leafletGiven : M.leafletNotGiven) : ''}
              </p>
              {e.o.notes && <p className="rationale-text">{e.o.notes}</p>}
              <p className="small muted">{say(e.o.recorded ? M.received : M.waiting)}</p>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
