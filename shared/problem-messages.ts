/**
 * The words for why a decision cannot be recorded yet (issue 26), by problem code. The
 * rule (decision-rules.ts) gives a code, values and English words; a screen translates the
 * code here, in the officer's language, while the journal, the logs and main's refusals
 * keep the English `message`. One rule, two languages: the form and the core never disagree.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import type { Contradiction, ProblemCode } from './decision-rules';
import { OUTCOME_ACTION_MESSAGES, OUTCOME_RESULT_MESSAGES, REASON_MESSAGES } from './i18n/glossary';
import type { Translator } from './i18n/translator';

/** Problems only the screen knows of (the station read-only, the second officer's fields). */
export type FormProblemCode = 'station-read-only' | 'images-waiting' | 'confirmation-same-officer';

const PROBLEM_MESSAGES: Record<ProblemCode | FormProblemCode, MessageDescriptor> = defineMessages({
  'decision-missing': {
    id: 'components.problem.decision-missing',
    defaultMessage: 'Choose Engage or No engage.',
    description: 'Decision form: why it cannot be recorded yet (no decision chosen)',
  },
  'reasons-none': {
    id: 'components.problem.reasons-none',
    defaultMessage: 'Choose at least one reason.',
    description: 'Decision form: why it cannot be recorded yet',
  },
  'reasons-unknown': {
    id: 'components.problem.reasons-unknown',
    defaultMessage: 'Unknown reason code: {codes}.',
    description: 'Decision form: a reason code the station does not know; {codes} are the codes as sent',
  },
  'reasons-twice': {
    id: 'components.problem.reasons-twice',
    defaultMessage: 'A reason is listed twice.',
    description: 'Decision form: why it cannot be recorded yet',
  },
  'rationale-short': {
    id: 'components.problem.rationale-short',
    defaultMessage: 'Write at least {min} characters of rationale ({length} so far).',
    description: 'Decision form: the written rationale is too short; {length} is how many characters so far',
  },
  'rationale-long': {
    id: 'components.problem.rationale-long',
    defaultMessage: 'Rationale is limited to {max} characters.',
    description: 'Decision form: the written rationale is too long',
  },
  'images-not-shown': {
    id: 'components.problem.images-not-shown',
    defaultMessage: 'Both images must be on screen first.',
    description: 'Decision form: the live and watchlist images have not both been shown yet',
  },
  'image-reason-inapplicable': {
    id: 'components.problem.image-reason-inapplicable',
    defaultMessage: 'Both faces were shown: "An image could not be shown" does not apply.',
    description: 'Decision form: the image-not-shown reason was chosen though both faces were shown',
  },
  'engage-needs-both-faces': {
    id: 'components.problem.engage-needs-both-faces',
    defaultMessage:
      'The {faces, select, probe {live camera face} subject {watchlist face} other {live camera face and the watchlist face}} could not be shown: Engage needs both faces on screen. Record No engage, or wait for the image to be sent again.',
    description: 'Decision form: Engage refused because a face could not be shown',
  },
  'image-reason-needed': {
    id: 'components.problem.image-reason-needed',
    defaultMessage:
      'The {faces, select, probe {live camera face} subject {watchlist face} other {live camera face and the watchlist face}} could not be shown: choose the reason "An image could not be shown".',
    description: 'Decision form: the image-not-shown reason must be chosen',
  },
  dwell: {
    id: 'components.problem.dwell',
    defaultMessage: 'Look at the images for {seconds} s more.',
    description: 'Decision form: the officer must keep looking at the images; s = seconds',
  },
  'amendment-contradicts-outcome': {
    id: 'components.problem.amendment-contradicts-outcome',
    defaultMessage: '{contradiction} Amend the outcome too: write why it no longer stands.',
    description:
      'Decision form: amending to No engage contradicts a recorded outcome; {contradiction} is the sentence components.contradiction',
  },
  'station-read-only': {
    id: 'components.problem.station-read-only',
    defaultMessage: 'The station is read-only; nothing can be recorded.',
    description: 'Decision form: the journal cannot be written to',
  },
  'images-waiting': {
    id: 'components.problem.images-waiting',
    defaultMessage: 'Waiting for the station to record that the images are shown.',
    description: 'Decision form: the station has not yet confirmed the images were displayed',
  },
  'confirmation-missing-typed': {
    id: 'components.problem.confirmation-missing-typed',
    defaultMessage: 'Engaging on this tier needs a second officer: ID, name and confirmation note.',
    description: 'Decision form: the two-person check (training feed)',
  },
  'confirmation-missing-credential': {
    id: 'components.problem.confirmation-missing-credential',
    defaultMessage:
      'Engaging on this tier needs a second officer: their ID and own password (or their single sign-on), and a confirmation note.',
    description: 'Decision form: the two-person check (real feed)',
  },
  'confirmation-same-officer': {
    id: 'components.problem.confirmation-same-officer',
    defaultMessage: 'The second officer must be someone other than you.',
    description: 'Decision form: the two-person check',
  },
});

const CONTRADICTION: Record<'withAction' | 'resultOnly', MessageDescriptor> = defineMessages({
  withAction: {
    id: 'components.contradiction.with-action',
    defaultMessage: 'No engage contradicts the recorded outcome (outcome {revision}: {result}, {action}).',
    description:
      'Amending a decision to No engage after an outcome was recorded; {result} and {action} are glossary terms',
  },
  resultOnly: {
    id: 'components.contradiction.result-only',
    defaultMessage: 'No engage contradicts the recorded outcome (outcome {revision}: {result}).',
    description: 'Amending a decision to No engage after an outcome (with no action) was recorded',
  },
});

/** Only what formatting a message needs: react-intl's useIntl() and translatorFor() both give it. */
export type Formatter = Pick<Translator, 'formatMessage'>;

const termOf = (intl: Formatter, table: Record<string, MessageDescriptor>, code: string) => {
  const descriptor = table[code];
  return descriptor ? intl.formatMessage(descriptor) : code;
};

/** A reason code's words in the reader's language (an unknown code as it is). */
export function reasonText(intl: Formatter, code: string): string {
  return termOf(intl, REASON_MESSAGES, code);
}

/** The outcome an amendment contradicts, in the reader's language. */
export function contradictionText(intl: Formatter, c: Contradiction): string {
  const result = termOf(intl, OUTCOME_RESULT_MESSAGES, c.result);
  if (!c.action) return intl.formatMessage(CONTRADICTION.resultOnly, { revision: c.revision, result });
  const action = termOf(intl, OUTCOME_ACTION_MESSAGES, c.action);
  return intl.formatMessage(CONTRADICTION.withAction, { revision: c.revision, result, action });
}

/** A problem as the rule or the screen gives it: a code to translate, or only words. */
export interface ProblemLike {
  code?: ProblemCode | FormProblemCode;
  values?: Record<string, string | number>;
  message: string;
}

/** A problem in the reader's language; without a known code, its English words as given. */
export function problemText(intl: Formatter, problem: ProblemLike): string {
  const descriptor = problem.code ? PROBLEM_MESSAGES[problem.code] : undefined;
  if (!descriptor) return problem.message;
  const values = problem.values ?? {};
  if (problem.code === 'amendment-contradicts-outcome') {
    const contradiction = contradictionText(intl, {
      revision: Number(values.revision),
      result: String(values.result ?? ''),
      action: values.action ? String(values.action) : null,
    });
    return intl.formatMessage(descriptor, { contradiction });
  }
  return intl.formatMessage(descriptor, values);
}
