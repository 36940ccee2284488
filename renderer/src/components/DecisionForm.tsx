import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useIntl } from 'react-intl';
import type { Contradiction } from '../../../shared/decision-rules';
import { DECISION_MESSAGES } from '../../../shared/i18n/glossary';
import { contradictionText } from '../../../shared/problem-messages';
import type { DecisionKind } from '../../../shared/feed/schemas';
import type { DecisionFormDraft, FormProblem, SecondOfficer, SecondProof } from '../state/form-rules';
import type { BlockedSubmit, SaveState } from '../state/types';
import { RadioGroup } from './form/RadioGroup';
import { DECISION_FORM_MESSAGES as M } from './decision-form-messages';
import {
  ContradictionWarning,
  DecisionFormFooter,
  DecisionReasons,
  RationaleField,
  REASONS_IN_ORDER,
  SecondOfficerFields,
} from './decision-form-parts';
import './decision-form.css';

export { REASONS_IN_ORDER };

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
  const headingRef = useRef<HTMLHeadingElement>(null);
  const intl = useIntl();
  const decisions = DECISIONS.map((d) => ({ ...d, label: intl.formatMessage(DECISION_MESSAGES[d.value]) }));
  const contradiction =
    typeof props.contradiction === 'object' && props.contradiction
      ? contradictionText(intl, props.contradiction)
      : props.contradiction;

  useFocusFirstProblem(props.blocked, draft.decision);

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
        <ContradictionWarning
          contradiction={contradiction}
          outcomeNote={draft.outcomeNote}
          locked={locked}
          onOutcomeNote={props.onOutcomeNote}
          onKeyDown={leaveField}
        />
      )}

      <DecisionReasons
        draft={draft}
        locked={locked}
        readOnly={readOnly}
        offerImageNotShown={props.offerImageNotShown}
        onToggleReason={props.onToggleReason}
      />

      <RationaleField
        rationale={draft.rationale}
        locked={locked}
        readOnly={readOnly}
        onRationale={props.onRationale}
        onKeyDown={leaveField}
      />

      {needsSecondOfficer && (
        <SecondOfficerFields
          second={draft.second}
          proof={props.secondProof}
          readOnly={readOnly}
          onSecond={props.onSecond}
          onSecondSso={props.onSecondSso}
          onKeyDown={leaveField}
        />
      )}

      {!readOnly && (
        <DecisionFormFooter
          blocked={blocked}
          saving={saving}
          save={save}
          refused={props.blocked}
          problems={problems}
          onCancel={props.onCancel}
        />
      )}
    </form>
  );
}

/** A new refused attempt moves focus to the field of its first problem (typing there does not). */
function useFocusFirstProblem(refused: BlockedSubmit | null | undefined, decision: DecisionKind | null) {
  const attempt = refused?.attempt ?? 0;
  useEffect(() => {
    const first = refused?.problems[0];
    if (!first) return;
    const id =
      first.field === 'decision' && decision === 'no-engage'
        ? 'decision-no-engage'
        : FIELD_TARGET[first.field];
    document.getElementById(id)?.focus();
    // Only a new attempt moves focus; typing in the field must not pull it back.
  }, [attempt]);
}
