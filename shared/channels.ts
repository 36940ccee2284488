/**
 * Request and event names and their channel names, without zod, so the sandboxed
 * preload bundle can name every channel without carrying the schema library.
 * shared/contract.ts re-exports these and checks at compile time that the list
 * below matches its request schemas exactly.
 */
export const REQUEST_NAMES = [
  'getSnapshot',
  'signIn',
  'signOut',
  'handover',
  'alertShown',
  'recordDecision',
  'recordOutcome',
  'welfare',
  'updateSettings',
  'listDeployments',
  'listArchiveDeployments',
  'openReplay',
  'supervisorReview',
  'exportReplay',
  'importBundle',
  'enrolStationKey',
  'setLegalHold',
  'resolveRollback',
  'resolveAlarm',
  'reauthenticate',
  'proveSecondOfficer',
  'activity',
  'listAccounts',
  'addAccount',
  'disableAccount',
  'enableAccount',
  'resetPassword',
  'openImageWindow',
  'viewerFollow',
  // Issue 22 (claims): escalate the open alert with a note; a supervisor takes a held alert over.
  'escalate',
  'takeOver',
  // A supervisor acknowledges the backlog alarm (journalled; the sound stops).
  'acknowledgeBacklog',
  // Issue 22: a note on an alert before deciding; a repeat confirmed as its lead's No engage.
  'addNote',
  'confirmRepeat',
] as const;
export type RequestName = (typeof REQUEST_NAMES)[number];

/** `change`: the screen's incremental state (shared/screen.ts); a whole snapshot is a request, getSnapshot. */
/**
 * `facesAhead`: the faces of an alert being stored, sent before it may show (issue 25), so a
 * screen can decode them while the station makes the alert durable.
 */
export const EVENT_NAMES = ['change', 'clock', 'replayProgress', 'viewerFollow', 'facesAhead'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channel names (Electron) and message `type`s (WebSocket) derive from these. */
export const requestChannel = (name: RequestName) => `station:${name}`;
export const eventChannel = (name: EventName) => `station-event:${name}`;
