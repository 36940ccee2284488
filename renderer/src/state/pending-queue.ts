/**
 * The pending queue kept in order as alerts change: one more alert costs a binary search
 * and one copy of the list, never a sort of everything waiting (issue 13: 3,000 waiting
 * must cost what 30 do). A whole snapshot still sorts once (selection.ts pendingQueue).
 */
import type { StationAlert } from '../../../shared/view';
import { compareQueue } from '../../../shared/queue-order';
import type { AlertMap } from './selection';

const queueKey = (a: StationAlert) => ({ tier: a.subject.tier, capturedAt: a.capturedAt, seq: a.seq });
const compare = (a: StationAlert, b: StationAlert) => compareQueue(queueKey(a), queueKey(b));

/** The first index whose alert does not come before `alert` in queue order. */
function lowerBound(list: readonly StationAlert[], alert: StationAlert): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid]!, alert) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function removeFrom(list: StationAlert[], alert: StationAlert): void {
  let at = lowerBound(list, alert);
  while (at < list.length && list[at]!.alertId !== alert.alertId && compare(list[at]!, alert) === 0) at += 1;
  if (list[at]?.alertId !== alert.alertId) at = list.findIndex((a) => a.alertId === alert.alertId);
  if (at >= 0) list.splice(at, 1);
}

function insertInto(list: StationAlert[], alert: StationAlert): void {
  let at = lowerBound(list, alert);
  // After any with the same key, so an equal pair keeps the order it arrived in.
  while (at < list.length && compare(list[at]!, alert) === 0) at += 1;
  list.splice(at, 0, alert);
}

/**
 * `queue` (pending, in queue order) after the alerts in `changed` took their new form;
 * `before` holds their previous form, if any. The result is a new list when anything changed.
 */
export function pendingAfter(
  queue: readonly StationAlert[],
  changed: readonly StationAlert[],
  before: AlertMap,
): readonly StationAlert[] {
  let next: StationAlert[] | null = null;
  for (const alert of changed) {
    const old = before.get(alert.alertId);
    if (!old && alert.status !== 'pending') continue;
    next ??= queue.slice();
    if (old?.status === 'pending') removeFrom(next, old);
    if (alert.status === 'pending') insertInto(next, alert);
  }
  return next ?? queue;
}
