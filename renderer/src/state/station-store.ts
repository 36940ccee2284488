/**
 * The renderer's one store, built from slices. Main's state enters only through
 * apply-main.ts (a snapshot, then numbered changes followed by screen-changes.ts);
 * arrival effects are arrival-effects.ts; requests that only forward to the bridge are
 * bridge-requests.ts. Everything else is local to this screen. Nothing here decides what
 * is on record: an alert leaves the queue only when main says it is decided.
 */
import { createStore } from 'zustand/vanilla';
import type { StationBridge } from '../../../shared/contract';
import { createSessionSlice } from './session-slice';
import { createQueueSlice } from './queue-slice';
import { createDecisionSlice } from './decision-slice';
import { createOutcomeSlice } from './outcome-slice';
import { createViewerSlice } from './viewer-slice';
import { createBridgeRequests } from './bridge-requests';
import { createMainApplier } from './apply-main';
import { followScreen } from './screen-changes';
import { preloadAhead, warmFaceDecoder } from './faces';
import type { SliceContext, StationStore, StationUiState, StoreOptions } from './types';
import { errorText } from './types';

export { FACES_WAIT_MS } from './apply-main';

export function createStationStore(bridge: StationBridge, options: StoreOptions = {}): StationStore {
  const resolved: Required<StoreOptions> = {
    tickMs: options.tickMs ?? 250,
    chime: options.chime ?? (() => undefined),
    localNow: options.localNow ?? (() => Date.now()),
    localMono: options.localMono ?? (() => performance.now()),
  };
  return createStore<StationUiState>()((set, get) => {
    const ctx: SliceContext = { set, get, bridge, options: resolved };
    const main = createMainApplier(ctx);
    return {
      ...createSessionSlice(ctx),
      ...createBridgeRequests(ctx),
      ...createQueueSlice(ctx),
      ...createDecisionSlice(ctx),
      ...createOutcomeSlice(ctx),
      ...createViewerSlice(ctx),
      applySnapshot: main.applySnapshot,

      start() {
        // Before sign-in: the first alert's faces then decode as fast as every later alert's.
        void warmFaceDecoder();
        const offScreen = followScreen(bridge, {
          snapshot: main.applySnapshot,
          changes: main.applyChanges,
          failed: (e) => set({ connectError: errorText(e) }),
        });
        const offClock = followClock(ctx);
        // An arriving alert's faces, named while main stores it: decoded before it opens.
        const offAhead = bridge.onFacesAhead(preloadAhead);
        return () => {
          offScreen();
          offClock();
          offAhead();
        };
      },
    };
  });
}

/**
 * The station's clock: main's `clock` events set wall time; between them it moves on this
 * page's monotonic clock, so a step of this machine's wall clock never moves the station's
 * time on screen (nor a look time first measured against it). Returns the unsubscribe.
 */
function followClock({ set, get, bridge, options }: SliceContext): () => void {
  const offClock = bridge.onClock(({ now }) => {
    const t = Date.parse(now);
    const mono = options.localMono();
    if (Number.isFinite(t)) set({ now: t, clockOffsetMs: t - mono, clockHeard: true, mono });
  });
  const tick = () => {
    const mono = options.localMono();
    set({ now: mono + get().clockOffsetMs, mono });
  };
  const timer = options.tickMs > 0 ? setInterval(tick, options.tickMs) : undefined;
  return () => {
    offClock();
    if (timer) clearInterval(timer);
  };
}
