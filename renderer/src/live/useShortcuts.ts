/** Global shortcuts of live review, read against the store at the moment of the key press. */
import { useEffect, type RefObject } from 'react';
import { shortcutFor } from '../keyboard';
import { selectOpenReview, type StationStore } from '../state';
import { REASONS_IN_ORDER } from '../components/DecisionForm';
import { confirmNextRepeat, noteDialogOpen, openNoteDialog } from '../room/room-actions';

const focusById = (id: string) => {
  const el = document.getElementById(id);
  if (!el) return false;
  el.focus();
  return true;
};

export function useShortcuts(store: StationStore, off: RefObject<boolean>) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Live review's keys must never act on a hidden review while a supervisor replays.
      if (off.current || event.defaultPrevented) return;
      const action = shortcutFor(event);
      if (!action) return;
      const s = store.getState();
      // A modal dialog owns the keyboard while it is open.
      if (s.overlay || noteDialogOpen() || (s.station?.breakDue && s.station.operator)) return;
      if (!s.station?.operator) return;
      const review = selectOpenReview(s);
      switch (action.kind) {
        case 'decide':
          if (!review?.form) return;
          s.setDraft(review.alert.alertId, { decision: action.decision });
          // Choosing is the first step; the reasons are the next.
          focusById(`reason-${REASONS_IN_ORDER[0]!.code}`);
          break;
        case 'reason': {
          const reason = REASONS_IN_ORDER[action.index];
          if (!review?.form || !reason) return;
          s.toggleReason(review.alert.alertId, reason.code);
          focusById(`reason-${reason.code}`);
          break;
        }
        case 'next':
          s.step(1);
          break;
        case 'previous':
          s.step(-1);
          break;
        case 'focus-rationale':
          if (!focusById('rationale')) return;
          break;
        case 'submit':
          if (!review?.form) return;
          s.trySubmitDecision(review.alert.alertId);
          break;
        case 'toggle-scene':
          if (!review) return;
          s.toggleScene();
          break;
        case 'help':
          s.setOverlay('shortcuts');
          break;
        case 'mute':
          s.toggleMute();
          break;
        case 'escalate':
        case 'note':
          if (review?.alert.status !== 'pending') return;
          openNoteDialog(action.kind, review.alert.alertId);
          break;
        case 'confirm-repeat':
          if (!confirmNextRepeat()) return;
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, off]);
}
