/**
 * One station's replay as `mergeStationReplays` takes it (electron/archive/replay-archive.ts),
 * with nothing in it but the alerts and what a test sets: verified, no events, no steps.
 */
import type { Integrity, ReplayAlert, ReplayData } from '../../shared/replay';

const integrity = {
  status: 'verified',
  entries: 1,
  checkpoints: 1,
  images: { checked: 0, purged: 0, missing: 0, altered: 0 },
} as Partial<Integrity> as Integrity;

export function stationReplayPart(
  stationId: string,
  alerts: ReplayAlert[],
  range: ReplayData['range'],
  extra: Partial<ReplayData> = {},
): { stationId: string; replay: ReplayData } {
  return {
    stationId,
    replay: {
      integrity,
      alerts,
      events: [],
      rejected: [],
      safeguards: [],
      clockSteps: [],
      operators: [],
      reviews: [],
      training: false,
      deployment: null,
      range,
      ...extra,
    } as Partial<ReplayData> as ReplayData,
  };
}
