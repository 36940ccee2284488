/**
 * The screen's side of incremental state (shared/screen.ts): a snapshot to start from,
 * then numbered changes applied in order. A change that does not follow the last one
 * means one was missed: ask for a snapshot again, hold changes that arrive meanwhile,
 * and apply those the snapshot does not already hold. Never a guess.
 */
import type { StationBridge } from '../../../shared/contract';
import { RECENT_DECIDED, type ScreenChange, type VersionedSnapshot } from '../../../shared/screen';
import type { StationAlert } from '../../../shared/view';
import type { AlertMap } from './selection';

interface ScreenHandlers {
  snapshot(snapshot: VersionedSnapshot): void;
  changes(changes: ScreenChange[]): void;
  failed(error: unknown): void;
}

/** Subscribes and keeps the screen in step; returns the unsubscribe. */
export function followScreen(bridge: StationBridge, on: ScreenHandlers): () => void {
  let live = true;
  let version: number | null = null;
  let held: ScreenChange[] | null = null;

  const resync = () => {
    if (held) return;
    held = [];
    bridge.getSnapshot({}).then(
      (snapshot) => {
        if (!live) return;
        const waiting = held ?? [];
        held = null;
        version = snapshot.version ?? null;
        on.snapshot(snapshot);
        for (const change of waiting) take(change);
      },
      (error: unknown) => {
        held = null;
        if (live) on.failed(error);
      },
    );
  };

  const take = (change: ScreenChange) => {
    if (held) return void held.push(change);
    if (version !== null && change.version <= version) return; // already in the snapshot
    if (version === null || change.version !== version + 1) return resync();
    version = change.version;
    if (live) on.changes([change]);
  };

  const off = bridge.onChange(take);
  resync();
  return () => {
    live = false;
    off();
  };
}

/**
 * The alerts after `changes`, touching only the alerts named: an alert that did not
 * change keeps its object (its row does not re-render). Decided alerts beyond the
 * screen's recent list are let go, oldest first.
 */
export function applyAlertChanges(alerts: AlertMap, changes: readonly ScreenChange[]): AlertMap {
  let next: Map<string, StationAlert> | null = null;
  let decided = false;
  for (const change of changes) {
    if (change.kind === 'status') continue;
    next ??= new Map(alerts);
    next.set(change.alert.alertId, change.alert);
    if (change.kind === 'alert-decided') decided = true;
  }
  if (!next) return alerts;
  if (decided) {
    const done = [...next.values()].filter((a) => a.status !== 'pending');
    if (done.length > RECENT_DECIDED) {
      const touched = (a: StationAlert) => a.decisions.at(-1)?.decidedAt ?? a.receivedAt;
      done.sort((a, b) => touched(b).localeCompare(touched(a)));
      for (const old of done.slice(RECENT_DECIDED)) next.delete(old.alertId);
    }
  }
  return next;
}
