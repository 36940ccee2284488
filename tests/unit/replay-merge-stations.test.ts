/**
 * A replay across stations (issue 22 item 5): an alert decided at two stations (a feed
 * without claims sent it to both) is a disagreement in the record, kept with both
 * decisions and named, never resolved by taking whichever came last.
 */
import { describe, expect, it } from 'vitest';
import { mergeStationReplays } from '../../electron/archive/replay-archive';
import type { ReplayAlert } from '../../shared/replay';
import { stationReplayPart } from '../helpers/station-replay-part';
import type { DecisionRecord } from '../../shared/view';

const ALERT = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const decision = (decision: DecisionRecord['decision'], decidedAt: string) =>
  ({
    revision: 1,
    decision,
    decidedAt,
    reasons: [],
    rationale: 'x',
  }) as Partial<DecisionRecord> as DecisionRecord;

const alert = (alertId: string, decisions: DecisionRecord[]) =>
  ({
    alertId,
    seq: 1,
    receivedAt: '2025-06-01T10:00:00.000Z',
    decisions,
    outcomes: [],
    shown: [],
    reviews: [],
    timeToDecisionMs: null,
  }) as Partial<ReplayAlert> as ReplayAlert;

const part = (stationId: string, alerts: ReplayAlert[]) =>
  stationReplayPart(stationId, alerts, { from: '2025-06-01T10:00:00.000Z', to: '2025-06-01T11:00:00.000Z' });

describe('one replay across stations: an alert decided at two stations', () => {
  it('is named as decided at both, with both decisions kept, and whether they differ', () => {
    const merged = mergeStationReplays('D1', [
      part('station-A', [
        alert(ALERT, [decision('no-engage', '2025-06-01T10:01:00.000Z')]),
        alert(OTHER, []),
      ]),
      part('station-B', [
        alert(ALERT, [decision('engage', '2025-06-01T10:02:00.000Z')]),
        alert(OTHER, [decision('no-engage', '2025-06-01T10:03:00.000Z')]),
      ]),
    ]);
    const a = merged.alerts.find((x) => x.alertId === ALERT)!;
    expect(a.decidedAtStations).toEqual({ stations: ['station-A', 'station-B'], differ: true });
    expect(a.decisions.map((d) => d.decision)).toEqual(['no-engage', 'engage']);
    // Decided at one station, only held at the other: nothing to name.
    expect(merged.alerts.find((x) => x.alertId === OTHER)!.decidedAtStations).toBeUndefined();
  });

  it('an alert decided at one station of three (the others only held it or were told) is no disagreement', () => {
    const merged = mergeStationReplays('D1', [
      part('station-A', [alert(ALERT, [decision('no-engage', '2025-06-01T10:01:00.000Z')])]),
      part('station-B', [alert(ALERT, [])]),
      part('station-C', [alert(ALERT, [])]),
    ]);
    expect(merged.alerts[0]!.decidedAtStations).toBeUndefined();
    expect(merged.alerts[0]!.stations).toEqual(['station-A', 'station-B', 'station-C']);
  });

  it('the same decision at two stations is still named (two officers reviewed one face), not differing', () => {
    const merged = mergeStationReplays('D1', [
      part('station-A', [alert(ALERT, [decision('no-engage', '2025-06-01T10:01:00.000Z')])]),
      part('station-B', [alert(ALERT, [decision('no-engage', '2025-06-01T10:02:00.000Z')])]),
      part('station-C', [alert(ALERT, [])]),
    ]);
    expect(merged.alerts[0]!.decidedAtStations).toEqual({
      stations: ['station-A', 'station-B'],
      differ: false,
    });
  });
});
