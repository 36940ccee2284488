/**
 * The oversight PDF's words (pdf.ts), apart from its code so that each stays short. The
 * fixed terms (engage, confirmed false...) are the glossary's own messages.
 */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from '@formatjs/intl';
import { DECISION_MESSAGES, OUTCOME_RESULT_MESSAGES } from '../../../shared/i18n/glossary';

const WORDS = messageTable(
  defineMessages({
    seriesRed: {
      id: 'reports.pdf.series.red',
      defaultMessage: 'Red tier',
      description: 'Chart legend: alerts of the red watchlist tier',
    },
    seriesAmber: {
      id: 'reports.pdf.series.amber',
      defaultMessage: 'Amber tier',
      description: 'Chart legend',
    },
    seriesGreen: {
      id: 'reports.pdf.series.green',
      defaultMessage: 'Green tier',
      description: 'Chart legend',
    },
    falseAlerts: {
      id: 'reports.pdf.false-alerts',
      defaultMessage: 'False alerts',
      description: 'Alerts found or judged to be about the wrong person',
    },
    otherAlerts: {
      id: 'reports.pdf.other-alerts',
      defaultMessage: 'Other alerts',
      description: 'Chart legend: alerts that were not false alerts',
    },
    totals: { id: 'reports.pdf.totals', defaultMessage: 'Totals', description: 'Heading' },
    alerts: {
      id: 'reports.pdf.alerts',
      defaultMessage: 'Alerts',
      description: 'Table row and column: number of alerts',
    },
    undecided: {
      id: 'reports.pdf.undecided',
      defaultMessage: 'Undecided',
      description: 'Table row: alerts with no decision',
    },
    withdrawn: {
      id: 'reports.pdf.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'Table row: alerts the feed withdrew',
    },
    refused: {
      id: 'reports.pdf.refused',
      defaultMessage: 'Refused at intake',
      description: 'Table row: alerts the station refused when they arrived',
    },
    refusedOutside: {
      id: 'reports.pdf.refused-outside',
      defaultMessage: 'Refused: outside the authorised window',
      description: 'Table row',
    },
    engagedWithoutOutcome: {
      id: 'reports.pdf.engaged-without-outcome',
      defaultMessage: 'Engaged without outcome',
      description: 'Table row: engage decisions with no outcome recorded',
    },
    ttdMedian: {
      id: 'reports.pdf.ttd-median',
      defaultMessage: 'Time to decision: median',
      description: 'Table row',
    },
    ttdP90: {
      id: 'reports.pdf.ttd-p90',
      defaultMessage: 'Time to decision: 90th percentile',
      description: 'Table row',
    },
    measure: { id: 'reports.pdf.measure', defaultMessage: 'Measure', description: 'Table column' },
    count: { id: 'reports.pdf.count', defaultMessage: 'Count', description: 'Table column: how many' },
    totalsNote: {
      id: 'reports.pdf.totals-note',
      defaultMessage:
        'Decision and result are each alert\u2019s latest revision. A false alert is one whose latest outcome is confirmed false or, with no outcome, which was decided no-engage because the features or apparent age or sex differ. Percentiles are nearest-rank.',
      description: 'Note under the totals table',
    },
    outcomeActions: {
      id: 'reports.pdf.outcome-actions',
      defaultMessage: 'Outcome actions',
      description: 'Heading: what officers did after engaging',
    },
    action: { id: 'reports.pdf.action', defaultMessage: 'Action', description: 'Table column' },
    actionNone: {
      id: 'reports.pdf.action-none',
      defaultMessage: 'none',
      description: 'Outcome action: none recorded',
    },
    charts: { id: 'reports.pdf.charts', defaultMessage: 'Charts', description: 'Heading' },
    alertsOverTime: {
      id: 'reports.pdf.alerts-over-time',
      defaultMessage: 'Alerts over time',
      description: 'Chart title',
    },
    alertsOverTimeNote: {
      id: 'reports.pdf.alerts-over-time-note',
      defaultMessage: 'Bins of {minutes} min from the time shown (UK local time), stacked by tier.',
      description: 'Chart note; minutes = width of each bar',
    },
    timeToDecision: {
      id: 'reports.pdf.time-to-decision',
      defaultMessage: 'Time to decision',
      description: 'Chart title',
    },
    decidedAlerts: {
      id: 'reports.pdf.decided-alerts',
      defaultMessage: 'Decided alerts',
      description: 'Chart legend',
    },
    timeToDecisionNote: {
      id: 'reports.pdf.time-to-decision-note',
      defaultMessage: '{count} decided alerts; from first shown with both images to the first decision.',
      description: 'Chart note',
    },
    perCamera: {
      id: 'reports.pdf.per-camera',
      defaultMessage: 'Alerts per camera',
      description: 'Chart title',
    },
    perScoreBand: {
      id: 'reports.pdf.per-score-band',
      defaultMessage: 'Alerts per score band',
      description: 'Chart title',
    },
    officers: { id: 'reports.pdf.officers', defaultMessage: 'Officers', description: 'Heading' },
    officer: {
      id: 'reports.pdf.officer',
      defaultMessage: 'Officer',
      description: 'Table column and field label',
    },
    id: { id: 'reports.pdf.id', defaultMessage: 'Id', description: 'Table column: an officer id' },
    decisions: {
      id: 'reports.pdf.decisions',
      defaultMessage: 'Decisions',
      description: 'Table column: number of decisions',
    },
    timeSignedIn: {
      id: 'reports.pdf.time-signed-in',
      defaultMessage: 'Time signed in',
      description: 'Table column: hours the officer was signed in',
    },
    cameras: { id: 'reports.pdf.cameras', defaultMessage: 'Cameras', description: 'Heading' },
    camera: { id: 'reports.pdf.camera', defaultMessage: 'Camera', description: 'Table column' },
    scoreBands: { id: 'reports.pdf.score-bands', defaultMessage: 'Score bands', description: 'Heading' },
    scoreBand: { id: 'reports.pdf.score-band', defaultMessage: 'Score band', description: 'Table column' },
    safeguards: {
      id: 'reports.pdf.safeguards',
      defaultMessage: 'Threshold and safeguard warnings',
      description: 'Heading',
    },
    thresholdLine: {
      id: 'reports.pdf.threshold-line',
      defaultMessage:
        "Deployment threshold: {deployment}{below}. Thresholds the alerts carried: {seen}; alerts with a threshold other than the deployment's: {mismatched}; alerts scored below their own threshold: {belowOwn}.",
      description: 'Paragraph on thresholds; below = the warning " (BELOW 0.60)" or nothing',
    },
    notRecorded: {
      id: 'reports.pdf.not-recorded',
      defaultMessage: 'not recorded',
      description: 'A value that was not recorded',
    },
    belowNpl: {
      id: 'reports.pdf.below-npl',
      defaultMessage: ' (BELOW 0.60)',
      description: 'Warning after a threshold below 0.60 (starts with a space)',
    },
    none: { id: 'reports.pdf.none', defaultMessage: 'none', description: 'Nothing in a list' },
    noSafeguards: {
      id: 'reports.pdf.no-safeguards',
      defaultMessage: 'No safeguard warnings were raised.',
      description: 'Paragraph',
    },
    when: { id: 'reports.pdf.when', defaultMessage: 'When', description: 'Table column: date and time' },
    severity: { id: 'reports.pdf.severity', defaultMessage: 'Severity', description: 'Table column' },
    warning: { id: 'reports.pdf.warning', defaultMessage: 'Warning', description: 'Table column' },
    refusedAlerts: {
      id: 'reports.pdf.refused-alerts',
      defaultMessage: 'Refused alerts',
      description: 'Heading: alerts the station refused',
    },
    refusedLine: {
      id: 'reports.pdf.refused-line',
      defaultMessage: '{refused} refused at intake, {outside} of them outside the authorised window.',
      description: 'Paragraph',
    },
    reasonCode: { id: 'reports.pdf.reason-code', defaultMessage: 'Reason code', description: 'Table column' },
    supervisorReview: {
      id: 'reports.pdf.supervisor-review',
      defaultMessage: 'Supervisor review',
      description: 'Heading',
    },
    reviewLine: {
      id: 'reports.pdf.review-line',
      defaultMessage: '{countersigned} decisions countersigned, {disagreed} disagreed with.',
      description: 'Paragraph: supervisor verdicts',
    },
    reviewDisagreements: {
      id: 'reports.pdf.review-disagreements',
      defaultMessage:
        'Each disagreement, with its comment in full, is in the decision record under its alert.',
      description: 'Paragraph',
    },
    alertHeadingWithId: {
      id: 'reports.pdf.alert-heading-id',
      defaultMessage: 'Alert #{seq} ({id})',
      description: 'Heading on a page of images: alert number and id',
    },
    probe: {
      id: 'reports.pdf.probe',
      defaultMessage: 'Probe (camera)',
      description: 'Image label: the live camera image',
    },
    reference: {
      id: 'reports.pdf.reference',
      defaultMessage: 'Reference (watchlist)',
      description: 'Image label: the watchlist image',
    },
    imageAlt: {
      id: 'reports.pdf.image-alt',
      defaultMessage: '{label} image of alert #{seq}',
      description: 'Text alternative of an image',
    },
    imageFormat: {
      id: 'reports.pdf.image-format',
      defaultMessage: 'image format cannot be shown in a PDF',
      description: 'In place of an image',
    },
    imageMissing: {
      id: 'reports.pdf.image-missing',
      defaultMessage: 'image purged or missing',
      description: 'In place of an image',
    },
    docTitle: {
      id: 'reports.pdf.doc-title',
      defaultMessage: 'Oversight report: {title}',
      description: 'PDF document title (window title); title = deployment title',
    },
    docSubject: {
      id: 'reports.pdf.doc-subject',
      defaultMessage: 'LFR deployment {id}',
      description: 'PDF document subject',
    },
    images: { id: 'reports.pdf.images', defaultMessage: 'Biometric images', description: 'Heading' },
    imagesNote: {
      id: 'reports.pdf.images-note',
      defaultMessage:
        'Included at the request of the supervisor who made this report. Handle as special category data.',
      description: 'Paragraph',
    },
  }),
);

export const M = {
  ...WORDS,
  engage: DECISION_MESSAGES.engage,
  noEngage: DECISION_MESSAGES['no-engage'],
  confirmedTrue: OUTCOME_RESULT_MESSAGES['confirmed-true'],
  confirmedFalse: OUTCOME_RESULT_MESSAGES['confirmed-false'],
  notLocated: OUTCOME_RESULT_MESSAGES['not-located'],
};
