/** Replay home's words (ReplayHome.tsx, DeploymentTable.tsx, ImportBundle.tsx). */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';

export const H = messageTable(
  defineMessages({
    heading: {
      id: 'reports.home.heading',
      defaultMessage: 'Deployments to replay',
      description: 'Replay home heading: the deployments on this station',
    },
    refresh: {
      id: 'reports.home.refresh',
      defaultMessage: 'Refresh',
      description: 'Button: list the deployments again',
    },
    intro: {
      id: 'reports.home.intro',
      defaultMessage: 'Each journal is verified when you open it, before anything is shown.',
      description: 'Replay home: what opening a deployment does first',
    },
    openFailed: {
      id: 'reports.home.open-failed',
      defaultMessage: 'Could not open the replay: {error}',
      description: 'Opening a replay failed; error is the reason',
    },
    listFailed: {
      id: 'reports.home.list-failed',
      defaultMessage: 'Could not list deployments: {error}',
      description: 'Listing deployments failed; error is the reason',
    },
    loading: {
      id: 'reports.home.loading',
      defaultMessage: 'Loading deployments…',
      description: 'While listing',
    },
    none: {
      id: 'reports.home.none',
      defaultMessage: 'No deployments on this station yet.',
      description: 'The station has no deployments',
    },
    caption: {
      id: 'reports.home.caption',
      defaultMessage: 'Deployments',
      description: 'Table caption (screen readers)',
    },
    title: {
      id: 'reports.home.title',
      defaultMessage: 'Title',
      description: 'Table column: the deployment title',
    },
    deployment: {
      id: 'reports.home.deployment',
      defaultMessage: 'Deployment',
      description: 'Table column: its id',
    },
    window: { id: 'reports.home.window', defaultMessage: 'Authorised window', description: 'Table column' },
    entries: {
      id: 'reports.home.entries',
      defaultMessage: 'First and last entry',
      description: 'Table column: the times of the first and last journal entries',
    },
    alerts: { id: 'reports.home.alerts', defaultMessage: 'Alerts', description: 'Table column' },
    decided: {
      id: 'reports.home.decided',
      defaultMessage: 'Decided',
      description: 'Table column: alerts decided',
    },
    integrity: { id: 'reports.home.integrity', defaultMessage: 'Integrity', description: 'Table column' },
    hold: { id: 'reports.home.hold', defaultMessage: 'Legal hold', description: 'Table column' },
    actions: {
      id: 'reports.home.actions',
      defaultMessage: 'Actions',
      description: 'Table column (screen readers)',
    },
    training: {
      id: 'reports.home.training',
      defaultMessage: 'Training',
      description: 'Tag: a training deployment',
    },
    imported: {
      id: 'reports.home.imported',
      defaultMessage: 'Imported',
      description: 'Tag: from an imported bundle',
    },
    notRecorded: {
      id: 'reports.home.not-recorded',
      defaultMessage: 'Not recorded',
      description: 'The authorised window is not in the journal',
    },
    unknownTime: {
      id: 'reports.home.unknown-time',
      defaultMessage: '?',
      description: 'One end of the authorised window, not recorded',
    },
    range: { id: 'reports.home.range', defaultMessage: '{from} – {to}', description: 'A time range' },
    noEntries: {
      id: 'reports.home.no-entries',
      defaultMessage: 'No entries',
      description: 'The journal has no entries',
    },
    onHold: {
      id: 'reports.home.on-hold',
      defaultMessage: 'On hold: {reason}',
      description: 'The deployment is on legal hold, and why',
    },
    noHold: { id: 'reports.home.no-hold', defaultMessage: 'None', description: 'No legal hold' },
    open: {
      id: 'reports.home.open',
      defaultMessage: 'Open',
      description: 'Button: open the deployment for replay',
    },
    openNamed: {
      id: 'reports.home.open-named',
      defaultMessage: 'Open {title}',
      description: 'Accessible name of the Open button: names the deployment',
    },
    importHeading: {
      id: 'reports.home.import-heading',
      defaultMessage: 'Import a deployment bundle',
      description: 'Section heading',
    },
    pickInMain: {
      id: 'reports.home.pick-in-main',
      defaultMessage:
        'A bundle exported by a station: you choose the file in the window that opens. It is verified before it opens.',
      description: 'Import, in the desktop app: the file is chosen in a system window',
    },
    file: { id: 'reports.home.file', defaultMessage: 'Bundle file', description: 'Field label' },
    chooseFile: {
      id: 'reports.home.choose-file',
      defaultMessage: 'Choose a bundle file.',
      description: 'No file chosen',
    },
    fileHint: {
      id: 'reports.home.file-hint',
      defaultMessage:
        'A bundle exported by a station. It is uploaded to the station and verified before it opens.',
      description: 'Hint under the bundle file field (browser mode)',
    },
    import: { id: 'reports.home.import', defaultMessage: 'Import bundle', description: 'Button' },
    importing: { id: 'reports.home.importing', defaultMessage: 'Importing…', description: 'While importing' },
    importFailed: {
      id: 'reports.home.import-failed',
      defaultMessage: 'Import failed: {error}',
      description: 'The import failed; error is the reason',
    },
  }),
);
