/**
 * Replay's timeline lines as codes and values (issue 26). The replay builder makes its
 * English `summary` (the PDF, the CSV, the archive report) from these messages and sends
 * the code beside it, so the screen says the line in the supervisor's language. Lines not
 * converted yet carry only their English summary. Values are strings as the journal has
 * them (numbers as written, so "alert #1234" never gains a separator).
 */
import { defineMessages } from '@formatjs/intl';
import type { Formatter } from './problem-messages';
import { messageTable } from './message-table';

const M = messageTable(
  defineMessages({
    'signed-out': {
      id: 'reports.line.signed-out',
      defaultMessage: '{who} signed out ({reason})',
      description: 'Replay timeline: an officer signed out; {reason} is its code (sign-out, handover, …)',
    },
    shown: {
      id: 'reports.line.shown',
      defaultMessage: '{alert} shown to {who}',
      description: 'Replay timeline: the faces of an alert were put on screen; {alert} is reports.line.alert',
    },
    noted: {
      id: 'reports.line.noted',
      defaultMessage: '{who} noted on {alert}: {note}',
      description: 'Replay timeline: a note added to an alert before deciding; {note} as written',
    },
    escalated: {
      id: 'reports.line.escalated',
      defaultMessage: '{alert} escalated: undecided for {seconds} s',
      description: 'Replay timeline: an alert waited too long; s = seconds',
    },
    withdrawn: {
      id: 'reports.line.withdrawn',
      defaultMessage: '{alert} withdrawn by the feed: {reason}',
      description: 'Replay timeline: the matching system withdrew an alert; {reason} as the feed gave it',
    },
    conflict: {
      id: 'reports.line.conflict',
      defaultMessage: '{alert} re-delivered with different content (kept the first version)',
      description: 'Replay timeline: the feed sent the same alert ID with other content',
    },
    decided: {
      id: 'reports.line.decided',
      defaultMessage:
        '{who} decided {decision, select, engage {engage} other {no-engage}} on {alert} (revision {revision})',
      description: 'Replay timeline: a decision; the decision is shown as its code in English',
    },
    'decided-confirmed': {
      id: 'reports.line.decided-confirmed',
      defaultMessage:
        '{who} decided {decision, select, engage {engage} other {no-engage}} on {alert} (revision {revision}), confirmed by {second}',
      description: 'Replay timeline: a decision with the two-person check; {second} is the second officer',
    },
    'welfare-answered': {
      id: 'reports.line.welfare-answered',
      defaultMessage: '{who} answered the welfare prompt: {response}',
      description: 'Replay timeline: the answer to the break prompt; {response} is its code',
    },
    'hold-placed': {
      id: 'reports.line.hold-placed',
      defaultMessage: 'Legal hold placed by {who}: {reason}',
      description: 'Replay timeline: a supervisor stopped retention deleting images; {reason} as written',
    },
    'hold-lifted': {
      id: 'reports.line.hold-lifted',
      defaultMessage: 'Legal hold lifted by {who}',
      description: 'Replay timeline: a legal hold ended',
    },
    'clock-step': {
      id: 'reports.line.clock-step',
      defaultMessage:
        'The station clock stepped from {before} to {after} ({restart, select, yes {across a restart} other {{seconds} s really passed}}); times after this follow the corrected clock',
      description:
        "Replay timeline: the station's wall clock jumped; {before} and {after} are its readings (ISO 8601, UTC); restart is yes when no monotonic clock spans the step",
    },
    'clock-confirmed': {
      id: 'reports.line.clock-confirmed',
      defaultMessage: "The station clock confirmed by the feed's times ({reason})",
      description:
        "Replay timeline: the feed's capture times agree with the station clock again; {reason} as journalled",
    },
    'replay-opened': {
      id: 'reports.line.replay-opened',
      defaultMessage: 'Replay opened by {who}',
      description: 'Replay timeline: a supervisor opened this replay',
    },
  }),
);

const PARTS = messageTable(
  defineMessages({
    alert: {
      id: 'reports.line.alert',
      defaultMessage: 'alert #{seq}',
      description: 'An alert in a replay timeline line, by its number in the journal',
    },
    alertById: {
      id: 'reports.line.alert-by-id',
      defaultMessage: 'alert {alertId}',
      description: 'An alert in a replay timeline line whose number is unknown, by its ID',
    },
    station: {
      id: 'reports.line.the-station',
      defaultMessage: 'the station',
      description: 'Who did something in a replay timeline line when no person did',
    },
  }),
);

export type ReplayLineCode = keyof typeof M;

/** A timeline line: its code, who (null: the station itself), the alert, and the other values. */
export type ReplayLine = {
  code: ReplayLineCode;
  who?: string | null;
  alert?: { seq: string } | { alertId: string };
  values?: Record<string, string>;
};

/** A timeline line in the reader's language. */
export function replayLineText(intl: Formatter, line: ReplayLine): string {
  const values: Record<string, string> = { ...line.values };
  if (line.who !== undefined) values.who = line.who ?? intl.formatMessage(PARTS.station);
  if (line.alert)
    values.alert =
      'seq' in line.alert
        ? intl.formatMessage(PARTS.alert, { seq: line.alert.seq })
        : intl.formatMessage(PARTS.alertById, { alertId: line.alert.alertId });
  return intl.formatMessage(M[line.code], values);
}
