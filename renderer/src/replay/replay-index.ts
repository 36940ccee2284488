/**
 * The replay's "state at time t", answered by binary search over arrays sorted once
 * when a replay opens, so that playing and scrubbing through 10,000 alerts never scans
 * the whole journal per frame. Every time here is the axis's placed time
 * (shared/replay-placed.ts): after a step of the station's clock, recorded times can go back
 * in journal order, and "what had happened by t" would then show a decision before its alert.
 */
import type { ReplayAlert, ReplayData, ReplayEvent, SupervisorReview } from '../../../shared/replay';
import {
  placedDecidedMs,
  placedEnd,
  placedMs,
  placedReceivedMs,
  placedRecordedMs,
  placedStart,
} from '../../../shared/replay-placed';
import type { AlertStatus } from '../../../shared/view';

export type DecisionClass = 'engage' | 'no-engage' | 'undecided' | 'withdrawn';

export interface ReplayIndex {
  from: number;
  to: number;
  /** Alerts by (placed) time of receipt, then journal order. */
  alerts: ReplayAlert[];
  receivedTimes: Float64Array;
  byId: Map<string, ReplayAlert>;
  /** Events by (placed) time, then journal order. */
  events: ReplayEvent[];
  eventTimes: Float64Array;
  withdrawnAt: Map<string, number>;
  escalatedAt: Map<string, number>;
}

const ms = (iso: string) => Date.parse(iso);

export function buildIndex(replay: ReplayData): ReplayIndex {
  const alerts = [...replay.alerts].sort(
    (a, b) => placedReceivedMs(a) - placedReceivedMs(b) || a.seq - b.seq,
  );
  const events = [...replay.events].sort((a, b) => placedMs(a) - placedMs(b) || a.seq - b.seq);
  const withdrawnAt = new Map<string, number>();
  const escalatedAt = new Map<string, number>();
  for (const e of events) {
    if (!e.alertId) continue;
    if (e.type === 'alert-withdrawn' && !withdrawnAt.has(e.alertId)) withdrawnAt.set(e.alertId, placedMs(e));
    if (e.type === 'alert-escalated' && !escalatedAt.has(e.alertId)) escalatedAt.set(e.alertId, placedMs(e));
  }
  return {
    from: ms(placedStart(replay)),
    to: Math.max(ms(placedStart(replay)), ms(placedEnd(replay))),
    alerts,
    receivedTimes: Float64Array.from(alerts, placedReceivedMs),
    byId: new Map(alerts.map((a) => [a.alertId, a])),
    events,
    eventTimes: Float64Array.from(events, placedMs),
    withdrawnAt,
    escalatedAt,
  };
}

/** How many of the sorted times are at or before t. */
export function upperBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted times are strictly before t. */
function lowerBound(times: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The decision an alert ended the deployment with, for its mark on the timeline. */
export function finalClass(alert: ReplayAlert): DecisionClass {
  if (alert.status === 'withdrawn') return 'withdrawn';
  const last = alert.decisions[alert.decisions.length - 1];
  return last ? last.decision : 'undecided';
}

/** An alert as it stood at time t, or null when it had not been received yet. */
export function alertAt(alert: ReplayAlert, t: number, index: ReplayIndex): ReplayAlert | null {
  if (placedReceivedMs(alert) > t) return null;
  const decisions = alert.decisions.filter((d) => placedDecidedMs(d) <= t);
  const outcomes = alert.outcomes.filter((o) => placedRecordedMs(o) <= t);
  const shown = alert.shown.filter((s) => placedMs(s) <= t);
  const reviews = alert.reviews.filter((r) => placedMs(r) <= t);
  const withdrawn = index.withdrawnAt.get(alert.alertId);
  const escalated = index.escalatedAt.get(alert.alertId);
  const status: AlertStatus =
    decisions.length > 0 ? 'decided' : withdrawn !== undefined && withdrawn <= t ? 'withdrawn' : 'pending';
  const first = decisions[0];
  return {
    ...alert,
    decisions,
    // "recorded" means the feed server answered; at time t it may not have yet, and the
    // journal entry for that answer is not in the fold, so the flag is shown as at the end.
    outcomes,
    shown,
    reviews,
    status,
    // The showings say when (placed); the alert's own shownAt only where none was journalled.
    shownAt:
      shown[0]?.at ??
      (alert.shown.length === 0 && alert.shownAt && ms(alert.shownAt) <= t ? alert.shownAt : null),
    escalated: escalated !== undefined ? escalated <= t : alert.escalated && status === 'pending',
    withdrawnReason: status === 'withdrawn' ? alert.withdrawnReason : null,
    timeToDecisionMs: first ? alert.timeToDecisionMs : null,
  };
}

/** Reviews recorded in this session join those already in the journal. */
export function reviewsOf(alert: ReplayAlert, extra: readonly SupervisorReview[]): SupervisorReview[] {
  const mine = extra.filter((r) => r.alertId === alert.alertId);
  if (mine.length === 0) return alert.reviews;
  const seen = new Set(alert.reviews.map((r) => r.seq));
  return [...alert.reviews, ...mine.filter((r) => !seen.has(r.seq))];
}

/**
 * The event a step lands on: the one after (or before) the cursor, skipping events of
 * alerts the filters hide. Events without an alert (sign-ins, safeguards) always count.
 */
export function stepEvent(
  index: ReplayIndex,
  t: number,
  cursor: number | null,
  direction: 1 | -1,
  visible: ReadonlySet<string> | null,
): number | null {
  const atCursor = cursor !== null && index.eventTimes[cursor] === t;
  let i =
    direction === 1
      ? atCursor
        ? cursor + 1
        : upperBound(index.eventTimes, t)
      : atCursor
        ? cursor - 1
        : lowerBound(index.eventTimes, t) - 1;
  while (i >= 0 && i < index.events.length) {
    const id = index.events[i]!.alertId;
    if (!visible || id === null || visible.has(id)) return i;
    i += direction;
  }
  return null;
}

/** The alert received nearest to time t among alerts sorted by receipt. */
export function nearestAlert(
  alerts: readonly ReplayAlert[],
  times: ArrayLike<number>,
  t: number,
): ReplayAlert | null {
  if (alerts.length === 0) return null;
  const i = lowerBound(times, t);
  const after = alerts[i];
  const before = alerts[i - 1];
  if (!before) return after ?? null;
  if (!after) return before;
  return t - times[i - 1]! <= times[i]! - t ? before : after;
}
