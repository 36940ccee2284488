import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  IMAGE_NOT_SHOWN,
  MAX_RATIONALE,
  MIN_RATIONALE,
  REASON_CODES,
  type Contradiction,
  type ReasonGroup,
} from '../../../shared/decision-rules';
import { DECISION_MESSAGES, REASON_GROUP_MESSAGES } from '../../../shared/i18n/glossary';
import { contradictionText, problemText, reasonText } from '../../../shared/problem-messages';
import type { DecisionKind } from '../../../shared/feed/schemas';
import type { DecisionFormDraft, FormProblem, SecondOfficer, SecondProof } from '../state/form-rules';
import type { BlockedSubmit, SaveState } from '../state/types';
import { ProblemList } from './form/ProblemList';
import { RadioGroup } from './form/RadioGroup';
import { TextField } from './form/TextField';
import { SecondOfficerCredential } from './form/SecondOfficerCredential';
import { REASON_KEYS } from '../keyboard';
import { DECISION_FORM_MESSAGES as M } from './decision-form-messages';
import './decision-form.css';

interface DecisionFormProps {
  mode: 'decide' | 'amend';
  /** Revision this form would record (1 for a first decision). */
  revision: number;
  draft: DecisionFormDraft;
  problems: FormProblem[];
  needsSecondOfficer: boolean;
  save: SaveState | undefined;
  /** The last refused attempt to record: said aloud, shown, and its first field focused. */
  blocked?: BlockedSubmit | null;
  onDecision: (decision: DecisionKind) => void;
  onToggleReason: (code: string) => void;
  onRationale: (text: string) => void;
  onSecond: (patch: Partial<SecondOfficer>) => void;
  /** How the second officer proves who they are (typed only on the training feed). */
  secondProof?: SecondProof;
  /** Start the second officer's single sign-on. */
  onSecondSso?: () => void;
  onSubmit: () => void;
  onCancel?: () => void;
  /**
   * An amendment contradicting a recorded outcome (shared/decision-rules.ts contradictionOf,
   * translated here; or already in words): said, and the outcome amended too.
   */
  contradiction?: Contradiction | string | null;
  onOutcomeNote?: (text: string) => void;
  /** Replay: the form as it was decided, every control read-only, nothing to submit. */
  readOnly?: boolean;
  /** Replaces the heading (replay names the revision and who decided). */
  heading?: string;
  /** A face of this alert could not be shown: the reason that says so is offered (after the others). */
  offerImageNotShown?: boolean;
}

const GROUPS: ReasonGroup[] = ['subject', 'system', 'environment'];
/** Reasons in the order shown, so the number keys match what the officer sees. */
export const REASONS_IN_ORDER = GROUPS.flatMap((g) => REASON_CODES.filter((r) => r.group === g));
const DECISIONS = [
  { value: 'engage', kbd: 'e', className: 'big engage' },
  { value: 'no-engage', kbd: 'n', className: 'big no-engage' },
] as const;

/** Where focus goes to fix each kind of problem. */
const FIELD_TARGET: Record<FormProblem['field'], string> = {
  decision: 'decision-engage',
  reasons: `reason-${REASONS_IN_ORDER[0]!.code}`,
  rationale: 'rationale',
  confirmation: 'second-id',
  images: 'decision-form-heading',
  dwell: 'decision-form-heading',
  station: 'decision-form-heading',
  amendment: 'outcome-amendment',
};

export function DecisionForm(props: DecisionFormProps) {
  const { mode, revision, draft, problems, needsSecondOfficer, save, onSubmit, readOnly = false } = props;
  const saving = save?.status === 'saving';
  const locked = saving || readOnly;
  const blocked = problems.length > 0 || saving;
  const length = draft.rationale.trim().length;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const attempt = props.blocked?.attempt ?? 0;
  const intl = useIntl();
  const decisions = DECISIONS.map((d) => ({ ...d, label: intl.formatMessage(DECISION_MESSAGES[d.value]) }));
  const contradiction =
    typeof props.contradiction === 'object' && props.contradiction
      ? contradictionText(intl, props.contradiction)
      : props.contradiction;

  useEffect(() => {
    const first = props.blocked?.problems[0];
    if (!first) return;
    const id =
      first.field === 'decision' && draft.decision === 'no-engage'
        ? 'decision-no-engage'
        : FIELD_TARGET[first.field];
    document.getElementById(id)?.focus();
    // Only a new attempt moves focus; typing in the field must not pull it back.
  }, [attempt]);

  // Amend replaces the button that was pressed: focus goes to this form, in the open alert.
  useEffect(() => {
    if (mode === 'amend' && !readOnly) headingRef.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!blocked && !readOnly) onSubmit();
  };
  // Escape leaves a text field (keeping what was typed) so the letter keys work again.
  const leaveField = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    headingRef.current?.focus();
  };

  return (
    <form
      className="panel decision-form"
      data-decision-form={readOnly ? undefined : true}
      aria-labelledby="decision-form-heading"
      onSubmit={submit}
      noValidate
    >
      <div className="form-head">
        <h2 id="decision-form-heading" tabIndex={-1} ref={headingRef}>
          {props.heading ??
            (mode === 'amend'
              ? intl.formatMessage(M.amendHeading, { revision })
              : intl.formatMessage(M.heading))}
        </h2>
        <RadioGroup
          name="decision"
          legend={intl.formatMessage(M.legend)}
          className="decision-choice"
          options={readOnly ? decisions.map(({ kbd: _kbd, ...o }) => o) : decisions}
          value={draft.decision}
          onChange={props.onDecision}
          disabled={locked}
        />
      </div>
      {mode === 'amend' && !readOnly && <p className="muted">{intl.formatMessage(M.amendNote)}</p>}
      {contradiction && (
        <div className="form-warning" role="note">
          <p>
            <strong>{contradiction}</strong> {intl.formatMessage(M.amendsOutcome)}
          </p>
          <TextField
            id="outcome-amendment"
            label={intl.formatMessage(M.outcomeNote)}
            rows={2}
            value={draft.outcomeNote}
            onChange={(t) => props.onOutcomeNote?.(t)}
            onKeyDown={leaveField}
            readOnly={locked}
            required
          />
        </div>
      )}

      <fieldset className="reasons" aria-labelledby="reasons-legend">
        <legend id="reasons-legend">{intl.formatMessage(M.reasons)}</legend>
        <div className="reasons-grid">
          {GROUPS.map((group) => (
            <fieldset key={group} className="reason-group" aria-labelledby={`reasons-${group}`}>
              <legend id={`reasons-${group}`}>{intl.formatMessage(REASON_GROUP_MESSAGES[group])}</legend>
              <div className="reason-items">
                {[
                  ...REASONS_IN_ORDER.filter((r) => r.group === group),
                  // Offered only when it applies, and without a number key, so the others keep theirs.
                  ...(props.offerImageNotShown && group === IMAGE_NOT_SHOWN.group ? [IMAGE_NOT_SHOWN] : []),
                ].map((r) => {
                  const index = REASONS_IN_ORDER.indexOf(r);
                  return (
                    <span className="choice reason" key={r.code}>
                      <input
                        id={`reason-${r.code}`}
                        type="checkbox"
                        value={r.code}
                        checked={draft.reasons.includes(r.code)}
                        onChange={() => props.onToggleReason(r.code)}
                        disabled={locked}
                      />
                      <label htmlFor={`reason-${r.code}`}>{reasonText(intl, r.code)}</label>
                      {!readOnly && REASON_KEYS[index] && <kbd aria-hidden="true">{REASON_KEYS[index]}</kbd>}
                    </span>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
      </fieldset>

      <TextField
        id="rationale"
        label={intl.formatMessage(M.rationale)}
        className="rationale-field"
        rows={2}
        maxLength={MAX_RATIONALE}
        value={draft.rationale}
        onChange={props.onRationale}
        onKeyDown={leaveField}
        describedBy={readOnly ? undefined : 'rationale-counter'}
        hint={
          readOnly ? undefined : (
            <FormattedMessage
              id="components.decision.rationale-keys"
              defaultMessage="<kbd>r</kbd> here · <kbd>Esc</kbd> leave · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> record"
              description="Keys for the rationale field: r goes to it, Esc leaves it, Ctrl+Enter records. Keep the key names."
              values={{ kbd: (keys) => <kbd>{keys}</kbd> }}
            />
          )
        }
        readOnly={locked}
      >
        {!readOnly && (
          <p id="rationale-counter" className={`counter small${length >= MIN_RATIONALE ? ' ok' : ''}`}>
            {intl.formatMessage(M.counter, { length, min: MIN_RATIONALE })}
          </p>
        )}
      </TextField>

      {needsSecondOfficer && (
        <fieldset className="second-officer" aria-labelledby="second-legend">
          <legend id="second-legend">{intl.formatMessage(M.secondLegend)}</legend>
          {!readOnly && <p className="muted small">{intl.formatMessage(M.secondNeeded)}</p>}
          <TextField
            id="second-id"
            label={intl.formatMessage(M.secondId)}
            value={draft.second.id}
            onChange={(id) => props.onSecond({ id })}
            onKeyDown={leaveField}
            readOnly={readOnly}
            required
          />
          {props.secondProof?.kind === 'credential' ? (
            <SecondOfficerCredential
              proof={props.secondProof}
              password={draft.second.password}
              onPassword={(password) => props.onSecond({ password })}
              onSso={props.onSecondSso}
              onKeyDown={leaveField}
            />
          ) : (
            <TextField
              id="second-name"
              label={intl.formatMessage(M.secondName)}
              value={draft.second.name}
              onChange={(name) => props.onSecond({ name })}
              onKeyDown={leaveField}
              readOnly={readOnly}
              required
            />
          )}
          <TextField
            id="second-note"
            label={intl.formatMessage(M.secondNote)}
            rows={2}
            value={draft.second.note}
            onChange={(note) => props.onSecond({ note })}
            onKeyDown={leaveField}
            readOnly={readOnly}
            required
          />
        </fieldset>
      )}

      {!readOnly && (
        <div className="form-footer">
          {/* A short pane (it scrolls, so it is focusable) that keeps Record decision near at 1280x720. */}
          <p
            className="blocked-message"
            aria-live="assertive"
            aria-atomic="true"
            tabIndex={props.blocked?.problems.length ? 0 : undefined}
          >
            {props.blocked?.problems.length
              ? intl.formatMessage(M.notRecorded, {
                  problems: props.blocked.problems.map((p) => problemText(intl, p)).join(' '),
                })
              : ''}
          </p>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={blocked} aria-describedby="decision-blockers">
              {intl.formatMessage(M.record)}
            </button>
            {props.onCancel && (
              <button type="button" onClick={props.onCancel} disabled={saving}>
                {intl.formatMessage(M.cancelAmend)}
              </button>
            )}
          </div>
          <ProblemList
            id="decision-blockers"
            intro={intl.formatMessage(M.notReady)}
            scrollLabel={intl.formatMessage(M.notReadyRegion)}
            problems={saving ? [] : problems.map((p) => problemText(intl, p))}
          />
          <p aria-live="polite" className="save-status">
            {saving ? intl.formatMessage(M.saving) : ''}
          </p>
          {save?.status === 'error' && (
            <p className="error" role="alert">
              {intl.formatMessage(M.notSaved, { error: save.error })}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
