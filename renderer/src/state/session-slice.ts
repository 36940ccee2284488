/**
 * Who is signed in, the station's clock, overlays, and the session's requests whose answers
 * change this screen (sign in, sign out, hand over). Requests that only forward to the
 * bridge are in bridge-requests.ts.
 */
import { useLocaleStore } from '../i18n/locale-store';
import { refusedWords } from '../i18n/refused';
import type { BridgeRequestName, FeedDrop, SessionSlice, SliceContext, StationMeta } from './types';
import { errorText } from './types';

export function createSessionSlice({
  set,
  get,
  bridge,
  options,
}: SliceContext): Omit<SessionSlice, BridgeRequestName> {
  return {
    station: null,
    connectError: null,
    // Until the station's clock is heard, this machine's wall clock, carried on the monotonic one.
    clockOffsetMs: options.localNow() - options.localMono(),
    now: options.localNow(),
    clockHeard: false,
    mono: options.localMono(),
    overlay: null,
    muted: false,
    alertAnnouncement: '',
    saveAnnouncement: '',
    signIn: { busy: false, error: null },
    signOutError: null,
    feedDrops: [],
    refusalsSeen: 0,
    acknowledgeRefusals: () => set({ refusalsSeen: refusedTotal(get().station) }),

    setOverlay: (overlay) => set({ overlay }),
    toggleMute: () => set({ muted: !get().muted }),

    async signInAs(payload) {
      set({ signIn: { busy: true, error: null } });
      try {
        const res = await bridge.signIn(payload);
        set({ signIn: { busy: false, error: res.ok ? null : refusedWords(res) } });
      } catch (e) {
        set({ signIn: { busy: false, error: errorText(e) } });
      }
    },
    // The access screens' requests: the result goes back to the form that asked. A station
    // account's sign-in answers with its language, and the screen switches to it.
    async signInWith(payload) {
      const res = await bridge.signIn(payload);
      if (res.ok && 'method' in payload && payload.method === 'local')
        useLocaleStore.getState().applyAccountLocale(res.locale);
      return res;
    },
    reportActivity() {
      void bridge.activity({}).catch(() => undefined);
    },
    async signOut(handover) {
      try {
        const res = await bridge.signOut({ handover });
        set({ signOutError: res.ok ? null : refusedWords(res) });
      } catch (e) {
        set({ signOutError: errorText(e) });
      }
    },
    // Browser mode opens the provider in a new tab, so this one keeps the draft decision;
    // Electron opens the system browser itself. The result arrives with the state.
    async proveSecondOfficerSso() {
      try {
        const res = await bridge.proveSecondOfficer({ method: 'oidc' });
        if (!res.ok) return refusedWords(res);
        if (res.redirect) window.open(res.redirect, '_blank', 'noopener');
        return null;
      } catch (e) {
        return errorText(e);
      }
    },
    async handOver(note) {
      try {
        const res = await bridge.handover({ note: note.trim() });
        set(res.ok ? { signOutError: null, overlay: null } : { signOutError: refusedWords(res) });
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
  };
}

/** Refused alerts so far: the reliability view's running total, or the deployment's count. */
export function refusedTotal(station: SessionSlice['station']): number {
  if (!station) return 0;
  return station.reliability?.refusedTotal ?? station.counts.rejected;
}

const LOST = new Set(['reconnecting', 'offline', 'refused']);

/** The drop log after main's new feed state: a drop opens when the feed is lost and closes when it is back. */
export function nextFeedDrops(
  drops: readonly FeedDrop[],
  feed: StationMeta['feed'],
  nowIso: string,
): FeedDrop[] {
  const open = drops[0] && drops[0].until === null ? drops[0] : null;
  const lost = LOST.has(feed.state);
  if (lost && !open)
    return [{ at: nowIso, until: null, state: feed.state, message: feed.message }, ...drops].slice(0, 50);
  if (lost && open && (open.state !== feed.state || open.message !== feed.message))
    return [{ ...open, state: feed.state, message: feed.message || open.message }, ...drops.slice(1)];
  if (!lost && open) return [{ ...open, until: nowIso }, ...drops.slice(1)];
  return drops as FeedDrop[];
}
