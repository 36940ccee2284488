import { useEffect, useState, type FormEvent } from 'react';
import type { ReplayAlert, SupervisorReview } from '../../../shared/replay';
import { localDateTime } from '../format';
import type { Pending } from './replay-store';
import { ProblemList } from '../components/form/ProblemList';
import { RadioGroup } from '../components/form/RadioGroup';
import { TextField } from '../components/form/TextField';
import type { ReviewVerdict } from '../../../shared/vocabulary';

interface SupervisorReviewPanelProps {
  alert: ReplayAlert;
  /** Every review of this alert on record, including those just made. */
  reviews: SupervisorReview[];
  state: Pending | null;
  onSubmit: (p: { revision: number; verdict: ReviewVerdict; comment: string }) => void;
}

const VERDICT_WORD = { countersign: 'Countersigned', disagree: 'Disagreed' } as const;
const VERDICTS = [
  { value: 'countersign', label: 'Countersign' },
  { value: 'disagree', label: 'Disagree' },
] as const;

/** A supervisor countersigns or disagrees with the decision shown; main journals it. */
export function SupervisorReviewPanel({ alert, reviews, state, onSubmit }: SupervisorReviewPanelProps) {
  const [verdict, setVerdict] = useState<ReviewVerdict | null>(null);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const latest = alert.decisions[alert.decisions.length - 1];
  const done = state?.status === 'done';
  // Once main has journalled the review the form is cleared, ready for another.
  useEffect(() => {
    if (!done) return;
    setVerdict(null);
    setComment('');
    setTouched(false);
  }, [done]);
  const busy = state?.status === 'busy';
  const problems = [
    !verdict && 'Choose Countersign or Disagree.',
    !comment.trim() && 'Write a comment.',
  ].filter((p): p is string => typeof p === 'string');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!latest || !verdict || problems.length || busy) return;
    onSubmit({ revision: latest.revision, verdict, comment: comment.trim() });
  };

  return (
    <section className="panel supervisor-review" aria-labelledby="supervisor-review-heading">
      <h2 id="supervisor-review-heading">Supervisor review</h2>
      {reviews.length > 0 ? (
        <ol aria-label="Supervisor reviews on record" className="history-list">
          {reviews.map((r) => (
            <li key={r.seq} className="history-item">
              <p>
                <strong>
                  {VERDICT_WORD[r.verdict]} revision {r.revision}
                </strong>{' '}
                <span className="muted small">
                  {localDateTime(r.at)} by {r.by.name} ({r.by.id}) · journal entry {r.seq}
                </span>
              </p>
              <p className="rationale-text">{r.comment}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No supervisor review yet.</p>
      )}
      {latest ? (
        <form onSubmit={submit} noValidate aria-describedby="review-target">
          <p id="review-target" className="small">
            Reviewing revision {latest.revision} ({latest.decision === 'engage' ? 'Engage' : 'No engage'} by{' '}
            {latest.operator.name}).
          </p>
          <RadioGroup
            name="review-verdict"
            legend="Verdict"
            options={VERDICTS}
            value={verdict}
            onChange={setVerdict}
          />
          <TextField
            id="review-comment"
            label="Review comment"
            rows={3}
            value={comment}
            onChange={setComment}
            invalid={touched && !comment.trim()}
          />
          <ProblemList problems={touched ? problems : []} announce />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Record review
            </button>
          </div>
          <p aria-live="polite" className="save-status">
            {busy ? 'Saving…' : state?.status === 'done' ? 'Review recorded in the journal.' : ''}
          </p>
          {state?.status === 'error' && (
            <p className="error" role="alert">
              Review not recorded: {state.error}
            </p>
          )}
        </form>
      ) : (
        <p className="muted small">A decision can be reviewed once the replay time is past it.</p>
      )}
    </section>
  );
}
