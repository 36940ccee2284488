/** The statistics view's words (Statistics.tsx), as messages for the reports catalogue. */
import { messageTable } from '../../../shared/message-table';
import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';

export const S = messageTable(
  defineMessages({
    heading: {
      id: 'reports.stats.heading',
      defaultMessage: 'Statistics',
      description: 'Replay statistics heading',
    },
    filtered: {
      id: 'reports.stats.filtered',
      defaultMessage: 'For the alerts the filters let through.',
      description: 'The statistics cover only the filtered alerts',
    },
    all: {
      id: 'reports.stats.all',
      defaultMessage: 'For every alert in the journal.',
      description: 'The statistics cover every alert',
    },
    latest: {
      id: 'reports.stats.latest',
      defaultMessage: "Decisions and results are each alert's latest revision.",
      description: 'How decisions and results are counted',
    },
    totals: {
      id: 'reports.stats.totals',
      defaultMessage: 'Totals',
      description: 'The figure cards (accessible name)',
    },
    alerts: {
      id: 'reports.stats.alerts',
      defaultMessage: 'Alerts',
      description: 'Card, chart series and column: alerts',
    },
    undecided: {
      id: 'reports.stats.undecided',
      defaultMessage: 'Undecided',
      description: 'Card and chart label',
    },
    withdrawn: {
      id: 'reports.stats.withdrawn',
      defaultMessage: 'Withdrawn',
      description: 'Card and chart label',
    },
    falseAlerts: {
      id: 'reports.stats.false-alerts',
      defaultMessage: 'False alerts',
      description: 'Card, heading and chart series: alerts confirmed false or declined as not the person',
    },
    rejected: {
      id: 'reports.stats.rejected',
      defaultMessage: 'Rejected at intake',
      description: 'Card: alerts the station refused when they arrived',
    },
    outsideWindow: {
      id: 'reports.stats.outside-window',
      defaultMessage: 'Outside the authorised window',
      description: 'Card: refused alerts that came outside the authorised times',
    },
    medianTtd: {
      id: 'reports.stats.median-ttd',
      defaultMessage: 'Median time to decision',
      description: 'Card',
    },
    decisionsTitle: {
      id: 'reports.stats.decisions-title',
      defaultMessage: 'Engage and no-engage',
      description: 'Chart title: alerts by decision',
    },
    decision: { id: 'reports.stats.decision', defaultMessage: 'Decision', description: 'Chart table column' },
    decisionsSummary: {
      id: 'reports.stats.decisions-summary',
      defaultMessage: '{engage} engage, {noEngage} no-engage, {undecided} undecided, {withdrawn} withdrawn.',
      description: 'The decisions chart in words',
    },
    ttd: {
      id: 'reports.stats.ttd',
      defaultMessage: 'Time to decision',
      description: 'Chart title and column',
    },
    ttdNone: {
      id: 'reports.stats.ttd-none',
      defaultMessage: 'No decisions to measure.',
      description: 'The time to decision chart when nothing was decided',
    },
    ttdSummary: {
      id: 'reports.stats.ttd-summary',
      defaultMessage:
        'Median {median}, 90th percentile {p90}, over {count, plural, one {{n} decision} other {{n} decisions}} (first shown to first decision).',
      description: 'The time to decision chart in words',
    },
    decisions: {
      id: 'reports.stats.decisions',
      defaultMessage: 'Decisions',
      description: 'Chart series and column',
    },
    overTime: {
      id: 'reports.stats.over-time',
      defaultMessage: 'Alerts over time, by tier',
      description: 'Chart title',
    },
    from: {
      id: 'reports.stats.from',
      defaultMessage: 'From',
      description: 'Chart table column: when each interval begins',
    },
    overTimeSummary: {
      id: 'reports.stats.over-time-summary',
      defaultMessage:
        '{alerts} alerts in {interval} intervals; the busiest began at {at} with {total} (red {red}, amber {amber}, green {green}).',
      description: 'The alerts over time chart in words',
    },
    noAlerts: {
      id: 'reports.stats.no-alerts',
      defaultMessage: 'No alerts.',
      description: 'A chart with no alerts',
    },
    outcomesTitle: {
      id: 'reports.stats.outcomes-title',
      defaultMessage: 'Outcomes of engagements',
      description: 'Chart title',
    },
    result: { id: 'reports.stats.result', defaultMessage: 'Result', description: 'Chart table column' },
    outcomesSummary: {
      id: 'reports.stats.outcomes-summary',
      defaultMessage:
        '{confirmedTrue} confirmed true, {confirmedFalse} confirmed false, {notLocated} not located, {none} engaged with no outcome recorded.',
      description: 'The outcomes chart in words',
    },
    noOutcome: {
      id: 'reports.stats.no-outcome',
      defaultMessage: 'No outcome recorded',
      description: 'Chart label: engaged, no outcome recorded',
    },
    actionTaken: {
      id: 'reports.stats.action-taken',
      defaultMessage: 'Action taken',
      description: 'Table caption',
    },
    action: { id: 'reports.stats.action', defaultMessage: 'Action', description: 'Table column' },
    notStated: {
      id: 'reports.stats.not-stated',
      defaultMessage: 'Not stated',
      description: 'No action recorded',
    },
    workload: {
      id: 'reports.stats.workload',
      defaultMessage: 'Workload per officer',
      description: 'Section heading and table caption',
    },
    noOfficer: {
      id: 'reports.stats.no-officer',
      defaultMessage: 'No officer signed in or decided.',
      description: 'No officer in the journal',
    },
    officer: { id: 'reports.stats.officer', defaultMessage: 'Officer', description: 'Table column' },
    officerName: {
      id: 'reports.stats.officer-name',
      defaultMessage: '{name} ({id})',
      description: 'An officer: name and ID',
    },
    reasonCount: {
      id: 'reports.stats.reason-count',
      defaultMessage: ' ({count})',
      description: 'How many times a reason was given (starts with a space)',
    },
    timeOnReview: {
      id: 'reports.stats.time-on-review',
      defaultMessage: 'Time on review',
      description: 'Table column',
    },
    workloadNote: {
      id: 'reports.stats.workload-note',
      defaultMessage: 'Decisions count every revision; time on review is time signed in.',
      description: 'How the workload table counts',
    },
    falseNote: {
      id: 'reports.stats.false-note',
      defaultMessage:
        'A false alert is one confirmed false, or one the officer declined because the person did not match.',
      description: 'What counts as a false alert',
    },
    perCamera: {
      id: 'reports.stats.per-camera',
      defaultMessage: 'False alerts per camera',
      description: 'Chart title',
    },
    camera: { id: 'reports.stats.camera', defaultMessage: 'Camera', description: 'Chart table column' },
    cameraSummary: {
      id: 'reports.stats.camera-summary',
      defaultMessage: '{falseAlerts} false alerts; most at {camera} ({worst} of {alerts}).',
      description: 'The false alerts per camera chart in words',
    },
    cameraNone: {
      id: 'reports.stats.camera-none',
      defaultMessage: 'No false alerts at any camera.',
      description: 'The false alerts per camera chart when there are none',
    },
    confirmedFalse: {
      id: 'reports.stats.confirmed-false',
      defaultMessage: 'Confirmed false',
      description: 'Chart series: alerts confirmed false',
    },
    perBand: {
      id: 'reports.stats.per-band',
      defaultMessage: 'False alerts per score band',
      description: 'Chart title',
    },
    band: { id: 'reports.stats.band', defaultMessage: 'Score band', description: 'Chart table column' },
    bandSummary: {
      id: 'reports.stats.band-summary',
      defaultMessage: 'Most false alerts in the {band} band ({worst} of {alerts}).',
      description: 'The false alerts per score band chart in words',
    },
    bandNone: {
      id: 'reports.stats.band-none',
      defaultMessage: 'No false alerts in any score band.',
      description: 'The false alerts per score band chart when there are none',
    },
    rejectedHeading: {
      id: 'reports.stats.rejected-heading',
      defaultMessage: 'Rejected and out-of-window alerts',
      description: 'Section heading',
    },
    rejectedLine: {
      id: 'reports.stats.rejected-line',
      defaultMessage:
        '{count, plural, one {{n} alert} other {{n} alerts}} refused at intake, of which {outside} outside the authorised window. Filters do not apply to these: they never became alerts.',
      description: 'How many alerts were refused when they arrived',
    },
    rejectedCaption: {
      id: 'reports.stats.rejected-caption',
      defaultMessage: 'Rejected alerts by reason',
      description: 'Table caption',
    },
    whyRefused: {
      id: 'reports.stats.why-refused',
      defaultMessage: 'Why refused',
      description: 'Table column',
    },
    count: { id: 'reports.stats.count', defaultMessage: 'Count', description: 'Table column' },
    reasonsGiven: {
      id: 'reports.stats.reasons-given',
      defaultMessage: 'Reasons given to the feed',
      description: 'Table column: the reasons the station answered the feed',
    },
    warningsHeading: {
      id: 'reports.stats.warnings-heading',
      defaultMessage: 'Threshold and safeguard warnings',
      description: 'Section heading',
    },
    noThreshold: {
      id: 'reports.stats.no-threshold',
      defaultMessage: 'No authorised threshold in the journal.',
      description: 'The journal records no authorised threshold',
    },
    threshold: {
      id: 'reports.stats.threshold',
      defaultMessage:
        'Authorised threshold {threshold}{below, select, yes {: below 0.60, the NPL (2023) figure.} other {.}}',
      description: 'The authorised threshold; below says it is under the NPL (2023) figure of 0.60',
    },
    mismatched: {
      id: 'reports.stats.mismatched',
      defaultMessage:
        '{count, plural, one {{n} alert} other {{n} alerts}} carried a threshold other than the authorised one.',
      description: 'Alerts whose threshold differs from the authorised one',
    },
    belowOwn: {
      id: 'reports.stats.below-own',
      defaultMessage: '{count, plural, one {{n} alert} other {{n} alerts}} scored below their own threshold.',
      description: 'Alerts scored below their own threshold',
    },
    seen: {
      id: 'reports.stats.seen',
      defaultMessage: 'Thresholds seen: {thresholds}.',
      description: 'Every threshold the alerts carried',
    },
    noSafeguards: {
      id: 'reports.stats.no-safeguards',
      defaultMessage: 'No safeguard warnings were raised.',
      description: 'No safeguard warning in the journal',
    },
  }),
);

/** A message with its values, in the reader's language (counts as strings, as the English always showed them). */
export function sayer(intl: IntlShape) {
  return (d: MessageDescriptor, values?: Record<string, string | number>) => intl.formatMessage(d, values);
}
