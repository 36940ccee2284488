/**
 * Incremental state for the screen (issue 13): one snapshot when a screen connects
 * (getSnapshot), then small typed changes, each numbered. One more alert costs one
 * small change whatever the number waiting. A screen that sees a gap in the numbers
 * missed a change and asks for a snapshot again (it never guesses).
 *
 * Alert changes carry the whole StationAlert of that one alert and are idempotent: a
 * snapshot taken while a change was on its way already holds it, and applying the
 * change again leaves the same state.
 */
import type { StationAlert, StationSnapshot } from './view';

/** Everything on screen but the alerts: station facts, counts, feed, operator, settings. */
export type StationStatus = Omit<StationSnapshot, 'alerts'>;

export type ScreenChange =
  | { kind: 'status'; version: number; status: StationStatus }
  | { kind: 'alert-added'; version: number; alert: StationAlert }
  | { kind: 'alert-updated'; version: number; alert: StationAlert }
  /** Decided or withdrawn: it leaves the queue and joins the recent list. */
  | { kind: 'alert-decided'; version: number; alert: StationAlert };

/** The counts the core keeps as alerts change, so a status never walks the queue. */
export interface ScreenCounts {
  undecided: number;
  withdrawn: number;
}

/** A snapshot stamped with the last change it includes (getSnapshot's answer). */
export type VersionedSnapshot = StationSnapshot & { version?: number };

/** How many decided or withdrawn alerts the screen keeps (the snapshot's recent list). */
export const RECENT_DECIDED = 100;
