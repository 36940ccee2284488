/**
 * The times the replay's axis uses (see `Placed` in replay.ts): where an entry is placed
 * when the journal lets us know better than its recorded time, else the recorded time. The
 * screens show the recorded time as recorded, and the placed one beside it where it differs.
 */
import type { Placed, ReplayAlert, ReplayData } from './replay';

/** An event, showing or review: its placed time, else `at` (ISO 8601). */
export const placedAt = (x: { at: string; placed?: Placed }): string => x.placed?.at ?? x.at;

/** The same, in ms since the epoch. */
export const placedMs = (x: { at: string; placed?: Placed }): number => Date.parse(placedAt(x));

export const placedReceivedMs = (a: ReplayAlert): number => Date.parse(a.placedReceived?.at ?? a.receivedAt);

export const placedDecidedMs = (d: ReplayAlert['decisions'][number]): number =>
  Date.parse(d.placed?.at ?? d.decidedAt);

export const placedRecordedMs = (o: ReplayAlert['outcomes'][number]): number =>
  Date.parse(o.placed?.at ?? o.recordedAt);

/** The start of the replay's axis: the first recorded time, or an earlier placed one. */
export const placedStart = (replay: Pick<ReplayData, 'range' | 'placedFrom'>): string =>
  replay.placedFrom !== undefined && Date.parse(replay.placedFrom) < Date.parse(replay.range.from)
    ? replay.placedFrom
    : replay.range.from;

/** The end of the replay's axis: the last recorded time, or a later placed one. */
export const placedEnd = (replay: Pick<ReplayData, 'range' | 'placedTo'>): string =>
  replay.placedTo !== undefined && Date.parse(replay.placedTo) > Date.parse(replay.range.to)
    ? replay.placedTo
    : replay.range.to;
