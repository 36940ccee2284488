/** The status bar's words: the feed's state, the officer, the outbox, the buttons. */
import { messageTable } from '../../../shared/message-table';
import { defineMessages } from 'react-intl';

export const STATUS_MESSAGES = messageTable(
  defineMessages({
    feedConnected: {
      id: 'components.status.feed-connected',
      defaultMessage: 'Feed: connected',
      description: 'Feed state',
    },
    feedConnecting: {
      id: 'components.status.feed-connecting',
      defaultMessage: 'Feed: connecting…',
      description: 'Feed state',
    },
    feedRefused: {
      id: 'components.status.feed-refused',
      defaultMessage: "Feed refused the station's credentials",
      description: 'Feed state: the feed server would not accept the station',
    },
    feedReconnecting: {
      id: 'components.status.feed-reconnecting',
      defaultMessage: 'Feed lost. Reconnecting…',
      description: 'Feed state',
    },
    feedReconnectingIn: {
      id: 'components.status.feed-reconnecting-in',
      defaultMessage: 'Feed lost. Reconnecting in {seconds} s',
      description: 'Feed state; s = seconds',
    },
    feedOffline: {
      id: 'components.status.feed-offline',
      defaultMessage: 'Feed: offline',
      description: 'Feed state',
    },
    brand: {
      id: 'components.status.brand',
      defaultMessage: 'Review Station',
      description: 'The product name, at the top of the screen',
    },
    training: {
      id: 'components.status.training',
      defaultMessage: 'TRAINING',
      description: 'Banner on the training feed (capitals on purpose)',
    },
    trainingTitle: {
      id: 'components.status.training-title',
      defaultMessage: 'Simulated alerts from the built-in feed. Nothing here is a real person.',
      description: 'Tooltip of the training banner',
    },
    trainingHidden: {
      id: 'components.status.training-hidden',
      defaultMessage: 'simulated alerts from the built-in feed, no real people',
      description: 'Read by screen readers after "TRAINING"',
    },
    connecting: {
      id: 'components.status.connecting',
      defaultMessage: 'Connecting to the station…',
      description: 'Before the station has answered',
    },
    operator: {
      id: 'components.status.operator',
      defaultMessage: '{role} <strong>{name}</strong> ({id})',
      description: 'Who is signed in: role (Officer/Supervisor), name and ID',
    },
    onShift: {
      id: 'components.status.on-shift',
      defaultMessage: 'On shift {duration}',
      description: 'Time since sign-in',
    },
    outboxEmpty: {
      id: 'components.status.outbox-empty',
      defaultMessage: 'Outbox empty',
      description: 'Nothing waits to be sent to the feed server',
    },
    outboxWaiting: {
      id: 'components.status.outbox-waiting',
      defaultMessage: 'Outbox {count} waiting to send',
      description: 'Decisions and outcomes waiting to be sent to the feed server',
    },
    outboxOldest: {
      id: 'components.status.outbox-oldest',
      defaultMessage: 'Outbox {count} waiting to send (oldest {ago})',
      description: 'As components.status.outbox-waiting, with the age of the oldest (e.g. "2 min ago")',
    },
    stationTime: {
      id: 'components.status.station-time',
      defaultMessage: 'Station time',
      description: 'Before the clock (screen readers)',
    },
    muteShortcut: {
      id: 'components.status.mute-shortcut',
      defaultMessage: 'Shortcut: m',
      description: 'Tooltip; keep the key m',
    },
    soundOff: {
      id: 'components.status.sound-off',
      defaultMessage: 'Alert sound is off in the station settings',
      description: 'Tooltip of the disabled mute button',
    },
    mute: { id: 'components.status.mute', defaultMessage: 'Mute sound', description: 'Toggle button' },
    shortcutsShortcut: {
      id: 'components.status.shortcuts-shortcut',
      defaultMessage: 'Shortcut: ?',
      description: 'Tooltip; keep the key ?',
    },
    shortcuts: {
      id: 'components.status.shortcuts',
      defaultMessage: 'Shortcuts',
      description: 'Button: list the keyboard shortcuts',
    },
    handOver: {
      id: 'components.status.hand-over',
      defaultMessage: 'Hand over',
      description: 'Button: hand over to the next officer',
    },
    signOut: { id: 'components.status.sign-out', defaultMessage: 'Sign out', description: 'Button' },
    signOutError: {
      id: 'components.status.sign-out-error',
      defaultMessage: 'Could not sign out: {error}',
      description: '{error} is the station’s reason',
    },
  }),
);
