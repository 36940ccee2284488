/**
 * The transparency PDF's words (transparency-pdf.ts), apart from its code so that each stays
 * short. The figures are passed in as values, so they are the same in every language.
 */
import { defineMessages } from '@formatjs/intl';
import { messageTable } from '../../shared/message-table';

export const T = messageTable(
  defineMessages({
    title: {
      id: 'reports.transparency.title',
      defaultMessage: 'Live facial recognition: transparency report',
      description: 'Transparency PDF: the title on the first page',
    },
    docTitle: {
      id: 'reports.transparency.docTitle',
      defaultMessage: 'LFR transparency report {from} to {to}',
      description: "Transparency PDF: the file's title (shown in the viewer's window); dates YYYY-MM-DD",
    },
    scope: {
      id: 'reports.transparency.scope',
      defaultMessage: 'Deployments starting {from} to {to} (UTC). Generated {at} by {by}.',
      description: 'Transparency PDF: the period covered, when and by what the report was made',
    },
    counted: {
      id: 'reports.transparency.counted',
      defaultMessage:
        "Counted: {counted} deployments whose every enrolled station's journal verifies (journal-v1, against the keys enrolled in the archive). Not counted: {unverified} deployments with a journal that does not verify or stations that disagree, {inProgress} in progress, {training} training deployments, and {setApart} journals that are not an enrolled station's, listed at the end{withoutRecord}. {journals} journals: {verifiedNow} verified for this report, {reused} unchanged since an earlier recorded verification.",
      description:
        'Transparency PDF: what is counted and what is not; {withoutRecord} is empty or the withoutRecord clause',
    },
    withoutRecord: {
      id: 'reports.transparency.withoutRecordClause',
      defaultMessage: ', and {count} journals without a deployment record',
      description:
        'Transparency PDF: added at the end of the "listed at the end" sentence when there are some',
    },
    definitions: {
      id: 'reports.transparency.definitions',
      defaultMessage:
        'False alert: the latest outcome is confirmed false, or with no outcome the latest decision is no-engage because the person is not the person on the watchlist. Faces compared: the sum of the tally periods the system reported.',
      description: 'Transparency PDF: how a false alert and the faces compared are counted',
    },
    totals: {
      id: 'reports.transparency.totals',
      defaultMessage: 'Totals',
      description: 'Transparency PDF: heading',
    },
    byMonth: {
      id: 'reports.transparency.byMonth',
      defaultMessage: 'By month',
      description: 'Transparency PDF: heading',
    },
    deployments: {
      id: 'reports.transparency.deployments',
      defaultMessage: 'Deployments',
      description: 'Transparency PDF: heading of the table of deployments',
    },
    notCounted: {
      id: 'reports.transparency.notCounted',
      defaultMessage: 'Not counted: journals that do not verify, stations that disagree',
      description: 'Transparency PDF: heading of the list of deployments left out',
    },
    none: {
      id: 'reports.transparency.none',
      defaultMessage: 'None.',
      description: 'Transparency PDF: an empty list',
    },
    total: {
      id: 'reports.transparency.total',
      defaultMessage: 'Total',
      description: 'Transparency PDF: totals row',
    },
    deploymentCount: {
      id: 'reports.transparency.deploymentCount',
      defaultMessage: '{count, plural, one {# deployment} other {# deployments}}',
      description: 'Transparency PDF: a row of totals, how many deployments it adds up',
    },
    inProgress: {
      id: 'reports.transparency.inProgress',
      defaultMessage: 'In progress:',
      description: 'Transparency PDF: before a deployment not finished yet',
    },
    setApart: {
      id: 'reports.transparency.setApart',
      defaultMessage: 'Set apart:',
      description: "Transparency PDF: before a journal that is not an enrolled station's",
    },
    noRecord: {
      id: 'reports.transparency.noRecord',
      defaultMessage: '{date} {deployment}, station {station}: no deployment record in the journal',
      description: 'Transparency PDF: a journal without a deployment record',
    },
    chartTitle: {
      id: 'reports.transparency.chartTitle',
      defaultMessage: 'Alerts by month (red: false alerts)',
      description: 'Transparency PDF: chart title',
    },
    chartNote: {
      id: 'reports.transparency.chartNote',
      defaultMessage: 'Line: false alerts per 1,000 faces compared (right scale).',
      description: 'Transparency PDF: chart note',
    },
    colDate: {
      id: 'reports.transparency.col.date',
      defaultMessage: 'Date',
      description: 'Transparency PDF: column',
    },
    colPlace: {
      id: 'reports.transparency.col.place',
      defaultMessage: 'Deployment / place',
      description: 'Transparency PDF: column',
    },
    colWatchlist: {
      id: 'reports.transparency.col.watchlist',
      defaultMessage: 'Watchlist',
      description: 'Transparency PDF: column, watchlist size',
    },
    colFaces: {
      id: 'reports.transparency.col.faces',
      defaultMessage: 'Faces',
      description: 'Transparency PDF: column',
    },
    colAlerts: {
      id: 'reports.transparency.col.alerts',
      defaultMessage: 'Alerts',
      description: 'Transparency PDF: column',
    },
    colEngaged: {
      id: 'reports.transparency.col.engaged',
      defaultMessage: 'Engaged',
      description: 'Transparency PDF: column',
    },
    colTrue: {
      id: 'reports.transparency.col.confirmedTrue',
      defaultMessage: 'Conf. true',
      description: 'Transparency PDF: column, confirmed true (short)',
    },
    colFalse: {
      id: 'reports.transparency.col.confirmedFalse',
      defaultMessage: 'Conf. false',
      description: 'Transparency PDF: column, confirmed false (short)',
    },
    colNotLocated: {
      id: 'reports.transparency.col.notLocated',
      defaultMessage: 'Not loc.',
      description: 'Transparency PDF: column, not located (short)',
    },
    colArrests: {
      id: 'reports.transparency.col.arrests',
      defaultMessage: 'Arrests',
      description: 'Transparency PDF: column',
    },
    colFalseAlerts: {
      id: 'reports.transparency.col.falseAlerts',
      defaultMessage: 'False',
      description: 'Transparency PDF: column, false alerts (short)',
    },
    colPer1k: {
      id: 'reports.transparency.col.falsePer1k',
      defaultMessage: 'False/1k faces',
      description: 'Transparency PDF: column, false alerts per 1,000 faces (short)',
    },
    colPerAlert: {
      id: 'reports.transparency.col.falsePerAlert',
      defaultMessage: 'False/alert',
      description: 'Transparency PDF: column, false alerts per alert (short)',
    },
    colStops: {
      id: 'reports.transparency.col.stops',
      defaultMessage: 'Stops (median, max)',
      description: 'Transparency PDF: column, stops with median and longest in minutes',
    },
  }),
);
