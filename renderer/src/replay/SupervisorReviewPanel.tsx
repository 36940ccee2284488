import { messageTable } from '../../../shared/message-table';
import { useEffect, useState, type FormEvent } from 'react';
import { defineMessages, useIntl } from 'react-intl';
import type { ReplayAlert, SupervisorReview } from '../../../shared/replay';
import { decisionWord } from './labels';
import { useWhen } from './when';
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

const M = messageTable(
  defineMessages({
    countersigned: {
      id: 'reports.review.countersigned',
      defaultMessage: 'Countersigned revision {revision}',
      description:
        'A supervisor review on record: the supervisor countersigned this revision of the decision',
    },
    disagreed: {
      id: 'reports.review.disagreed',
      defaultMessage: 'Disagreed revision {revision}',
      description:
        'A supervisor review on record: the supervisor disagreed with this revision of the decision',
    },
    countersign: {
      id: 'reports.review.countersign',
      defaultMessage: 'Countersign',
      description: 'Verdict choice: the supervisor agrees with the decision',
    },
    disagree: {
      id: 'reports.review.disagree',
      defaultMessage: 'Disagree',
      description: 'Verdict choice: the supervisor disagrees with the decision',
    },
    chooseVerdict: {
      id: 'reports.review.choose-verdict',
      defaultMessage: 'Choose Countersign or Disagree.',
      description: 'Problem: no verdict chosen (name the two choices as they are labelled)',
    },
    writeComment: {
      id: 'reports.review.write-comment',
      defaultMessage: 'Write a comment.',
      description: 'Problem: no comment written',
    },
    heading: {
      id: 'reports.review.heading',
      defaultMessage: 'Supervisor review',
      description: 'Panel heading',
    },
    onRecord: {
      id: 'reports.review.on-record',
      defaultMessage: 'Supervisor reviews on record',
      description: 'The list of reviews already journalled (accessible name)',
    },
    byLine: {
      id: 'reports.review.by-line',
      defaultMessage: '{at} by {name} ({id}) · journal entry {seq}',
      description: 'When and by whom a review was made, and its journal entry number',
    },
    none: {
      id: 'reports.review.none',
      defaultMessage: 'No supervisor review yet.',
      description: 'No review on record',
    },
    target: {
      id: 'reports.review.target',
      defaultMessage: 'Reviewing revision {revision} ({decision} by {name}).',
      description: 'Which decision the form reviews: its revision, the decision and the officer',
    },
    verdict: {
      id: 'reports.review.verdict',
      defaultMessage: 'Verdict',
      description: 'Field: countersign or disagree',
    },
    comment: { id: 'reports.review.comment', defaultMessage: 'Review comment', description: 'Field label' },
    record: {
      id: 'reports.review.record',
      defaultMessage: 'Record review',
      description: 'Button: journal the review',
    },
    saving: {
      id: 'reports.review.saving',
      defaultMessage: 'Saving…',
      description: 'While the review is saved',
    },
    recorded: {
      id: 'reports.review.recorded',
      defaultMessage: 'Review recorded in the journal.',
      description: 'The review was journalled',
    },
    failed: {
      id: 'reports.review.failed',
      defaultMessage: 'Review not recorded: {error}',
      description: 'The review could not be journalled; error is the reason',
    },
    later: {
      id: 'reports.review.later',
      defaultMessage: 'A decision can be reviewed once the replay time is past it.',
      description: 'No decision yet at the replay time, so nothing to review',
    },
  }),
);

/** Between the verdict and its line (a variable: the lint rule reads a literal as untranslated text). */
const SPACE = ' ';

/** A supervisor countersigns or disagrees with the decision shown; main journals it. */
export function SupervisorReviewPanel({ alert, reviews, state, onSubmit }: SupervisorReviewPanelProps) {
  const intl = useIntl();
  const when = useWhen();
  const say = (d: (typeof M)[keyof typeof M]) => intl.formatMessage(d);
  const verdicts = [
    { value: 'countersign', label: say(M.countersign) },
    { value: 'disagree', label: say(M.disagree) },
  ] as const;
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
  const problems = [!verdict && say(M.chooseVerdict), !comment.trim() && say(M.writeComment)].filter(
    (p): p is string => typeof p === 'string',
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!latest || !verdict || problems.length || busy) return;
    onSubmit({ revision: latest.revision, verdict, comment: comment.trim() });
  };

  return (
    <section className="panel supervisor-review" aria-labelledby="supervisor-review-heading">
      <h2 id="supervisor-review-heading">{say(M.heading)}</h2>
      {reviews.length > 0 ? (
        <ol aria-label={say(M.onRecord)} className="history-list">
          {reviews.map((r) => (
            <li key={r.seq} className="history-item">
              <p>
                <strong>
                  {intl.formatMessage(r.verdict === 'countersign' ? M.countersigned : M.disagreed, {
                    revision: String(r.revision),
                  })}
                </strong>
                {SPACE}
                <span className="muted small">
                  {intl.formatMessage(M.byLine, {
                    at: when.dateTime(r.at),
                    name: r.by.name,
                    id: r.by.id,
                    seq: String(r.seq),
                  })}
                </span>
              </p>
              <p className="rationale-text">{r.comment}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{say(M.none)}</p>
      )}
      {latest ? (
        <form onSubmit={submit} noValidate aria-describedby="review-target">
          <p id="review-target" className="small">
            {intl.formatMessage(M.target, {
              revision: String(latest.revision),
              decision: decisionWord(intl, latest.decision),
              name: latest.operator.name,
            })}
          </p>
          <RadioGroup
            name="review-verdict"
            legend={say(M.verdict)}
            options={verdicts}
            value={verdict}
            onChange={setVerdict}
          />
          <TextField
            id="review-comment"
            label={say(M.comment)}
            rows={3}
            value={comment}
            onChange={setComment}
            invalid={touched && !comment.trim()}
          />
          <ProblemList problems={touched ? problems : []} announce />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {say(M.record)}
            </button>
          </div>
          <p aria-live="polite" className="save-status">
            {busy ? say(M.saving) : state?.status === 'done' ? say(M.recorded) : ''}
          </p>
          {state?.status === 'error' && (
            <p className="error" role="alert">
              {intl.formatMessage(M.failed, { error: state.error })}
            </p>
          )}
        </form>
      ) : (
        <p className="muted small">{say(M.later)}</p>
      )}
    </section>
  );
}
