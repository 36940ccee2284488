/**
 * Issue 22's officer requests in the request table: a note before deciding, and a repeat
 * confirmed as its lead's No engage. Both are writes in the officer's name, so both need
 * the signed-in person and an unlocked screen; a failed write says it was not saved.
 */
import { addNote } from './alert-notes';
import { orNotSaved } from './write';
import { confirmRepeat } from './repeats';
import type { DecisionPorts } from './officer';
import type { RequestTable } from './requests';

export function officerRoomRequests(station: DecisionPorts): Pick<RequestTable, 'addNote' | 'confirmRepeat'> {
  return {
    addNote: { rule: { need: 'signed-in' }, handle: (p) => orNotSaved('note', addNote(station, p)) },
    // The decision rules (sign-in, claim, look time, reasons) are checked by the one decision path.
    confirmRepeat: {
      rule: { need: 'signed-in' },
      handle: (p) => orNotSaved('decision', confirmRepeat(station, p)),
    },
  };
}
