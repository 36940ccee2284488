/**
 * What the screen is sent (issue 13): the station's view kept incrementally. Each
 * journal entry that touches an alert marks that alert; a push sends one status change
 * (station facts and counts, small and fixed in size) and one change per marked alert,
 * each numbered. The cost of a push is the number of alerts that changed, never the
 * number waiting: nothing here walks, sorts or serialises the whole queue. The full
 * snapshot is built only when a screen asks for one (on connecting, or after a gap).
 */
import type { FacesAhead, ReplayProgress, ViewerFollow } from '../../../shared/contract';
import type { JournalEntry } from '../../../shared/journal/entries';
import type { ScreenChange, ScreenCounts, StationStatus, VersionedSnapshot } from '../../../shared/screen';
import type { StationAlert, StationSnapshot } from '../../../shared/view';
import type { OpenDeployment } from './context';
import { statusOf, type SnapshotInput } from './snapshot';

/** What the station emits for screens: changes, and whole snapshots for whoever asks (tests, tools). */
export interface ScreenEvents {
  state: [StationSnapshot];
  change: [ScreenChange];
}

/** Everything the station emits: the screen's, the clock and replay loading progress. */
export type StationEvents = ScreenEvents & {
  clock: [{ now: string }];
  replayProgress: [ReplayProgress];
  viewerFollow: [ViewerFollow];
  facesAhead: [FacesAhead];
};

/** The station as a push needs it. */
interface PushTarget {
  readonly slots: Map<string, OpenDeployment>;
  emit(event: 'change', change: ScreenChange): boolean;
  emit(event: 'state', snapshot: StationSnapshot): boolean;
  listenerCount(event: 'state'): number;
  snapshot(): StationSnapshot;
}

export class ScreenFeed {
  private version = 0;
  /** Alerts changed since the last push, with whether the change was their arrival. */
  private readonly marked = new Map<string, { slot: OpenDeployment; arrived: boolean }>();
  /** Which alerts wait, and which were withdrawn: the counts, kept as they change. */
  private readonly pending = new Set<string>();
  private readonly withdrawn = new Set<string>();
  private countedSlots = new WeakSet<OpenDeployment>();

  /** The journal entry just folded into `slot`: if it names an alert, that alert goes out next push. */
  note<E extends JournalEntry>(slot: OpenDeployment, entry: E): E {
    const alertId = (entry.data as { alertId?: unknown }).alertId;
    if (typeof alertId === 'string' && slot.state.alerts.has(alertId)) {
      const arrived = entry.type === 'alert-received' || (this.marked.get(alertId)?.arrived ?? false);
      this.marked.set(alertId, { slot, arrived });
    }
    // A purge nulls image URLs across many alerts at once (rare): send each again.
    if (entry.type === 'retention-purge')
      for (const id of slot.state.alerts.keys()) this.marked.set(id, { slot, arrived: false });
    return entry;
  }

  /** Counts of every open slot; a slot's alerts are counted once, when it is first seen. */
  counts(slots: Iterable<OpenDeployment>): ScreenCounts {
    for (const slot of slots) {
      if (this.countedSlots.has(slot)) continue;
      this.countedSlots.add(slot);
      for (const alert of slot.state.alerts.values()) this.count(alert);
      // A summarised alert is decided or withdrawn (summaries.ts): counted as that.
      for (const [alertId, summary] of slot.state.summaries) this.countAs(alertId, summary.status);
    }
    return { undecided: this.pending.size, withdrawn: this.withdrawn.size };
  }

  /** The version the next snapshot carries: every change up to it is in the snapshot. */
  get current(): number {
    return this.version;
  }

  /** The changes since the last push, numbered; the status last, so its counts include them. */
  flush(slots: Iterable<OpenDeployment>, status: (counts: ScreenCounts) => StationStatus): ScreenChange[] {
    const changes: ScreenChange[] = [];
    this.counts(slots);
    for (const [alertId, { slot, arrived }] of this.marked) {
      const alert = slot.state.alerts.get(alertId);
      if (!alert) {
        // Summarised since it changed: not on screen (not among the most recent), but counted.
        const summary = slot.state.summaries.get(alertId);
        if (summary) this.countAs(alertId, summary.status);
        continue;
      }
      this.count(alert);
      const kind = alert.status !== 'pending' ? 'alert-decided' : arrived ? 'alert-added' : 'alert-updated';
      changes.push({ kind, version: ++this.version, alert });
    }
    this.marked.clear();
    changes.push({ kind: 'status', version: ++this.version, status: status(this.counts(slots)) });
    return changes;
  }

  /** Emit the changes since the last push; a whole snapshot only to whoever listens for one (tests, tools). */
  push(station: PushTarget, input: SnapshotInput): void {
    for (const change of this.flush(station.slots.values(), (counts) => statusOf(input, counts)))
      station.emit('change', change);
    if (station.listenerCount('state') > 0) station.emit('state', station.snapshot());
  }

  /** A snapshot for a screen that is (re)starting, stamped with the version it is current to. */
  stamp(snapshot: StationSnapshot): VersionedSnapshot {
    return { ...snapshot, version: this.version };
  }

  /** Forget everything counted (a slot closed, or a deployment's journal was reopened). */
  reset(): void {
    this.pending.clear();
    this.withdrawn.clear();
    this.countedSlots = new WeakSet();
  }

  private count(alert: StationAlert): void {
    this.countAs(alert.alertId, alert.status);
  }

  private countAs(alertId: string, status: StationAlert['status']): void {
    if (status === 'pending') this.pending.add(alertId);
    else this.pending.delete(alertId);
    if (status === 'withdrawn') this.withdrawn.add(alertId);
    else this.withdrawn.delete(alertId);
  }
}
