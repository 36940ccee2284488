/** A replay state with nothing open, and the alerts a filter lets through. */
import type { ReplayFilter } from '../../../shared/replay';
import { placedReceivedMs } from '../../../shared/replay-placed';
import { filterAlerts } from '../../../shared/replay-stats';
import type { ReplayIndex } from './replay-index';
import type { Speed, Visible } from './replay-types';

export const freshReplay = () => ({
  deployments: null,
  listing: null,
  importing: null,
  opening: null,
  openError: null,
  replay: null,
  index: null,
  visible: null,
  section: 'timeline' as const,
  time: 0,
  playing: false,
  speed: 1 as Speed,
  cursor: null,
  selectedId: null,
  filter: {},
  extraReviews: [],
  review: null,
  exports: {},
  hold: null,
  enrolment: null,
  announcement: '',
});

const hasFilter = (f: ReplayFilter) => Object.values(f).some((v) => v !== undefined);

export function visibleOf(index: ReplayIndex, filter: ReplayFilter): Visible {
  if (!hasFilter(filter)) return { alerts: index.alerts, times: index.receivedTimes, ids: null };
  const alerts = filterAlerts(index.alerts, filter);
  return {
    alerts,
    times: Float64Array.from(alerts, placedReceivedMs),
    ids: new Set(alerts.map((a) => a.alertId)),
  };
}
