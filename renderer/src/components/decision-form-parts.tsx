/**
 * The parts of the decision form (DecisionForm.tsx), one job each: the twelve reasons with
 * their keys, the second officer's confirmation, and the footer that records or says why not.
 */
import type { KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  IMAGE_NOT_SHOWN,
  MAX_RATIONALE,
  MIN_RATIONALE,
  REASON_CODES,
  type ReasonGroup,
} from '../../../shared/decision-rules';
import { REASON_GROUP_MESSAGES } from '../../../shared/i18n/glossary';
import { problemText, reasonText } from '../../../shared/problem-messages';
import type { DecisionFormDraft, FormProblem, SecondOfficer, SecondProof } from '../state/form-rules';
import type { BlockedSubmit, SaveState } from '../state/types';
import { ProblemList } from './form/ProblemList';
import { TextField } from './form/TextField';
import { SecondOfficerCredential } from './form/SecondOfficerCredential';
import { REASON_KEYS } from '../keyboard';
import { DECISION_FORM_MESSAGES as M } from './decision-form-messages';

const GROUPS: ReasonGroup[] = ['subject', 'system', 'environment'];
/** Reasons in the order shown, so the number keys match what the officer sees. */
export const REASONS_IN_ORDER = GROUPS.flatMap((g) => REASON_CODES.filter((r) => r.group === g));

interface DecisionReasonsProps {
  draft: DecisionFormDraft;
  locked: boolean;
  readOnly: boolean;
  /** A face of this alert could not be shown: the reason that says so is offered (after the others). */
  offerImageNotShown: boolean | undefined;
  onToggleReason: (code: string) => void;
}

/** The reasons by group, each with its number key (none in replay). */
export function DecisionReasons(props: DecisionReasonsProps) {
  const { draft, locked, readOnly, offerImageNotShown, onToggleReason } = props;
  const intl = useIntl();
  return (
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
                ...(offerImageNotShown && group === IMAGE_NOT_SHOWN.group ? [IMAGE_NOT_SHOWN] : []),
              ].map((r) => {
                const index = REASONS_IN_ORDER.indexOf(r);
                return (
                  <span className="choice reason" key={r.code}>
                    <input
                      id={`reason-${r.code}`}
                      type="checkbox"
                      value={r.code}
                      checked={draft.reasons.includes(r.code)}
                      onChange={() => onToggleReason(r.code)}
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
  );
}

interface SecondOfficerFieldsProps {
  second: SecondOfficer;
  /** How the second officer proves who they are (typed only on the training feed). */
  proof: SecondProof | undefined;
  readOnly: boolean;
  onSecond: (patch: Partial<SecondOfficer>) => void;
  onSecondSso: (() => void) | undefined;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** The second officer who confirms an engagement the two-person rule covers. */
export function SecondOfficerFields(props: SecondOfficerFieldsProps) {
  const { second, proof, readOnly, onSecond, onSecondSso, onKeyDown } = props;
  const intl = useIntl();
  return (
    <fieldset className="second-officer" aria-labelledby="second-legend">
      <legend id="second-legend">{intl.formatMessage(M.secondLegend)}</legend>
      {!readOnly && <p className="muted small">{intl.formatMessage(M.secondNeeded)}</p>}
      <TextField
        id="second-id"
        label={intl.formatMessage(M.secondId)}
        value={second.id}
        onChange={(id) => onSecond({ id })}
        onKeyDown={onKeyDown}
        readOnly={readOnly}
        required
      />
      {proof?.kind === 'credential' ? (
        <SecondOfficerCredential
          proof={proof}
          password={second.password}
          onPassword={(password) => onSecond({ password })}
          onSso={onSecondSso}
          onKeyDown={onKeyDown}
        />
      ) : (
        <TextField
          id="second-name"
          label={intl.formatMessage(M.secondName)}
          value={second.name}
          onChange={(name) => onSecond({ name })}
          onKeyDown={onKeyDown}
          readOnly={readOnly}
          required
        />
      )}
      <TextField
        id="second-note"
        label={intl.formatMessage(M.secondNote)}
        rows={2}
        value={second.note}
        onChange={(note) => onSecond({ note })}
        onKeyDown={onKeyDown}
        readOnly={readOnly}
        required
      />
    </fieldset>
  );
}

interface DecisionFormFooterProps {
  /** Record decision is disabled: problems left, or saving. */
  blocked: boolean;
  saving: boolean;
  save: SaveState | undefined;
  /** The last refused attempt to record: said aloud and shown. */
  refused: BlockedSubmit | null | undefined;
  problems: FormProblem[];
  onCancel: (() => void) | undefined;
}

/** Record decision, what still stops it, and how the save went. */
export function DecisionFormFooter(props: DecisionFormFooterProps) {
  const { blocked, saving, save, refused, problems, onCancel } = props;
  const intl = useIntl();
  return (
    <div className="form-footer">
      {/* A short pane (it scrolls, so it is focusable) that keeps Record decision near at 1280x720. */}
      <p
        className="blocked-message"
        aria-live="assertive"
        aria-atomic="true"
        tabIndex={refused?.problems.length ? 0 : undefined}
      >
        {refused?.problems.length
          ? intl.formatMessage(M.notRecorded, {
              problems: refused.problems.map((p) => problemText(intl, p)).join(' '),
            })
          : ''}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={blocked} aria-describedby="decision-blockers">
          {intl.formatMessage(M.record)}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} disabled={saving}>
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
  );
}

interface RationaleFieldProps {
  rationale: string;
  locked: boolean;
  readOnly: boolean;
  onRationale: (text: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** The officer's own words, with the keys that reach and leave it and the count towards the minimum. */
export function RationaleField({ rationale, locked, readOnly, onRationale, onKeyDown }: RationaleFieldProps) {
  const length = rationale.trim().length;
  const intl = useIntl();
  return (
    <TextField
      id="rationale"
      label={intl.formatMessage(M.rationale)}
      className="rationale-field"
      rows={2}
      maxLength={MAX_RATIONALE}
      value={rationale}
      onChange={onRationale}
      onKeyDown={onKeyDown}
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
  );
}

interface ContradictionWarningProps {
  /** In words: what the amendment contradicts in the recorded outcome. */
  contradiction: string;
  outcomeNote: string;
  locked: boolean;
  onOutcomeNote: ((text: string) => void) | undefined;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

/** An amendment that contradicts a recorded outcome says so, and asks how the outcome changes. */
export function ContradictionWarning(props: ContradictionWarningProps) {
  const { contradiction, outcomeNote, locked, onOutcomeNote, onKeyDown } = props;
  const intl = useIntl();
  return (
    <div className="form-warning" role="note">
      <p>
        <strong>{contradiction}</strong> {intl.formatMessage(M.amendsOutcome)}
      </p>
      <TextField
        id="outcome-amendment"
        label={intl.formatMessage(M.outcomeNote)}
        rows={2}
        value={outcomeNote}
        onChange={(t) => onOutcomeNote?.(t)}
        onKeyDown={onKeyDown}
        readOnly={locked}
        required
      />
    </div>
  );
}
