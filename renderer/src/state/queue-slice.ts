/** The alerts main holds, which one is open, and how the queue is filtered and shown. */
import { stepInQueue } from './selection';
import { selectVisibleQueue } from './selectors';
import type { QueueSlice, SliceContext, StationUiState } from './types';
import { initialView } from './viewer-slice';

export function createQueueSlice({ set, get }: SliceContext): QueueSlice {
  return {
    alerts: new Map(),
    pending: [],
    openAlertId: null,
    tierFilter: 'all',
    sidebarTab: 'queue',
    drawerOpen: false,

    openAlert: (alertId) => openAlert(set, get, alertId),
    step(step) {
      const s = get();
      openAlert(set, get, stepInQueue(selectVisibleQueue(s), s.openAlertId, step));
    },
    openNextPending() {
      const s = get();
      openAlert(set, get, s.pending[0]?.alertId ?? s.openAlertId);
    },
    setTierFilter: (tierFilter) => set({ tierFilter }),
    setSidebarTab: (sidebarTab) => set({ sidebarTab }),
    setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
  };
}

/** Open an alert with a fresh view; its images must render again before a decision counts them as seen. */
function openAlert(set: SliceContext['set'], get: SliceContext['get'], alertId: string | null): void {
  const s = get();
  if (alertId === s.openAlertId) return;
  set({ ...openedPatch(s, alertId), drawerOpen: false });
}

/** The state that opens `alertId`, whoever opens it (the officer, or new state from main). */
export function openedPatch(s: StationUiState, alertId: string | null): Partial<StationUiState> {
  return {
    openAlertId: alertId,
    view: initialView(s.view),
    rendered: withoutRendered(s.rendered, alertId),
    blocked: null,
  };
}

function withoutRendered<T>(rendered: Record<string, T>, alertId: string | null): Record<string, T> {
  if (alertId === null || !(alertId in rendered)) return rendered;
  const next = { ...rendered };
  delete next[alertId];
  return next;
}
