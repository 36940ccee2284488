/**
 * The transparency PDF's list of what it does not count, in the report's language(s): each
 * journal's standing (tampered, unsealed, in progress, not enrolled, untrusted key) and
 * each disagreement between stations are messages. The verifier's own detail (which seq,
 * which check failed) is the archive's English sentence, recorded with the verdict: in
 * Welsh it follows the Welsh standing, introduced as English, rather than being guessed at.
 * English prints exactly the lines the command and the CSV print.
 */
import { defineMessages, type MessageDescriptor } from '@formatjs/intl';
import { messageTable } from '../../shared/message-table';
import type { Locale } from '../../shared/i18n/locale';
import type { Translator } from '../../shared/i18n/translator';
import { journalLine } from './transparency';
import { disagreementSentence, type Disagreement } from './transparency-disagreements';
import type { JournalStanding, JournalVerdict } from './transparency-verdicts';

const A = messageTable(
  defineMessages({
    journal: {
      id: 'reports.transparency.apart.journal',
      defaultMessage: "station {station}: {standing}. The verifier's words, in English: {detail}",
      description:
        "Transparency PDF, not counted: one station's journal and why; {standing} is its standing, {detail} the verifier's English sentence",
    },
    disagreement: {
      id: 'reports.transparency.apart.disagreement',
      defaultMessage:
        'stations disagree about {what, select, decision {the decision of alert {alert}} outcome {the outcome of alert {alert}} other {the deployment record}} ({views})',
      description:
        'Transparency PDF, not counted: counted stations that disagree; {views} lists each station and what it recorded, as codes',
    },
  }),
);

const STANDING: Record<JournalStanding, MessageDescriptor> = messageTable(
  defineMessages({
    verified: {
      id: 'reports.transparency.standing.verified',
      defaultMessage: 'verified',
      description: "Transparency PDF: a journal's standing",
    },
    'not-enrolled': {
      id: 'reports.transparency.standing.notEnrolled',
      defaultMessage: 'not enrolled',
      description: "Transparency PDF: a journal's standing (its station is not enrolled in the archive)",
    },
    'untrusted-key': {
      id: 'reports.transparency.standing.untrustedKey',
      defaultMessage: 'untrusted key',
      description: "Transparency PDF: a journal's standing (signed by a key the archive did not enrol)",
    },
    tampered: {
      id: 'reports.transparency.standing.tampered',
      defaultMessage: 'tampered',
      description: "Transparency PDF: a journal's standing",
    },
    unsealed: {
      id: 'reports.transparency.standing.unsealed',
      defaultMessage: 'unsealed',
      description: "Transparency PDF: a journal's standing (entries after the last signed checkpoint)",
    },
    'in-progress': {
      id: 'reports.transparency.standing.inProgress',
      defaultMessage: 'in progress',
      description: "Transparency PDF: a journal's standing (its deployment has not ended yet)",
    },
  }),
);

/** Why a journal is not counted, in one of the report's languages. */
export function journalWords(intl: Translator, lang: Locale, j: JournalVerdict): string {
  if (lang === 'en-GB') return journalLine(j);
  return intl.formatMessage(A.journal, {
    station: j.stationId,
    standing: intl.formatMessage(STANDING[j.standing]),
    detail: j.detail,
  });
}

/** Where the counted stations disagree, in one of the report's languages. */
export function disagreementWords(intl: Translator, lang: Locale, d: Disagreement): string {
  if (lang === 'en-GB') return disagreementSentence(d);
  return intl.formatMessage(A.disagreement, {
    what: d.what === 'deployment record' ? 'record' : d.what,
    alert: d.alertId ?? '',
    views: d.views.join('; '),
  });
}
