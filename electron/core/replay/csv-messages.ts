/**
 * The CSV export's column headers and its one sentence, as messages (issue 26). The English
 * headers are the machine-readable column names analysts' scripts read: they never change.
 * A Welsh CSV has Welsh headers; its code columns (tier, decision, reasons, status...)
 * keep their codes, the same in every language.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from '@formatjs/intl';

export const CSV_MESSAGES = messageTable(
  defineMessages({
    record: {
      id: 'reports.csv.column.record',
      defaultMessage: 'record',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    alertId: {
      id: 'reports.csv.column.alertId',
      defaultMessage: 'alertId',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    alertSeq: {
      id: 'reports.csv.column.alertSeq',
      defaultMessage: 'alertSeq',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    capturedAt: {
      id: 'reports.csv.column.capturedAt',
      defaultMessage: 'capturedAt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    capturedAtUK: {
      id: 'reports.csv.column.capturedAtUK',
      defaultMessage: 'capturedAtUK',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    receivedAt: {
      id: 'reports.csv.column.receivedAt',
      defaultMessage: 'receivedAt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    receivedAtUK: {
      id: 'reports.csv.column.receivedAtUK',
      defaultMessage: 'receivedAtUK',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    cameraId: {
      id: 'reports.csv.column.cameraId',
      defaultMessage: 'cameraId',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    cameraLabel: {
      id: 'reports.csv.column.cameraLabel',
      defaultMessage: 'cameraLabel',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    tier: {
      id: 'reports.csv.column.tier',
      defaultMessage: 'tier',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    category: {
      id: 'reports.csv.column.category',
      defaultMessage: 'category',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    watchlistEntryId: {
      id: 'reports.csv.column.watchlistEntryId',
      defaultMessage: 'watchlistEntryId',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    score: {
      id: 'reports.csv.column.score',
      defaultMessage: 'score',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    threshold: {
      id: 'reports.csv.column.threshold',
      defaultMessage: 'threshold',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    status: {
      id: 'reports.csv.column.status',
      defaultMessage: 'status',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    withdrawnReason: {
      id: 'reports.csv.column.withdrawnReason',
      defaultMessage: 'withdrawnReason',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    shownAt: {
      id: 'reports.csv.column.shownAt',
      defaultMessage: 'shownAt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    shownAtUK: {
      id: 'reports.csv.column.shownAtUK',
      defaultMessage: 'shownAtUK',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    firstShownById: {
      id: 'reports.csv.column.firstShownById',
      defaultMessage: 'firstShownById',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    firstShownByName: {
      id: 'reports.csv.column.firstShownByName',
      defaultMessage: 'firstShownByName',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    decisionRevision: {
      id: 'reports.csv.column.decisionRevision',
      defaultMessage: 'decisionRevision',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    decision: {
      id: 'reports.csv.column.decision',
      defaultMessage: 'decision',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    reasons: {
      id: 'reports.csv.column.reasons',
      defaultMessage: 'reasons',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    rationale: {
      id: 'reports.csv.column.rationale',
      defaultMessage: 'rationale',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    operatorId: {
      id: 'reports.csv.column.operatorId',
      defaultMessage: 'operatorId',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    operatorName: {
      id: 'reports.csv.column.operatorName',
      defaultMessage: 'operatorName',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    confirmedById: {
      id: 'reports.csv.column.confirmedById',
      defaultMessage: 'confirmedById',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    confirmedByName: {
      id: 'reports.csv.column.confirmedByName',
      defaultMessage: 'confirmedByName',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    decidedAt: {
      id: 'reports.csv.column.decidedAt',
      defaultMessage: 'decidedAt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    decidedAtUK: {
      id: 'reports.csv.column.decidedAtUK',
      defaultMessage: 'decidedAtUK',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    timeToDecisionSec: {
      id: 'reports.csv.column.timeToDecisionSec',
      defaultMessage: 'timeToDecisionSec',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    decisionJournalSeq: {
      id: 'reports.csv.column.decisionJournalSeq',
      defaultMessage: 'decisionJournalSeq',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    supervisorVerdicts: {
      id: 'reports.csv.column.supervisorVerdicts',
      defaultMessage: 'supervisorVerdicts',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeRevision: {
      id: 'reports.csv.column.outcomeRevision',
      defaultMessage: 'outcomeRevision',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeResult: {
      id: 'reports.csv.column.outcomeResult',
      defaultMessage: 'outcomeResult',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeAction: {
      id: 'reports.csv.column.outcomeAction',
      defaultMessage: 'outcomeAction',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    stopMinutes: {
      id: 'reports.csv.column.stopMinutes',
      defaultMessage: 'stopMinutes',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    leafletGiven: {
      id: 'reports.csv.column.leafletGiven',
      defaultMessage: 'leafletGiven',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeNotes: {
      id: 'reports.csv.column.outcomeNotes',
      defaultMessage: 'outcomeNotes',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeRecordedById: {
      id: 'reports.csv.column.outcomeRecordedById',
      defaultMessage: 'outcomeRecordedById',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeRecordedAt: {
      id: 'reports.csv.column.outcomeRecordedAt',
      defaultMessage: 'outcomeRecordedAt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    outcomeRecordedAtUK: {
      id: 'reports.csv.column.outcomeRecordedAtUK',
      defaultMessage: 'outcomeRecordedAtUK',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    observedSex: {
      id: 'reports.csv.column.observedSex',
      defaultMessage: 'observedSex',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    observedEthnicity: {
      id: 'reports.csv.column.observedEthnicity',
      defaultMessage: 'observedEthnicity',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    firstClaimedAt: {
      id: 'reports.csv.column.firstClaimedAt',
      defaultMessage: 'firstClaimedAt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    firstClaimedAtUK: {
      id: 'reports.csv.column.firstClaimedAtUK',
      defaultMessage: 'firstClaimedAtUK',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    heldAtDecisionById: {
      id: 'reports.csv.column.heldAtDecisionById',
      defaultMessage: 'heldAtDecisionById',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    heldAtDecisionByName: {
      id: 'reports.csv.column.heldAtDecisionByName',
      defaultMessage: 'heldAtDecisionByName',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading',
    },
    decidedInClockDoubt: {
      id: 'reports.csv.column.decidedInClockDoubt',
      defaultMessage: 'decidedInClockDoubt',
      description:
        'CSV column header (English: the machine-readable column name, keep it as it is); Welsh: a short heading. True when the decision was written while the station clock was in doubt',
    },
    verdict: {
      id: 'reports.csv.verdict',
      defaultMessage: '{verdict} by {name} ({id}) at {at}: {comment}',
      description:
        'CSV cell: a supervisor verdict (verdict is a code: countersign or disagree), who, when (UTC) and the comment',
    },
  }),
);
