/**
 * The renderer's one store, built from slices. Main's state enters only through
 * `applySnapshot` (fed by bridge events and the first getSnapshot); everything else
 * is local to this screen. Nothing here decides what is on record: an alert leaves
 * the queue only when main says it is decided.
 */
import { createStore } from 'zustand/vanilla';
import type { StationBridge } from '../../../shared/contract';
import type { StationAlert, StationSnapshot } from '../../../shared/view';
import { TIER_RANK } from '../../../shared/queue-order';
import { arrivals, nextOpenAlert, pendingQueue, type AlertMap } from './selection';
import { createSessionSlice, nextFeedDrops, refusedTotal } from './session-slice';
import { createQueueSlice, openedPatch } from './queue-slice';
import { createDecisionSlice } from './decision-slice';
import { createOutcomeSlice } from './outcome-slice';
import { createViewerSlice } from './viewer-slice';
import { reconcileSaves } from './reconcile';
import { arrivalAnnouncement } from './announce';
import { applyAlertChanges, followScreen } from './screen-changes';
import { facesOf, pairReady, preloadPair, warmFaceDecoder } from './faces';
import { pendingAfter } from './pending-queue';
import type { SliceContext, StationMeta, StationStore, StationUiState, StoreOptions } from './types';
import { errorText } from './types';

export function createStationStore(bridge: StationBridge, options: StoreOptions = {}): StationStore {
  const resolved: Required<StoreOptions> = {
    tickMs: options.tickMs ?? 250,
    chime: options.chime ?? (() => undefined),
    localNow: options.localNow ?? (() => Date.now()),
    localMono: options.localMono ?? (() => performance.now()),
  };
  return createStore<StationUiState>()((set, get) => {
    const ctx: SliceContext = { set, get, bridge, options: resolved };

    /**
     * Main's new word: station facts and the alerts keyed by alertId. Whole snapshots
     * come through `applySnapshot`; a delta transport can build the next map and call this.
     */
    const applyState = (station: StationMeta, alerts: AlertMap, changed: readonly StationAlert[] | null) => {
      const s = get();
      const before = s.station ? s.alerts : null;
      // A change names its alerts: the queue is updated in place of a sort, arrivals read off it.
      const pending = changed
        ? pendingAfter(s.pending, changed, s.alerts)
        : pendingQueue([...alerts.values()]);
      const patch: Partial<StationUiState> = { station, alerts, pending, connectError: null };
      const drops = nextFeedDrops(s.feedDrops, station.feed, new Date(s.now).toISOString());
      if (drops !== s.feedDrops) patch.feedDrops = drops;
      // Refusals from before this screen opened are not news: the banner starts from here.
      if (!s.station) patch.refusalsSeen = refusedTotal(station);
      // A new officer must not inherit the last one's half-written judgements.
      if (s.station?.operator?.id !== station.operator?.id) {
        patch.drafts = {};
        patch.amending = {};
        patch.outcomeDrafts = {};
        patch.blocked = null;
      }
      let openId = nextOpenAlert(s.openAlertId, before, alerts, pending[0]?.alertId ?? null);
      // An alert arriving on an empty screen opens once its faces are decoded (bounded by
      // FACES_WAIT_MS): one paint with the faces in it, and meanwhile the page's main thread is
      // free to take the image bytes in, instead of mounting the review panel in front of them.
      // The queue, the count, the announcement and the sound do not wait.
      const showingNothing = s.openAlertId === null || !before?.has(s.openAlertId);
      const opening = openId ? alerts.get(openId) : undefined;
      if (opening && openId !== s.openAlertId && showingNothing && !pairReady(...facesOf(opening))) {
        openWhenDecoded(opening);
        openId = null;
      }
      if (openId !== s.openAlertId) Object.assign(patch, openedPatch(s, openId));
      const arrived = !before
        ? []
        : changed
          ? changed.filter((a) => a.status === 'pending' && !before.has(a.alertId))
          : arrivals(before, alerts);
      if (arrived.length) {
        arrived.sort((a, b) => TIER_RANK[a.subject.tier] - TIER_RANK[b.subject.tier]);
        patch.alertAnnouncement = arrivalAnnouncement(arrived);
        if (station.settings.sound && !s.muted) {
          try {
            resolved.chime(arrived[0]!.subject.tier);
          } catch {
            // Sound is a courtesy; the visible cue and announcement carry the news.
          }
        }
      }
      // A refused alert is never silent: the sound cue as well as the banner (Alarms).
      if (
        s.station &&
        refusedTotal(station) > refusedTotal(s.station) &&
        station.settings.sound &&
        !s.muted
      ) {
        try {
          resolved.chime('red');
        } catch {
          // Sound is a courtesy; the banner carries the news.
        }
      }
      // The open alert's faces and the next one's are fetched and decoded from here, before
      // anything renders: a pair goes on screen with its alert, and the next is ready when the
      // officer moves on (renderer/src/state/faces.ts; a face already asked for costs nothing).
      const open = openId ? alerts.get(openId) : undefined;
      if (open) void preloadPair(...facesOf(open));
      const next = pending.find((a) => a.alertId !== openId);
      if (next) void preloadPair(...facesOf(next));
      set(patch);
      reconcileSaves(set, get);
    };

    /** The alert waited for by `openWhenDecoded`, if any: only the latest wait opens anything. */
    let awaitedOpen: string | null = null;
    const openWhenDecoded = (alert: StationAlert) => {
      const id = alert.alertId;
      if (awaitedOpen === id) return;
      awaitedOpen = id;
      void Promise.race([preloadPair(...facesOf(alert)), delay(FACES_WAIT_MS)]).then(() => {
        if (awaitedOpen !== id) return;
        awaitedOpen = null;
        const s = get();
        // The officer may have opened something meanwhile, or the queue moved on.
        if (s.openAlertId !== null && s.alerts.has(s.openAlertId)) return;
        const first = s.pending[0]?.alertId ?? null;
        if (first !== id) {
          const other = first ? s.alerts.get(first) : undefined;
          if (other) openWhenDecoded(other);
          return;
        }
        set(openedPatch(s, id));
      });
    };

    const applySnapshot = (snapshot: StationSnapshot) => {
      const { alerts, ...station } = snapshot;
      applyState(station, keyById(alerts, get().alerts), null);
    };

    return {
      ...createSessionSlice(ctx),
      ...createQueueSlice(ctx),
      ...createDecisionSlice(ctx),
      ...createOutcomeSlice(ctx),
      ...createViewerSlice(ctx),
      applySnapshot,

      start() {
        // Before sign-in: the first alert's faces then decode as fast as every later alert's.
        void warmFaceDecoder();
        const offScreen = followScreen(bridge, {
          snapshot: applySnapshot,
          changes: (changes) => {
            const status = changes.findLast((c) => c.kind === 'status');
            const s = get();
            const alerts = applyAlertChanges(s.alerts, changes);
            const changed = changes.flatMap((c) => (c.kind === 'status' ? [] : [c.alert]));
            if (status?.kind === 'status') applyState(status.status, alerts, changed);
            else if (s.station && alerts !== s.alerts) applyState(s.station, alerts, changed);
          },
          failed: (e) => set({ connectError: errorText(e) }),
        });
        const offClock = bridge.onClock(({ now }) => {
          const t = Date.parse(now);
          if (Number.isFinite(t))
            set({
              now: t,
              clockOffsetMs: t - resolved.localNow(),
              clockHeard: true,
              mono: resolved.localMono(),
            });
        });
        // Between clock events wall time moves on this machine's wall clock; durations always on its monotonic one.
        const timer =
          resolved.tickMs > 0
            ? setInterval(
                () => set({ now: resolved.localNow() + get().clockOffsetMs, mono: resolved.localMono() }),
                resolved.tickMs,
              )
            : undefined;
        return () => {
          offScreen();
          offClock();
          if (timer) clearInterval(timer);
        };
      },
    };
  });
}

/**
 * How long an arriving alert waits for its faces to decode before it opens without them
 * (they then go in when decoded, as for an alert the officer opens). Normally a few ms.
 */
export const FACES_WAIT_MS = 150;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Alerts keyed by alertId. An alert whose content did not change keeps its old object,
 * so the components showing it do not re-render for a snapshot about something else.
 */
function keyById(list: readonly StationAlert[], previous: AlertMap): AlertMap {
  const next = new Map<string, StationAlert>();
  for (const alert of list) {
    const old = previous.get(alert.alertId);
    next.set(alert.alertId, old && sameAlert(old, alert) ? old : alert);
  }
  return next;
}

function sameAlert(a: StationAlert, b: StationAlert): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
