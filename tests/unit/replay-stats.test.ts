import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayData } from '../../shared/replay';
import {
  computeStats,
  filterAlerts,
  isFalseAlert,
  nearestRank,
  SCORE_BANDS,
  scoreBandIndex,
  timeBinWidth,
} from '../../shared/replay-stats';
import { createEphemeralSigner } from '../../electron/core/identity';
import { loadReplay } from '../../electron/core/replay/load';
import { ALERT_IDS, writeFixture } from './replay-fixture';

let dir: string;
let replay: ReplayData;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-stats-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  replay = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const byId = (id: string) => replay.alerts.find((a) => a.alertId === id)!;

describe('computeStats on the hand-made journal', () => {
  it('counts totals, results and actions from each alert’s latest revision', () => {
    const s = computeStats(replay);
    expect(s.totals).toEqual({
      alerts: 6,
      undecided: 1, // D
      engage: 3, // A, B (revision 2), C
      noEngage: 1, // F
      withdrawn: 1, // E
      rejected: 2,
      outsideWindow: 1,
    });
    expect(s.results).toEqual({
      confirmedTrue: 1, // A
      confirmedFalse: 1, // C
      notLocated: 0,
      engagedWithoutOutcome: 1, // B
      falseAlerts: 2, // C (confirmed false), F (no-engage, age/sex differ)
    });
    expect(s.actions).toEqual({
      arrest: 1,
      'compliance-check': 0,
      advice: 0,
      'no-further-action': 1,
      other: 0,
      none: 0,
    });
  });

  it('computes time to decision with nearest-rank percentiles', () => {
    const s = computeStats(replay);
    // First decisions: A 10 s, F 15 s, B 30 s, C 60 s.
    expect(byId(ALERT_IDS.A).timeToDecisionMs).toBe(10_000);
    expect(byId(ALERT_IDS.B).timeToDecisionMs).toBe(30_000);
    expect(byId(ALERT_IDS.D).timeToDecisionMs).toBeNull();
    expect(s.timeToDecision.count).toBe(4);
    expect(s.timeToDecision.medianMs).toBe(15_000); // rank ceil(0.5 × 4) = 2
    expect(s.timeToDecision.p90Ms).toBe(60_000); // rank ceil(0.9 × 4) = 4
    const counts = Object.fromEntries(s.timeToDecision.histogram.map((b) => [b.label, b.count]));
    expect(counts).toMatchObject({ '< 5 s': 0, '10–20 s': 2, '30–60 s': 1, '1–2 min': 1, '≥ 5 min': 0 });
  });

  it('gives per-officer decisions and signed-in time', () => {
    const s = computeStats(replay);
    expect(s.perOfficer).toEqual([
      { id: 'PC-1', name: 'PC One', decisions: 3, engage: 2, noEngage: 1, reviewMs: 480_000 },
      { id: 'PC-2', name: 'PC Two', decisions: 2, engage: 1, noEngage: 1, reviewMs: 120_000 },
    ]);
  });

  it('gives per-camera and per-score-band false alerts', () => {
    const s = computeStats(replay);
    expect(s.perCamera).toEqual([
      { id: 'cam-1', label: 'North', alerts: 3, engage: 2, noEngage: 1, confirmedFalse: 0, falseAlerts: 1 },
      { id: 'cam-2', label: 'South', alerts: 3, engage: 1, noEngage: 0, confirmedFalse: 1, falseAlerts: 1 },
    ]);
    expect(s.perScoreBand.map((b) => [b.alerts, b.confirmedFalse, b.falseAlerts])).toEqual([
      [0, 0, 0], // < 0.60
      [1, 1, 1], // C 0.62
      [1, 0, 0], // B 0.66
      [2, 0, 1], // D 0.75, F 0.70
      [2, 0, 0], // A 0.91, E 0.85
    ]);
  });

  it('bins alerts over the replay range by tier', () => {
    const s = computeStats(replay);
    expect(replay.range).toEqual({ from: '2026-03-21T10:00:00.000Z', to: '2026-03-21T10:10:00.000Z' });
    expect(s.alertsOverTime.binMs).toBe(60_000);
    expect(s.alertsOverTime.bins).toHaveLength(11);
    expect(s.alertsOverTime.bins.map((b) => b.total)).toEqual([0, 1, 1, 1, 0, 1, 1, 0, 1, 0, 0]);
    expect(s.alertsOverTime.bins[1]).toMatchObject({ red: 1, amber: 0, green: 0 });
  });

  it('bins an alert the clock step placed elsewhere where the timeline puts it, on the placed axis', () => {
    // As the builder carries it after a corrected step: the alert of the 10:01 bin placed at 10:12.
    const moved = replay.alerts.find((a) => a.receivedAt.startsWith('2026-03-21T10:01'))!;
    const placed: ReplayData = {
      ...replay,
      placedTo: '2026-03-21T10:12:30.000Z',
      alerts: replay.alerts.map((a) =>
        a === moved ? { ...a, placedReceived: { at: '2026-03-21T10:12:10.000Z', by: 'correction' } } : a,
      ),
    };
    const { bins } = computeStats(placed).alertsOverTime;
    expect(bins).toHaveLength(13);
    expect(bins.map((b) => b.total)).toEqual([0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 1]);
    expect(bins[12]![moved.subject.tier]).toBe(1);
  });

  it('reports threshold and safeguards', () => {
    const s = computeStats(replay);
    expect(s.threshold).toEqual({
      deployment: 0.64,
      belowNpl: false,
      seen: [0.64],
      mismatched: 0,
      belowThreshold: 1,
    });
    expect(s.safeguards.map((g) => g.code)).toEqual(['no-notice']);
  });

  it('computes over a filtered subset', () => {
    const north = filterAlerts(replay.alerts, { cameraId: 'cam-1' });
    expect(computeStats(replay, north).totals.alerts).toBe(3);
  });
});

describe('filterAlerts', () => {
  it('filters by officer, decision, tier, result, band and time to decision', () => {
    const ids = (f: Parameters<typeof filterAlerts>[1]) =>
      filterAlerts(replay.alerts, f)
        .map((a) => a.subject.entryId)
        .sort();
    expect(ids({ officerId: 'PC-2' })).toEqual(['WL-B', 'WL-F']);
    expect(ids({ decision: 'undecided' })).toEqual(['WL-D']);
    expect(ids({ decision: 'withdrawn' })).toEqual(['WL-E']);
    expect(ids({ decision: 'engage' })).toEqual(['WL-A', 'WL-B', 'WL-C']);
    expect(ids({ tier: 'red' })).toEqual(['WL-A', 'WL-F']);
    expect(ids({ result: 'confirmed-false' })).toEqual(['WL-C']);
    expect(ids({ result: 'none' })).toEqual(['WL-B', 'WL-D', 'WL-E', 'WL-F']);
    expect(ids({ scoreBand: 3 })).toEqual(['WL-D', 'WL-F']);
    expect(ids({ minTimeToDecisionMs: 30_000 })).toEqual(['WL-B', 'WL-C']);
    expect(ids({ tier: 'red', decision: 'no-engage' })).toEqual(['WL-F']);
  });
});

describe('helpers', () => {
  it('nearest-rank percentiles', () => {
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(nearestRank([1, 2, 3], 100)).toBe(3);
  });

  it('score bands cover every score once', () => {
    expect(SCORE_BANDS).toHaveLength(5);
    expect(scoreBandIndex(0)).toBe(0);
    expect(scoreBandIndex(0.6)).toBe(1);
    expect(scoreBandIndex(0.6499)).toBe(1);
    expect(scoreBandIndex(0.8)).toBe(4);
    expect(scoreBandIndex(1)).toBe(4);
  });

  it('a no-engage for other reasons is not a false alert', () => {
    expect(isFalseAlert(byId(ALERT_IDS.F))).toBe(true);
    expect(isFalseAlert(byId(ALERT_IDS.B))).toBe(false); // revision 2 engaged
    expect(isFalseAlert(byId(ALERT_IDS.D))).toBe(false);
  });

  it('time bins are round and at most 48', () => {
    expect(timeBinWidth(10 * 60_000)).toBe(60_000);
    expect(timeBinWidth(8 * 3_600_000)).toBe(10 * 60_000); // 48 bins exactly
    expect(timeBinWidth(9 * 3_600_000)).toBe(15 * 60_000);
    expect(timeBinWidth(30 * 86_400_000) / 86_400_000).toBeGreaterThanOrEqual(1);
  });
});
