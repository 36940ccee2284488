/** Who is signed in, the station's clock, overlays, and the requests about the session. */
import type { SessionSlice, SliceContext } from './types';
import { errorText } from './types';

export function createSessionSlice({ set, get, bridge, options }: SliceContext): SessionSlice {
  return {
    station: null,
    connectError: null,
    clockOffsetMs: 0,
    now: options.localNow(),
    overlay: null,
    muted: false,
    alertAnnouncement: '',
    saveAnnouncement: '',
    signIn: { busy: false, error: null },
    signOutError: null,

    setOverlay: (overlay) => set({ overlay }),
    toggleMute: () => set({ muted: !get().muted }),

    async signInAs(payload) {
      set({ signIn: { busy: true, error: null } });
      try {
        const res = await bridge.signIn(payload);
        set({ signIn: { busy: false, error: res.ok ? null : res.error } });
      } catch (e) {
        set({ signIn: { busy: false, error: errorText(e) } });
      }
    },
    async signOut(handover) {
      try {
        const res = await bridge.signOut({ handover });
        set({ signOutError: res.ok ? null : res.error });
      } catch (e) {
        set({ signOutError: errorText(e) });
      }
    },
    async welfare(action) {
      try {
        await bridge.welfare({ action });
      } catch {
        // The prompt stays while main still says a break is due; nothing else to do.
      }
    },
    // Supervisor requests from the deployment panel go through the store like every other.
    setLegalHold: (p) => bridge.setLegalHold(p),
    updateSettings: (p) => bridge.updateSettings(p),
  };
}
