/**
 * The deployment's safeguards in a word each, for the at-a-glance row. Main decides
 * which warnings stand (shared/safeguards.ts); these only name the states so the row
 * and the details dialog say the same thing.
 */
import type { Deployment } from '../../shared/feed/schemas';
import { NPL_THRESHOLD } from '../../shared/safeguards';

export type Tone = 'ok' | 'warning' | 'serious';

export type WindowState = 'not-started' | 'in-progress' | 'ended';

export function windowState(d: Pick<Deployment, 'startsAt' | 'endsAt'>, now: number): WindowState {
  if (now < Date.parse(d.startsAt)) return 'not-started';
  if (now > Date.parse(d.endsAt)) return 'ended';
  return 'in-progress';
}

type WatchlistState = 'reviewed' | 'unreviewed' | 'reviewed-late';

export function watchlistState(d: Pick<Deployment, 'watchlist' | 'startsAt'>): WatchlistState {
  const { reviewedAt, reviewedBy } = d.watchlist;
  if (!reviewedAt || !reviewedBy) return 'unreviewed';
  return Date.parse(reviewedAt) > Date.parse(d.startsAt) ? 'reviewed-late' : 'reviewed';
}

type NoticeState = 'given' | 'not-given-with-reason' | 'not-given-no-reason';

export function noticeState(d: Pick<Deployment, 'notice'>): NoticeState {
  if (d.notice.given) return 'given';
  return d.notice.reasonIfNot?.trim() ? 'not-given-with-reason' : 'not-given-no-reason';
}

export const thresholdLow = (d: Pick<Deployment, 'threshold'>) => d.threshold < NPL_THRESHOLD;

export const windowTone = (s: WindowState): Tone => (s === 'in-progress' ? 'ok' : 'warning');
export const watchlistTone = (s: WatchlistState): Tone => (s === 'reviewed' ? 'ok' : 'serious');
export const noticeTone = (s: NoticeState): Tone => (s === 'not-given-no-reason' ? 'warning' : 'ok');
