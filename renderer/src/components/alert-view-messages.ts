/** The words of the open alert (AlertView, FactsStrip); the fixed terms are the glossary's. */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';

export const ALERT_MESSAGES = messageTable(
  defineMessages({
    reminder: {
      id: 'components.alert.reminder',
      defaultMessage: 'Possible match only. The system can be wrong: compare the faces yourself.',
      description: 'Always shown above an alert',
    },
    withdrawn: {
      id: 'components.alert.withdrawn',
      defaultMessage: '<strong>Withdrawn: {reason}</strong>. No decision is needed.',
      description:
        'The feed withdrew the alert; {reason} is its reason as sent (or components.alert.no-reason)',
    },
    noReason: {
      id: 'components.alert.no-reason',
      defaultMessage: 'no reason given',
      description: 'Withdrawn without a reason',
    },
    decided: {
      id: 'components.alert.decided',
      defaultMessage: 'Decided: {decision}',
      description: 'Status of a decided alert',
    },
    decidedAt: {
      id: 'components.alert.decided-at',
      defaultMessage: 'at {time}',
      description: 'When it was decided',
    },
    decidedBy: {
      id: 'components.alert.decided-by',
      defaultMessage: 'by {name} ({id})',
      description: 'Who decided',
    },
    revision: {
      id: 'components.alert.revision',
      defaultMessage: 'revision {revision}',
      description: 'Decision revision number',
    },
    imageTools: {
      id: 'components.alert.image-tools',
      defaultMessage: 'Image tools',
      description: 'Group of image buttons',
    },
    zoomOut: { id: 'components.alert.zoom-out', defaultMessage: 'Zoom out', description: 'Button' },
    zoomIn: { id: 'components.alert.zoom-in', defaultMessage: 'Zoom in', description: 'Button' },
    resetZoom: { id: 'components.alert.reset-zoom', defaultMessage: 'Reset zoom', description: 'Button' },
    showScene: {
      id: 'components.alert.show-scene',
      defaultMessage: 'Show scene',
      description: 'Toggle: show the whole camera frame the face was found in',
    },
    moreTools: {
      id: 'components.alert.more-tools',
      defaultMessage: 'Tone and compare',
      description: 'Expander: brightness/contrast and comparison modes',
    },
    details: {
      id: 'components.alert.details',
      defaultMessage: 'Watchlist entry details',
      description: 'Accessible name of the scrolling details pane',
    },
    sceneImage: {
      id: 'components.alert.scene-image',
      defaultMessage: 'Scene image',
      description: 'Alt text of the camera frame',
    },
    sceneCaption: {
      id: 'components.alert.scene-caption',
      defaultMessage: 'Scene frame from {camera}',
      description: 'Caption of the camera frame',
    },
    sceneFace: {
      id: 'components.alert.scene-face',
      defaultMessage: ', detected face outlined',
      description: 'Appended to the scene caption when the face is boxed (starts with a comma)',
    },
    name: { id: 'components.alert.name', defaultMessage: 'Name on watchlist', description: 'Fact label' },
    why: { id: 'components.alert.why', defaultMessage: 'Why on the watchlist', description: 'Fact label' },
    category: {
      id: 'components.alert.category',
      defaultMessage: 'Category',
      description: 'Fact label: watchlist category',
    },
    owner: {
      id: 'components.alert.owner',
      defaultMessage: 'Entry owner',
      description: 'Fact label: who to contact about the watchlist entry',
    },
    notes: {
      id: 'components.alert.notes',
      defaultMessage: 'Station notes on this alert',
      description: 'Accessible name of the list of what the station noticed',
    },
    clockAhead: {
      id: 'components.alert.clock-ahead',
      defaultMessage:
        "Clock disagreement: captured {minutes} min ahead of this station's clock. Check the times before relying on them.",
      description: 'The camera’s clock is ahead of the station’s',
    },
    dropped: {
      id: 'components.alert.dropped',
      defaultMessage: 'Not shown, malformed in the feed: {field}',
      description: 'A part of the alert was malformed and left out; {field} names it',
    },
    conflicts: {
      id: 'components.alert.conflicts',
      defaultMessage:
        'This alert ID was sent again {count, plural, one {once} other {# times}} with different content; refused, the version shown is the one first stored.',
      description: 'The feed re-sent the alert with different content',
    },
    facts: {
      id: 'components.facts.group',
      defaultMessage: 'Alert facts',
      description: 'Accessible name of the facts strip',
    },
    camera: { id: 'components.facts.camera', defaultMessage: 'Camera', description: 'Fact label' },
    captured: {
      id: 'components.facts.captured',
      defaultMessage: 'captured {time} ({ago})',
      description: 'When the face was captured; {ago} is e.g. "2 min ago"',
    },
    scoreLine: {
      id: 'components.facts.score',
      defaultMessage: 'Score {score} · threshold {threshold}',
      description: 'The matching score and the deployment threshold',
    },
    escalated: {
      id: 'components.facts.escalated',
      defaultMessage: 'Escalated: waiting too long',
      description: 'Tag on an escalated alert',
    },
    warnings: {
      id: 'components.facts.warnings',
      defaultMessage: 'Warnings',
      description: 'Fact label: safety warnings on the entry',
    },
    none: { id: 'components.facts.none', defaultMessage: 'None', description: 'No warnings' },
    reference: {
      id: 'components.facts.reference',
      defaultMessage: 'Reference image',
      description: 'Fact label: the watchlist image',
    },
    taken: {
      id: 'components.facts.taken',
      defaultMessage: 'Taken {date}',
      description: 'When the watchlist image was taken',
    },
    dateNotGiven: {
      id: 'components.facts.date-not-given',
      defaultMessage: 'Date not given',
      description: 'Watchlist image date unknown',
    },
    sourceNotGiven: {
      id: 'components.facts.source-not-given',
      defaultMessage: 'source not given',
      description: 'Watchlist image source unknown',
    },
    oldReference: {
      id: 'components.facts.old-reference',
      defaultMessage: 'Reference image is {years} years old',
      description: 'Flag: the watchlist image is old (always 3 or more years)',
    },
    ifEngage: {
      id: 'components.engage.label',
      defaultMessage: 'If you engage',
      description: 'Accessible name of the instructions',
    },
    redNow: {
      id: 'components.engage.red',
      defaultMessage: 'Red: act now — brief the engagement team, keep the subject in view.',
      description: 'Instruction on a Red tier alert once Engage is chosen',
    },
    tellWarnings: {
      id: 'components.engage.tell-warnings',
      defaultMessage: 'Tell the engagement team the warnings:',
      description: 'Before the list of warnings',
    },
    noWarnings: {
      id: 'components.engage.no-warnings',
      defaultMessage: 'No warnings on this watchlist entry.',
      description: 'Instruction when there are no warnings',
    },
    entryOwner: {
      id: 'components.engage.owner',
      defaultMessage: 'Entry owner: {owner}',
      description: 'Who to contact about the watchlist entry',
    },
  }),
);
