/** Which alerts wait, in what order, and which one is open. Pure functions of snapshots. */
import type { AlertView, StationSnapshot } from '../../shared/view';
import { compareQueue } from '../../shared/queue-order';

const queueKey = (a: AlertView) => ({ tier: a.subject.tier, capturedAt: a.capturedAt, seq: a.seq });

/** Pending alerts, most urgent and then oldest first. */
export function pendingQueue(alerts: readonly AlertView[]): AlertView[] {
  return alerts.filter((a) => a.status === 'pending').sort((a, b) => compareQueue(queueKey(a), queueKey(b)));
}

function closedAt(a: AlertView): number {
  const last = a.decisions[a.decisions.length - 1];
  return Date.parse(last?.decidedAt ?? a.receivedAt);
}

/** Decided and withdrawn alerts, most recently closed first. */
export function recentClosed(alerts: readonly AlertView[], limit = 12): AlertView[] {
  return alerts
    .filter((a) => a.status !== 'pending')
    .sort((a, b) => closedAt(b) - closedAt(a) || b.seq - a.seq)
    .slice(0, limit);
}

/**
 * The open alert after a new snapshot. An open alert is never displaced by an arrival;
 * it gives way only when it is decided (the officer moves on to the next one) or vanishes.
 * With nothing open, the most urgent, oldest pending alert opens by itself.
 */
export function nextOpenAlert(
  openId: string | null,
  previous: StationSnapshot | null,
  next: StationSnapshot,
): string | null {
  const first = pendingQueue(next.alerts)[0]?.alertId ?? null;
  if (openId === null) return first;
  const now = next.alerts.find((a) => a.alertId === openId);
  if (!now) return first;
  const before = previous?.alerts.find((a) => a.alertId === openId);
  if (before?.status === 'pending' && now.status === 'decided') return first;
  return openId;
}

/** The alert `step` places away from the open one in the queue (j/k, arrows). */
export function stepInQueue(
  alerts: readonly AlertView[],
  openId: string | null,
  step: 1 | -1,
): string | null {
  const queue = pendingQueue(alerts);
  if (queue.length === 0) return openId;
  const index = queue.findIndex((a) => a.alertId === openId);
  if (index === -1) return (step === 1 ? queue[0] : queue[queue.length - 1])!.alertId;
  const target = Math.min(queue.length - 1, Math.max(0, index + step));
  return queue[target]!.alertId;
}

/** Alerts that were not in the previous snapshot (none on the first one: nothing is "new" at start-up). */
export function arrivals(previous: StationSnapshot | null, next: StationSnapshot): AlertView[] {
  if (!previous) return [];
  const known = new Set(previous.alerts.map((a) => a.alertId));
  return next.alerts.filter((a) => a.status === 'pending' && !known.has(a.alertId));
}
