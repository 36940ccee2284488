/** The training drills: named faults the feed can play so officers and the station practise them. */
import type { Deployment } from '../../shared/feed/schemas';
import { isoWithOffset } from './scenario';

export const DRILL_NAMES = [
  'malformed',
  'burst',
  'disconnect',
  'duplicate',
  'slow-ack',
  'low-threshold',
  'unreviewed-watchlist',
  'out-of-window',
  'not-started',
  'no-notice',
  'late-review',
  // The feed says it holds a checkpoint the station's journal lacks: the rollback alarm.
  'rollback',
  // 3,000 alerts at a steady pace: a backlog that keeps growing (FLOOD below).
  'flood',
] as const;
export type DrillName = (typeof DRILL_NAMES)[number];

export function isDrillName(value: string): value is DrillName {
  return (DRILL_NAMES as readonly string[]).includes(value);
}

/**
 * The flood drill (issue 13): 3,000 alerts at 25 a second (two minutes), so an officer
 * practises a backlog that keeps growing, and the station shows it stays responsive:
 * deciding an alert at the end takes as long as at the start.
 */
export const FLOOD = { alerts: 3000, perSecond: 25 };

/** What a burst-like drill sends once a station connects: flood paced, burst all at once. */
export function burstPlan(
  drills: ReadonlySet<DrillName>,
  burstCount: number,
): { name: 'flood' | 'burst'; count: number; everyMs: number } | null {
  if (drills.has('flood')) return { name: 'flood', count: FLOOD.alerts, everyMs: 1000 / FLOOD.perSecond };
  return drills.has('burst') ? { name: 'burst', count: burstCount, everyMs: 0 } : null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The deployment as the drills would have it (before any explicit overrides). */
export function applyDeploymentDrills(
  deployment: Deployment,
  drills: ReadonlySet<DrillName>,
  now: Date,
): Deployment {
  const out: Deployment = { ...deployment, watchlist: { ...deployment.watchlist } };
  if (drills.has('low-threshold')) out.threshold = 0.55;
  if (drills.has('unreviewed-watchlist')) {
    out.watchlist.reviewedAt = null;
    out.watchlist.reviewedBy = null;
  }
  if (drills.has('late-review')) {
    // Reviewed, but only after the window opened: the guidance wants it before.
    out.watchlist.reviewedAt = isoWithOffset(new Date(Date.parse(out.startsAt) + 20 * MINUTE));
  }
  if (drills.has('no-notice')) out.notice = { given: false, channels: [] };
  if (drills.has('not-started')) {
    const starts = new Date(now.getTime() + 30 * MINUTE);
    out.startsAt = isoWithOffset(starts);
    out.endsAt = isoWithOffset(new Date(starts.getTime() + 8 * HOUR));
  }
  return out;
}

/** A capture time outside the window: alternately before it starts and after it ends. */
export function outOfWindowTime(deployment: Deployment, index: number): string {
  return index % 2 === 0
    ? isoWithOffset(new Date(Date.parse(deployment.startsAt) - 20 * MINUTE))
    : isoWithOffset(new Date(Date.parse(deployment.endsAt) + 20 * MINUTE));
}
