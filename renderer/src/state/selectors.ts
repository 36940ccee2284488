/** Reading the store: every component goes through one of these, so it re-renders only for its slice. */
import { useRef } from 'react';
import { useStore } from 'zustand';
import type { Tier } from '../../../shared/feed/schemas';
import type { StationAlert } from '../../../shared/view';
import { recentClosed } from './selection';
import { monoElapsed } from './monotonic';
import {
  emptyDecisionDraft,
  formProblems,
  secondProofOf,
  needsSecondOfficer,
  type DecisionFormDraft,
  type FormProblem,
} from './form-rules';
import { memoLast, samePlain } from './memo';
import type { StationStore, StationUiState, TierFilter } from './types';

export const selectAlertList = memoLast((alerts: StationUiState['alerts']) => [...alerts.values()]);
const recentOf = memoLast((list: StationAlert[]) => recentClosed(list, 50));
const filtered = memoLast((queue: readonly StationAlert[], filter: TierFilter) =>
  groupRepeats(filter === 'all' ? queue : queue.filter((a) => a.subject.tier === filter)),
);

/**
 * Repeat hits on one watchlist entry side by side, at the place of the most urgent
 * (first) of them, so a burst reads as one person seen again; each is still decided on its own.
 */
function groupRepeats(queue: readonly StationAlert[]): StationAlert[] {
  const byEntry = new Map<string, StationAlert[]>();
  for (const a of queue) {
    const group = byEntry.get(a.subject.entryId);
    if (group) group.push(a);
    else byEntry.set(a.subject.entryId, [a]);
  }
  return [...byEntry.values()].flat();
}
const countsOf = memoLast((queue: readonly StationAlert[]) => {
  const counts: Record<Tier, number> = { red: 0, amber: 0, green: 0 };
  for (const a of queue) counts[a.subject.tier]++;
  return counts;
});

/** Pending alerts in queue order (red, amber, green; oldest first), kept by the store as they change. */
export const selectPendingQueue = (s: StationUiState) => s.pending;
/** The queue as shown: after the tier filter, repeat hits grouped. j/k step through this order. */
export const selectVisibleQueue = (s: StationUiState) => filtered(selectPendingQueue(s), s.tierFilter);
export const selectTierCounts = (s: StationUiState) => countsOf(selectPendingQueue(s));
/** Decided and withdrawn alerts, most recently closed first. */
export const selectRecent = (s: StationUiState) => recentOf(selectAlertList(s.alerts));
export const selectOpenAlert = (s: StationUiState): StationAlert | null =>
  (s.openAlertId && s.alerts.get(s.openAlertId)) || null;

/**
 * A supervisor's seat on a deployment with claims watches the room: an alert on its screen is
 * offered to the officers' seats, not claimed here, until the supervisor chooses to review it
 * here or takes it over (reviewAlertHere). Without this, the seat that watches would take
 * alerts from the officers just by having the queue open. One already shown here (before a
 * restart, say) stays this seat's.
 */
export const watchingTheRoom = (s: StationUiState, alertId: string) =>
  Boolean(s.station?.room) && !s.reviewHere[alertId] && !s.alerts.get(alertId)?.shownAt;

/** What the open alert's decision form shows, derived once for rendering and shortcuts alike. */
interface OpenReview {
  alert: StationAlert;
  /** Which decision form, if any, takes input now. */
  form: 'decide' | 'amend' | null;
  draft: DecisionFormDraft;
  problems: FormProblem[];
  needsSecond: boolean;
}

export function selectOpenReview(s: StationUiState): OpenReview | null {
  const alert = selectOpenAlert(s);
  const station = s.station;
  if (!alert || !station) return null;
  // A supervisor watching the room is offered "Review here" and "Take over" instead of a form.
  const form =
    alert.status === 'pending'
      ? watchingTheRoom(s, alert.alertId)
        ? null
        : 'decide'
      : alert.status === 'decided' && s.amending[alert.alertId]
        ? 'amend'
        : null;
  const draft = s.drafts[alert.alertId] ?? emptyDecisionDraft();
  const slots = s.rendered[alert.alertId];
  const shownAt = alert.shownAt ?? s.shownAt[alert.alertId] ?? null;
  const problems = form
    ? formProblems({
        alert,
        settings: station.settings,
        draft,
        rendered: Boolean(slots?.probe && slots.subject),
        shownAt,
        now: s.now,
        ...(shownAt && s.clockHeard
          ? { lookedMs: monoElapsed(`shown:${alert.alertId}`, shownAt, s.now, s.mono) }
          : {}),
        operatorId: station.operator?.id ?? null,
        fatal: station.fatal,
        secondProof: secondProofOf(station.access),
      })
    : [];
  return { alert, form, draft, problems, needsSecond: needsSecondOfficer(alert, station.settings, draft) };
}

/**
 * Subscribe to a derived value, re-rendering only when it changes by `equal`
 * (the store's value is compared, not the object identity a selector rebuilt).
 */
export function useStationSelector<T>(
  store: StationStore,
  selector: (s: StationUiState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
): T {
  const last = useRef<{ value: T } | null>(null);
  return useStore(store, (s) => {
    const next = selector(s);
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  });
}

/** Plain-data values (problem lists, small records) compared by content. */
export const usePlainSelector = <T>(store: StationStore, selector: (s: StationUiState) => T): T =>
  useStationSelector(store, selector, samePlain);

/** Station time rounded down to `stepMs`, so a clock tick re-renders only what shows that precision. */
export const steppedNow = (s: StationUiState, stepMs: number): number => Math.floor(s.now / stepMs) * stepMs;
export const useNow = (store: StationStore, stepMs = 1000): number =>
  useStore(store, (s) => steppedNow(s, stepMs));
