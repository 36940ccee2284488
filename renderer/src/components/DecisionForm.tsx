import type { FormEvent } from 'react';
import {
  MAX_RATIONALE,
  MIN_RATIONALE,
  REASON_CODES,
  REASON_GROUP_LABELS,
  type ReasonGroup,
} from '../../../shared/decision-rules';
import type { DecisionKind } from '../../../shared/feed/schemas';
import type { DecisionFormDraft, FormProblem, SecondOfficer } from '../form-rules';
import type { SaveState } from '../store';

interface DecisionFormProps {
  mode: 'decide' | 'amend';
  /** Revision this form would record (1 for a first decision). */
  revision: number;
  draft: DecisionFormDraft;
  problems: FormProblem[];
  needsSecondOfficer: boolean;
  save: SaveState | undefined;
  onDecision: (decision: DecisionKind) => void;
  onToggleReason: (code: string) => void;
  onRationale: (text: string) => void;
  onSecond: (patch: Partial<SecondOfficer>) => void;
  onSubmit: () => void;
  onCancel?: () => void;
  /** Replay: the form as it was decided, every control read-only, nothing to submit. */
  readOnly?: boolean;
  /** Replaces the heading (replay names the revision and who decided). */
  heading?: string;
}

const GROUPS: ReasonGroup[] = ['subject', 'system', 'environment'];

export function DecisionForm(props: DecisionFormProps) {
  const { mode, revision, draft, problems, needsSecondOfficer, save, onSubmit, readOnly = false } = props;
  const saving = save?.status === 'saving';
  const locked = saving || readOnly;
  const blocked = problems.length > 0 || saving;
  const length = draft.rationale.trim().length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!blocked && !readOnly) onSubmit();
  };

  return (
    <form
      className="panel decision-form"
      data-decision-form={readOnly ? undefined : true}
      aria-labelledby="decision-form-heading"
      onSubmit={submit}
      noValidate
    >
      <h2 id="decision-form-heading">
        {props.heading ?? (mode === 'amend' ? `Amend decision (revision ${revision})` : 'Your decision')}
      </h2>
      {mode === 'amend' && !readOnly && (
        <p className="muted">
          The earlier decision stays on record. This amendment is added with its own rationale.
        </p>
      )}

      <fieldset className="choices decision-choice" role="radiogroup" aria-labelledby="decision-legend">
        <legend id="decision-legend">Decision</legend>
        {(['engage', 'no-engage'] as const).map((kind) => (
          <span className={`choice big ${kind}`} key={kind}>
            <input
              id={`decision-${kind}`}
              type="radio"
              name="decision"
              value={kind}
              checked={draft.decision === kind}
              onChange={() => props.onDecision(kind)}
              disabled={locked}
            />
            <label htmlFor={`decision-${kind}`}>{kind === 'engage' ? 'Engage' : 'No engage'}</label>
            {!readOnly && <kbd aria-hidden="true">{kind === 'engage' ? 'e' : 'n'}</kbd>}
          </span>
        ))}
      </fieldset>

      <fieldset className="reasons" aria-labelledby="reasons-legend">
        <legend id="reasons-legend">Reasons</legend>
        {GROUPS.map((group) => (
          <fieldset key={group} className="reason-group" aria-labelledby={`reasons-${group}`}>
            <legend id={`reasons-${group}`}>{REASON_GROUP_LABELS[group]}</legend>
            {REASON_CODES.filter((r) => r.group === group).map((r) => (
              <label className="choice" key={r.code}>
                <input
                  type="checkbox"
                  value={r.code}
                  checked={draft.reasons.includes(r.code)}
                  onChange={() => props.onToggleReason(r.code)}
                  disabled={locked}
                />
                {r.label}
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor="rationale">Rationale</label>
        <textarea
          id="rationale"
          rows={4}
          maxLength={MAX_RATIONALE}
          value={draft.rationale}
          onChange={(e) => props.onRationale(e.target.value)}
          aria-describedby={readOnly ? undefined : 'rationale-counter rationale-hint'}
          readOnly={locked}
        />
        {!readOnly && (
          <>
            <p id="rationale-hint" className="muted small">
              In your own words: what you compared and why you decided. <kbd>r</kbd> jumps here;{' '}
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> records.
            </p>
            <p id="rationale-counter" className={`counter${length >= MIN_RATIONALE ? ' ok' : ''}`}>
              {length} / {MIN_RATIONALE} characters minimum
            </p>
          </>
        )}
      </div>

      {needsSecondOfficer && (
        <fieldset className="second-officer" aria-labelledby="second-legend">
          <legend id="second-legend">Second officer confirmation</legend>
          {!readOnly && (
            <p className="muted small">Engaging on this tier needs a second officer to confirm.</p>
          )}
          <div className="field">
            <label htmlFor="second-id">Second officer ID</label>
            <input
              id="second-id"
              type="text"
              autoComplete="off"
              value={draft.second.id}
              onChange={(e) => props.onSecond({ id: e.target.value })}
              readOnly={readOnly}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="second-name">Second officer name</label>
            <input
              id="second-name"
              type="text"
              autoComplete="off"
              value={draft.second.name}
              onChange={(e) => props.onSecond({ name: e.target.value })}
              readOnly={readOnly}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="second-note">Confirmation note</label>
            <textarea
              id="second-note"
              rows={2}
              value={draft.second.note}
              onChange={(e) => props.onSecond({ note: e.target.value })}
              readOnly={readOnly}
              required
            />
          </div>
        </fieldset>
      )}

      {!readOnly && (
        <>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={blocked} aria-describedby="decision-blockers">
              Record decision
            </button>
            {props.onCancel && (
              <button type="button" onClick={props.onCancel} disabled={saving}>
                Cancel amendment
              </button>
            )}
          </div>
          <div id="decision-blockers" className="blockers">
            {problems.length > 0 && !saving && (
              <>
                <p className="small">Not ready to record:</p>
                <ul className="problems">
                  {problems.map((p) => (
                    <li key={`${p.field}:${p.message}`}>{p.message}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <p aria-live="polite" className="save-status">
            {saving ? 'Saving…' : ''}
          </p>
          {save?.status === 'error' && (
            <p className="error" role="alert">
              Not saved: {save.error}
            </p>
          )}
        </>
      )}
    </form>
  );
}
