/**
 * Issue 22's officer actions on the open alert (escalate, add a note, confirm a repeat),
 * kept in a small store of their own so the live screen's store is untouched: which note
 * dialog is open, and the repeat strip's "confirm the next ready repeat" while it is mounted
 * (the global shortcut asks it). The bridge is the screen's own (getBridge); a test hands
 * in its fake with RoomBridgeContext.
 */
import { createContext, useContext } from 'react';
import { createStore, useStore } from 'zustand';
import type { StationBridge } from '../../../shared/contract';
import { getBridge } from '../bridge';

type RoomBridge = Pick<StationBridge, 'addNote' | 'escalate' | 'confirmRepeat' | 'alertShown' | 'takeOver'>;
export const RoomBridgeContext = createContext<RoomBridge | null>(null);
export const useRoomBridge = (): RoomBridge => useContext(RoomBridgeContext) ?? getBridge();

/** The small dialogs that ask for a note: escalate, add a note, or a supervisor's reason to take over. */
export type NoteKind = 'escalate' | 'note' | 'take-over';

interface RoomActions {
  dialog: { kind: NoteKind; alertId: string } | null;
  /** Set by the mounted repeat strip: confirms the first repeat whose look time has passed. */
  confirmNextRepeat: (() => boolean) | null;
}

export const roomActions = createStore<RoomActions>(() => ({ dialog: null, confirmNextRepeat: null }));
export const useRoomActions = <T>(select: (s: RoomActions) => T) => useStore(roomActions, select);

export const openNoteDialog = (kind: NoteKind, alertId: string) =>
  roomActions.setState({ dialog: { kind, alertId } });
export const closeNoteDialog = () => roomActions.setState({ dialog: null });
/** For the global shortcut: a note dialog owns the keyboard while it is open. */
export const noteDialogOpen = () => roomActions.getState().dialog !== null;
/** For the global shortcut: true when a repeat was confirmed. */
export const confirmNextRepeat = () => roomActions.getState().confirmNextRepeat?.() ?? false;
