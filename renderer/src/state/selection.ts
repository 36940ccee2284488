/** Which alerts wait, in what order, and which one is open. Pure functions of alert maps. */
import type { StationAlert } from '../../../shared/view';
import { compareQueue } from '../../../shared/queue-order';

/** Alerts by alertId. A Map: copying one for a change costs far less than a record of thousands. */
export type AlertMap = ReadonlyMap<string, StationAlert>;

const queueKey = (a: StationAlert) => ({ tier: a.subject.tier, capturedAt: a.capturedAt, seq: a.seq });

/** Pending alerts, most urgent and then oldest first. */
export function pendingQueue(alerts: readonly StationAlert[]): StationAlert[] {
  return alerts.filter((a) => a.status === 'pending').sort((a, b) => compareQueue(queueKey(a), queueKey(b)));
}

function closedAt(a: StationAlert): number {
  const last = a.decisions[a.decisions.length - 1];
  return Date.parse(last?.decidedAt ?? a.receivedAt);
}

/** Decided and withdrawn alerts, most recently closed first. */
export function recentClosed(alerts: readonly StationAlert[], limit = 12): StationAlert[] {
  return alerts
    .filter((a) => a.status !== 'pending')
    .sort((a, b) => closedAt(b) - closedAt(a) || b.seq - a.seq)
    .slice(0, limit);
}

/**
 * The open alert after new state from main. An open alert is never displaced by an arrival;
 * it gives way only when it is decided (the officer moves on to the next one) or vanishes.
 * With nothing open, the most urgent, oldest pending alert (`first`, the head of the
 * queue) opens by itself.
 */
export function nextOpenAlert(
  openId: string | null,
  before: AlertMap | null,
  after: AlertMap,
  first: string | null,
): string | null {
  if (openId === null) return first;
  const now = after.get(openId);
  if (!now) return first;
  if (before?.get(openId)?.status === 'pending' && now.status === 'decided') return first;
  return openId;
}

/** The alert `step` places away from the open one in the given queue (j/k, arrows). */
export function stepInQueue(
  queue: readonly StationAlert[],
  openId: string | null,
  step: 1 | -1,
): string | null {
  if (queue.length === 0) return openId;
  const index = queue.findIndex((a) => a.alertId === openId);
  if (index === -1) return (step === 1 ? queue[0] : queue[queue.length - 1])!.alertId;
  const target = Math.min(queue.length - 1, Math.max(0, index + step));
  return queue[target]!.alertId;
}

/** Pending alerts that were not there before (none on the first state: nothing is "new" at start-up). */
export function arrivals(before: AlertMap | null, after: AlertMap): StationAlert[] {
  if (!before) return [];
  return [...after.values()].filter((a) => a.status === 'pending' && !before.has(a.alertId));
}
