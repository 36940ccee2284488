/**
 * What the replay's time axis needs from a journal beside the fold: every entry's seq and
 * time (for clock-placement.ts), and the journal seq of each alert's receipt, showings and
 * outcomes, so each can carry where the axis puts it (`placed`, shared/replay.ts) when that
 * is not its recorded time. Recorded times are never changed.
 */
import type { Placed, ReplayAlert, ReplayData } from '../../../shared/replay';
import type { StationAlert } from '../../../shared/view';
import type { ClockStep } from '../../../shared/replay';
import { EntryTimes, placeEntries, type Placement } from './clock-placement';

function pushTo(map: Map<string, number[]>, key: string, seq: number): void {
  const list = map.get(key);
  if (list) list.push(seq);
  else map.set(key, [seq]);
}

const withPlaced = <T extends object>(item: T, placed: Placed | undefined): T & { placed?: Placed } =>
  placed ? { ...item, placed } : item;

export class AlertPlaces {
  private readonly times = new EntryTimes();
  private readonly receivedSeq = new Map<string, number>();
  private readonly shownSeqs = new Map<string, number[]>();
  private readonly outcomeSeqs = new Map<string, number[]>();

  /** Every entry, in journal order, readable or not. */
  entry(seq: number, at: string): void {
    this.times.add(seq, at);
  }

  received(alertId: string, seq: number): void {
    if (!this.receivedSeq.has(alertId)) this.receivedSeq.set(alertId, seq);
  }

  /** A showing the builder lists, in the order it lists them. */
  showing(alertId: string, seq: number): void {
    pushTo(this.shownSeqs, alertId, seq);
  }

  /** An outcome the fold kept, in the order it keeps them. */
  outcome(alertId: string, seq: number): void {
    pushTo(this.outcomeSeqs, alertId, seq);
  }

  /** Where the axis puts each entry so far: one pass over them. */
  place(steps: readonly ClockStep[]): Placement {
    return placeEntries(this.times, steps);
  }

  /**
   * An alert's showings, reviews, decisions and outcomes, each with where the axis puts it
   * when not at its recorded time, and its receipt's (new objects only then).
   */
  alert(
    alert: StationAlert,
    shown: ReplayAlert['shown'],
    reviews: ReplayAlert['reviews'],
    placement: Placement,
  ): Pick<ReplayAlert, 'shown' | 'reviews' | 'decisions' | 'outcomes' | 'placedReceived'> {
    const at = placement.bySeq;
    if (at.size === 0) return { shown, reviews, decisions: alert.decisions, outcomes: alert.outcomes };
    const received = at.get(this.receivedSeq.get(alert.alertId) ?? -1);
    const shownSeqs = this.shownSeqs.get(alert.alertId) ?? [];
    const outcomeSeqs = this.outcomeSeqs.get(alert.alertId) ?? [];
    return {
      ...(received ? { placedReceived: received } : {}),
      shown: shown.map((s, i) => withPlaced(s, at.get(shownSeqs[i] ?? -1))),
      reviews: reviews.map((r) => withPlaced(r, at.get(r.seq))),
      decisions: alert.decisions.map((d) => withPlaced(d, at.get(d.journal.seq))),
      outcomes: alert.outcomes.map((o, i) => withPlaced(o, at.get(outcomeSeqs[i] ?? -1))),
    };
  }
}

/** Events or reviews (fresh array), each with where the axis puts it when not at its `at`. */
export function placedList<T extends { seq: number }>(list: readonly T[], placement: Placement): T[] {
  if (placement.bySeq.size === 0) return [...list];
  return list.map((item) => withPlaced(item, placement.bySeq.get(item.seq)));
}

/** The first and last times on the axis, where outside the recorded ones. */
export function placedRange(
  placement: Placement,
  range: ReplayData['range'],
): Pick<ReplayData, 'placedFrom' | 'placedTo'> {
  const { first, last } = placement;
  return {
    ...(first !== null && first < Date.parse(range.from)
      ? { placedFrom: new Date(first).toISOString() }
      : {}),
    ...(last !== null && last > Date.parse(range.to) ? { placedTo: new Date(last).toISOString() } : {}),
  };
}
