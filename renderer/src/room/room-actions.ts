/**
 * Issue 22's officer actions on the open alert (escalate, add a note, confirm a repeat),
 * kept in a small store of their own so the live screen's store is untouched: which note
 * dialog is open, "confirm the next ready repeat" while live review is on screen (the
 * global shortcut asks it), and the core's refusal of a repeat confirmed. The bridge is the
 * screen's own (getBridge); a test hands in its fake with RoomBridgeContext.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore } from 'zustand';
import type { StationBridge } from '../../../shared/contract';
import { getBridge } from '../bridge';

export type RoomBridge = Pick<
  StationBridge,
  'addNote' | 'escalate' | 'confirmRepeat' | 'alertShown' | 'takeOver'
>;
export const RoomBridgeContext = createContext<RoomBridge | null>(null);
export const useRoomBridge = (): RoomBridge => useContext(RoomBridgeContext) ?? getBridge();

/** The small dialogs that ask for a note: escalate, add a note, or a supervisor's reason to take over. */
export type NoteKind = 'escalate' | 'note' | 'take-over';

interface RoomActions {
  dialog: { kind: NoteKind; alertId: string } | null;
  /** Set while live review is on screen (useRepeatShortcut): confirms the first repeat whose look time has passed. */
  confirmNextRepeat: (() => boolean) | null;
  /** The core's refusal of the last repeat confirmed, shown in its lead's strip. */
  repeatProblem: { leadAlertId: string; text: string } | null;
}

export const roomActions = createStore<RoomActions>(() => ({
  dialog: null,
  confirmNextRepeat: null,
  repeatProblem: null,
}));
export const useRoomActions = <T>(select: (s: RoomActions) => T) => useStore(roomActions, select);

export const openNoteDialog = (kind: NoteKind, alertId: string) =>
  roomActions.setState({ dialog: { kind, alertId } });
export const closeNoteDialog = () => roomActions.setState({ dialog: null });
/** For the global shortcut: a note dialog owns the keyboard while it is open. */
export const noteDialogOpen = () => roomActions.getState().dialog !== null;
/** For the global shortcut: true when a repeat was confirmed. */
export const confirmNextRepeat = () => roomActions.getState().confirmNextRepeat?.() ?? false;
