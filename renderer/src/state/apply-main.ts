/**
 * Main's state entering the screen: the ONE place that applies a snapshot or a run of
 * changes (screen-changes.ts follows them in order) to the store. It keeps the queue, the
 * open alert and the feed's drop log in step, starts decoding the faces about to be shown,
 * hands new alerts to their arrival effects (arrival-effects.ts) and settles saves main now
 * confirms (reconcile.ts). Nothing here decides what is on record.
 */
import type { ScreenChange } from '../../../shared/screen';
import type { StationAlert, StationSnapshot } from '../../../shared/view';
import { TIER_RANK } from '../../../shared/queue-order';
import { arrivals, nextOpenAlert, pendingQueue, type AlertMap } from './selection';
import { nextFeedDrops, refusedTotal } from './session-slice';
import { openedPatch } from './queue-slice';
import { reconcileSaves } from './reconcile';
import { arrivalEffects } from './arrival-effects';
import { applyAlertChanges } from './screen-changes';
import { facesOf, pairReady, preloadPair } from './faces';
import { pendingAfter } from './pending-queue';
import type { SliceContext, StationMeta, StationUiState } from './types';

/**
 * How long an arriving alert waits for its faces to decode before it opens without them
 * (they then go in when decoded, as for an alert the officer opens). Normally a few ms.
 */
export const FACES_WAIT_MS = 150;

interface MainApplier {
  /** A whole snapshot (the first, or after a missed change). */
  applySnapshot: (snapshot: StationSnapshot) => void;
  /** Numbered changes, in order: alerts added or changed, the station's status. */
  applyChanges: (changes: ScreenChange[]) => void;
}

export function createMainApplier({ set, get, options }: SliceContext): MainApplier {
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

  /** Which alert is open after this state (or none yet, while an arrival's faces decode). */
  const openAfter = (
    s: StationUiState,
    before: AlertMap | null,
    alerts: AlertMap,
    firstPending: string | null,
  ) => {
    const openId = nextOpenAlert(s.openAlertId, before, alerts, firstPending);
    // An alert arriving on an empty screen opens once its faces are decoded (bounded by
    // FACES_WAIT_MS): one paint with the faces in it, and meanwhile the page's main thread is
    // free to take the image bytes in, instead of mounting the review panel in front of them.
    // The queue, the count, the announcement and the sound do not wait.
    const showingNothing = s.openAlertId === null || !before?.has(s.openAlertId);
    const opening = openId ? alerts.get(openId) : undefined;
    if (opening && openId !== s.openAlertId && showingNothing && !pairReady(...facesOf(opening))) {
      openWhenDecoded(opening);
      return null;
    }
    return openId;
  };

  /** Main's new word: station facts and the alerts keyed by alertId (`changed` names them, or null for a snapshot). */
  const applyState = (station: StationMeta, alerts: AlertMap, changed: readonly StationAlert[] | null) => {
    const s = get();
    const before = s.station ? s.alerts : null;
    // A change names its alerts: the queue is updated in place of a sort, arrivals read off it.
    const pending = changed ? pendingAfter(s.pending, changed, s.alerts) : pendingQueue([...alerts.values()]);
    const patch: Partial<StationUiState> = { station, alerts, pending, connectError: null };
    const drops = nextFeedDrops(s.feedDrops, station.feed, new Date(s.now).toISOString());
    if (drops !== s.feedDrops) patch.feedDrops = drops;
    // Refusals from before this screen opened are not news: the banner starts from here.
    if (!s.station) patch.refusalsSeen = refusedTotal(station);
    // A new officer must not inherit the last one's half-written judgements.
    if (s.station?.operator?.id !== station.operator?.id)
      Object.assign(patch, { drafts: {}, amending: {}, outcomeDrafts: {}, blocked: null });
    const openId = openAfter(s, before, alerts, pending[0]?.alertId ?? null);
    if (openId !== s.openAlertId) Object.assign(patch, openedPatch(s, openId));
    const arrived = !before
      ? []
      : changed
        ? changed.filter((a) => a.status === 'pending' && !before.has(a.alertId))
        : arrivals(before, alerts);
    arrived.sort((a, b) => TIER_RANK[a.subject.tier] - TIER_RANK[b.subject.tier]);
    const said = arrivalEffects({
      arrived,
      refusedMore: Boolean(s.station) && refusedTotal(station) > refusedTotal(s.station),
      soundOn: station.settings.sound && !s.muted,
      chime: options.chime,
    });
    if (said) patch.alertAnnouncement = said;
    // The open alert's faces and the next one's are fetched and decoded from here, before
    // anything renders: a pair goes on screen with its alert, and the next is ready when the
    // officer moves on (renderer/src/state/faces.ts; a face already asked for costs nothing).
    const open = openId ? alerts.get(openId) : undefined;
    if (open) void preloadPair(...facesOf(open));
    const next = pending.find((a) => a.alertId !== openId);
    if (next) void preloadPair(...facesOf(next));
    set(patch);
    reconcileSaves(set, get);
    // A claim another seat held has been given back: the open alert's faces are already on
    // screen, so tell the station again (it asks for the claim), or nobody would take it.
    if (open && changed?.some((a) => a.alertId === open.alertId)) get().announceShownIfDue(open.alertId);
  };

  return {
    applySnapshot(snapshot) {
      const { alerts, ...station } = snapshot;
      applyState(station, keyById(alerts, get().alerts), null);
    },
    applyChanges(changes) {
      const status = changes.findLast((c) => c.kind === 'status');
      const s = get();
      const alerts = applyAlertChanges(s.alerts, changes);
      const changed = changes.flatMap((c) => (c.kind === 'status' ? [] : [c.alert]));
      if (status?.kind === 'status') applyState(status.status, alerts, changed);
      else if (s.station && alerts !== s.alerts) applyState(s.station, alerts, changed);
    },
  };
}

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
