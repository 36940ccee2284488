/** The deployment panel's and details dialog's words (the safeguards are shared/safeguard-messages.ts). */
import { messageTable } from '../../../shared/message-table';
import { defineMessages, type MessageDescriptor } from 'react-intl';
import type { WindowState } from '../deployment-state';

export const WINDOW_MESSAGES: Record<WindowState, MessageDescriptor> = defineMessages({
  'not-started': {
    id: 'components.window.not-started',
    defaultMessage: 'Not started',
    description: 'Authorised window state',
  },
  'in-progress': {
    id: 'components.window.in-progress',
    defaultMessage: 'In progress',
    description: 'Authorised window state',
  },
  ended: { id: 'components.window.ended', defaultMessage: 'Ended', description: 'Authorised window state' },
});

export const PANEL_MESSAGES = messageTable(
  defineMessages({
    window: {
      id: 'components.panel.window',
      defaultMessage: 'Window',
      description: 'Glance label: the authorised window',
    },
    opensIn: {
      id: 'components.panel.opens-in',
      defaultMessage: ' (opens in {duration})',
      description: 'After the window times (starts with a space)',
    },
    left: {
      id: 'components.panel.left',
      defaultMessage: ' ({duration} left)',
      description: 'After the window times (starts with a space)',
    },
    threshold: { id: 'components.panel.threshold', defaultMessage: 'Threshold', description: 'Glance label' },
    below: {
      id: 'components.panel.below',
      defaultMessage: ' below {npl}',
      description: 'After the threshold (starts with a space)',
    },
    watchlist: { id: 'components.panel.watchlist', defaultMessage: 'Watchlist', description: 'Glance label' },
    watchlistState: {
      id: 'components.panel.watchlist-state',
      defaultMessage: '{version}: <strong>{state}</strong>',
      description: 'Watchlist version and its review state (components.panel.reviewed etc.)',
    },
    reviewed: {
      id: 'components.panel.reviewed',
      defaultMessage: 'reviewed',
      description: 'Watchlist review state',
    },
    notReviewed: {
      id: 'components.panel.not-reviewed',
      defaultMessage: 'not reviewed',
      description: 'Watchlist review state',
    },
    reviewedLate: {
      id: 'components.panel.reviewed-late',
      defaultMessage: 'reviewed late',
      description: 'Watchlist review state',
    },
    notice: { id: 'components.panel.notice', defaultMessage: 'Public notice', description: 'Glance label' },
    given: { id: 'components.panel.given', defaultMessage: 'given', description: 'Public notice state' },
    notGivenReason: {
      id: 'components.panel.not-given-reason',
      defaultMessage: 'not given (reason recorded)',
      description: 'Public notice state',
    },
    noneNoReason: {
      id: 'components.panel.none-no-reason',
      defaultMessage: 'none, and no reason recorded',
      description: 'Public notice state',
    },
    faces: { id: 'components.panel.faces', defaultMessage: 'Faces compared', description: 'Glance label' },
    soFar: {
      id: 'components.panel.so-far',
      defaultMessage: 'so far',
      description: 'After the number of faces compared',
    },
    refused: {
      id: 'components.panel.refused',
      defaultMessage: 'Refused alerts',
      description: 'Glance label',
    },
    outside: {
      id: 'components.panel.outside',
      defaultMessage: ' ({count} outside the window)',
      description: 'After the number of refused alerts (starts with a space)',
    },
    legalHold: {
      id: 'components.panel.legal-hold',
      defaultMessage: 'Legal hold',
      description: 'Glance label',
    },
    imagesKept: {
      id: 'components.panel.images-kept',
      defaultMessage: 'images kept',
      description: 'Legal hold state',
    },
    heading: { id: 'components.panel.heading', defaultMessage: 'Deployment', description: 'Panel heading' },
    noDeployment: {
      id: 'components.panel.no-deployment',
      defaultMessage: 'No deployment received yet',
      description: 'Before the feed sent a deployment',
    },
    training: { id: 'components.panel.training', defaultMessage: 'Training deployment', description: 'Tag' },
    details: {
      id: 'components.panel.details',
      defaultMessage: 'Deployment details',
      description: 'Button and dialog title',
    },
    settings: {
      id: 'components.panel.settings',
      defaultMessage: 'Station settings',
      description: 'Button and dialog title',
    },
    accounts: {
      id: 'components.panel.accounts',
      defaultMessage: 'Accounts',
      description: 'Button: station accounts',
    },
  }),
);

export const DETAILS_MESSAGES = messageTable(
  defineMessages({
    close: { id: 'components.details.close', defaultMessage: 'Close', description: 'Button' },
    training: {
      id: 'components.details.training',
      defaultMessage: 'TRAINING deployment: synthetic alerts, stored apart from real records.',
      description: 'Details dialog on the training feed',
    },
    warnings: {
      id: 'components.details.warnings',
      defaultMessage: 'Safeguard warnings',
      description: 'Accessible name',
    },
    authorisation: {
      id: 'components.details.authorisation',
      defaultMessage: 'Authorisation',
      description: 'Section heading',
    },
    title: { id: 'components.details.title', defaultMessage: 'Title', description: 'Field' },
    deploymentId: {
      id: 'components.details.deployment-id',
      defaultMessage: 'Deployment ID',
      description: 'Field',
    },
    purpose: { id: 'components.details.purpose', defaultMessage: 'Purpose', description: 'Field' },
    intelligence: {
      id: 'components.details.intelligence',
      defaultMessage: 'Intelligence reference',
      description: 'Field',
    },
    location: { id: 'components.details.location', defaultMessage: 'Location', description: 'Field' },
    zone: {
      id: 'components.details.zone',
      defaultMessage: 'Zone',
      description: 'Field / column: part of the location',
    },
    notGiven: {
      id: 'components.details.not-given',
      defaultMessage: 'Not given',
      description: 'Value missing',
    },
    authorisedBy: {
      id: 'components.details.authorised-by',
      defaultMessage: 'Authorised by',
      description: 'Field',
    },
    authoriser: {
      id: 'components.details.authoriser',
      defaultMessage: '{rank} {name} ({id})',
      description: 'The authorising officer: rank, name and ID',
    },
    keyWarning: {
      id: 'components.details.key-warning',
      defaultMessage: '{by} — {warning}',
      description: 'How the station key is protected ({by}), and a warning about it',
    },
    authorisedAt: {
      id: 'components.details.authorised-at',
      defaultMessage: 'Authorised at',
      description: 'Field',
    },
    window: {
      id: 'components.details.window',
      defaultMessage: 'Authorised window',
      description: 'Section heading',
    },
    starts: { id: 'components.details.starts', defaultMessage: 'Starts', description: 'Field' },
    ends: { id: 'components.details.ends', defaultMessage: 'Ends', description: 'Field' },
    state: { id: 'components.details.state', defaultMessage: 'State', description: 'Field: window state' },
    refused: { id: 'components.details.refused', defaultMessage: 'Alerts refused', description: 'Field' },
    refusedCount: {
      id: 'components.details.refused-count',
      defaultMessage: '{rejected} in all, {outside} captured outside the window',
      description: 'Refused alerts',
    },
    matching: {
      id: 'components.details.matching',
      defaultMessage: 'Matching',
      description: 'Section heading',
    },
    threshold: { id: 'components.details.threshold', defaultMessage: 'Threshold', description: 'Field' },
    lowThreshold: {
      id: 'components.details.low-threshold',
      defaultMessage:
        'Below {npl}: the National Physical Laboratory (2023) found demographic differences in false matches below this setting.',
      description: 'Flag on a low threshold',
    },
    algorithm: { id: 'components.details.algorithm', defaultMessage: 'Algorithm', description: 'Field' },
    watchlist: {
      id: 'components.details.watchlist',
      defaultMessage: 'Watchlist',
      description: 'Section heading',
    },
    version: { id: 'components.details.version', defaultMessage: 'Version', description: 'Field' },
    size: { id: 'components.details.size', defaultMessage: 'Size', description: 'Field' },
    entries: {
      id: 'components.details.entries',
      defaultMessage: '{count} entries',
      description: 'Watchlist size',
    },
    reviewedBy: { id: 'components.details.reviewed-by', defaultMessage: 'Reviewed by', description: 'Field' },
    reviewedAt: { id: 'components.details.reviewed-at', defaultMessage: 'Reviewed at', description: 'Field' },
    noReview: {
      id: 'components.details.no-review',
      defaultMessage: 'No review recorded',
      description: 'Value',
    },
    afterStart: {
      id: 'components.details.after-start',
      defaultMessage: 'After the deployment started.',
      description: 'Flag',
    },
    reviewRequired: {
      id: 'components.details.review-required',
      defaultMessage: 'The guidance requires a review before every deployment.',
      description: 'Flag',
    },
    notice: {
      id: 'components.details.notice',
      defaultMessage: 'Public notice',
      description: 'Section heading',
    },
    noticeGiven: {
      id: 'components.details.notice-given',
      defaultMessage: 'Notice given',
      description: 'Field',
    },
    yes: { id: 'components.details.yes', defaultMessage: 'Yes', description: 'Value' },
    no: { id: 'components.details.no', defaultMessage: 'No', description: 'Value' },
    channels: {
      id: 'components.details.channels',
      defaultMessage: 'Channels',
      description: 'Field: how the public was told',
    },
    noneListed: { id: 'components.details.none-listed', defaultMessage: 'None listed', description: 'Value' },
    whyNot: {
      id: 'components.details.why-not',
      defaultMessage: 'Why not',
      description: 'Field: why no notice was given',
    },
    noReason: {
      id: 'components.details.no-reason',
      defaultMessage: 'No reason recorded.',
      description: 'Flag',
    },
    retentionHeading: {
      id: 'components.details.retention-heading',
      defaultMessage: 'Data protection and retention',
      description: 'Section heading',
    },
    dpia: {
      id: 'components.details.dpia',
      defaultMessage: 'DPIA reference',
      description: 'Field: data protection impact assessment',
    },
    retention: { id: 'components.details.retention', defaultMessage: 'Retention', description: 'Field' },
    retentionDays: {
      id: 'components.details.retention-days',
      defaultMessage: '{days} days after the window closes',
      description: 'How long records are kept',
    },
    keyProtection: {
      id: 'components.details.key-protection',
      defaultMessage: 'Station key protection',
      description: 'Field',
    },
    notReported: {
      id: 'components.details.not-reported',
      defaultMessage: 'Not reported',
      description: 'Value',
    },
    purgeAfter: {
      id: 'components.details.purge-after',
      defaultMessage: 'Images deleted after',
      description: 'Field',
    },
    purged: {
      id: 'components.details.purged',
      defaultMessage: 'Images deleted so far',
      description: 'Field',
    },
    legalHold: { id: 'components.details.legal-hold', defaultMessage: 'Legal hold', description: 'Field' },
    heldBy: {
      id: 'components.details.held-by',
      defaultMessage: 'Held by {name} ({id}) since {since}: {reason}',
      description: 'Legal hold in force',
    },
    none: { id: 'components.details.none', defaultMessage: 'None', description: 'No legal hold' },
    changed: {
      id: 'components.details.changed',
      defaultMessage: 'Record last changed',
      description: 'Field',
    },
    unknown: { id: 'components.details.unknown', defaultMessage: 'Unknown', description: 'Value' },
    cameras: { id: 'components.details.cameras', defaultMessage: 'Cameras', description: 'Section heading' },
    noCameras: {
      id: 'components.details.no-cameras',
      defaultMessage: 'No cameras listed.',
      description: 'Value',
    },
    id: { id: 'components.details.id', defaultMessage: 'ID', description: 'Column: camera ID' },
    label: { id: 'components.details.label', defaultMessage: 'Label', description: 'Column: camera label' },
    release: {
      id: 'components.details.release',
      defaultMessage: 'Release legal hold',
      description: 'Button',
    },
    place: { id: 'components.details.place', defaultMessage: 'Place legal hold', description: 'Button' },
    releaseReason: {
      id: 'components.details.release-reason',
      defaultMessage: 'Reason for releasing the hold',
      description: 'Field label',
    },
    holdReason: {
      id: 'components.details.hold-reason',
      defaultMessage: 'Reason for the legal hold',
      description: 'Field label',
    },
  }),
);
