/**
 * The numbers an oversight report is made of, computed from a replay. Pure, so the
 * replay screen, the CSV/PDF exports and the auditors' CLI show the same figures.
 *
 * Definitions (docs/replay.md says the same in prose):
 * - An alert's decision is its LATEST decision revision; its result is its LATEST outcome.
 * - False alert: the latest outcome is confirmed-false; or, with no outcome, the latest
 *   decision is no-engage with reason subject-features-differ or subject-age-sex-differ
 *   (the officer judged the person on camera not to be the person on the watchlist).
 * - Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at
 *   rank ceil(p/100 × n) (1-based). No interpolation, so every figure is a real measurement.
 * - Time to decision: first decision's decidedAt minus the first time both images were shown.
 * - Review time: the sum of each person's signed-in spans, clipped to the replay's range.
 */
import type { ReplayAlert, ReplayData, ReplayFilter, ScoreBand } from './replay';
import type { OutcomeRecord } from './view';
import { NPL_THRESHOLD, OUTCOME_ACTIONS } from './vocabulary';
import { nearestRank } from './nearest-rank';
import { placedEnd, placedStart } from './replay-placed';
import { claimStats, type ClaimStats } from './claim-stats';
import {
  alertsOverTime,
  decisionHistogram,
  reviewTimeByPerson,
  type HistogramBin,
  type TimeBin,
} from './replay-time-bins';

export { timeBinWidth, type HistogramBin, type TimeBin } from './replay-time-bins';

/** Bands around the usual operating thresholds; 0.60 is the NPL (2023) figure. From inclusive, to exclusive. */
export const SCORE_BANDS: ScoreBand[] = [
  { from: 0, to: 0.6, label: '< 0.60' },
  { from: 0.6, to: 0.65, label: '0.60–0.65' },
  { from: 0.65, to: 0.7, label: '0.65–0.70' },
  { from: 0.7, to: 0.8, label: '0.70–0.80' },
  { from: 0.8, to: Number.POSITIVE_INFINITY, label: '≥ 0.80' },
];

/** Reason codes by which an officer says "this is not the person": a no-engage on these is a false alert. */
export const NOT_A_MATCH_REASONS: readonly string[] = ['subject-features-differ', 'subject-age-sex-differ'];

export { OUTCOME_ACTIONS };

export interface ReplayStats {
  totals: {
    alerts: number;
    /** No decision and not withdrawn. */
    undecided: number;
    /** Latest decision engage / no-engage (a decided alert later withdrawn counts here and in withdrawn). */
    engage: number;
    noEngage: number;
    withdrawn: number;
    /** Refused at intake (never became alerts); outsideWindow is the part refused for the authorised window. */
    rejected: number;
    outsideWindow: number;
  };
  results: {
    confirmedTrue: number;
    confirmedFalse: number;
    notLocated: number;
    /** Latest decision engage and no outcome recorded. */
    engagedWithoutOutcome: number;
    /** False alerts as defined above (confirmed-false, or not-a-match no-engage without an outcome). */
    falseAlerts: number;
  };
  /** Latest outcome's action; `none` is an outcome without one. */
  actions: Record<(typeof OUTCOME_ACTIONS)[number] | 'none', number>;
  timeToDecision: {
    count: number;
    medianMs: number | null;
    p90Ms: number | null;
    histogram: HistogramBin[];
  };
  alertsOverTime: { binMs: number; bins: TimeBin[] };
  perOfficer: {
    id: string;
    name: string;
    /** Decision entries (every revision) this person made. */
    decisions: number;
    engage: number;
    noEngage: number;
    reviewMs: number;
  }[];
  perCamera: {
    id: string;
    label: string;
    alerts: number;
    engage: number;
    noEngage: number;
    confirmedFalse: number;
    falseAlerts: number;
  }[];
  perScoreBand: { label: string; alerts: number; confirmedFalse: number; falseAlerts: number }[];
  safeguards: ReplayData['safeguards'];
  threshold: {
    /** The deployment's authorised threshold, if the journal holds a deployment record. */
    deployment: number | null;
    /** True when it is below 0.60 (NPL 2023). */
    belowNpl: boolean;
    /** Distinct thresholds the alerts themselves carried. */
    seen: number[];
    /** Alerts whose threshold differs from the deployment's. */
    mismatched: number;
    /** Alerts scored below their own threshold (should be none). */
    belowThreshold: number;
  };
  /** A shared deployment (claims): who held alerts and for how long (claim-stats.ts); null when nothing was claimed. */
  claims: ClaimStats | null;
}

function latestDecision(alert: ReplayAlert) {
  return alert.decisions.length ? alert.decisions[alert.decisions.length - 1]! : null;
}

function latestOutcome(alert: ReplayAlert): OutcomeRecord | null {
  return alert.outcomes.length ? alert.outcomes[alert.outcomes.length - 1]! : null;
}

export function isFalseAlert(alert: ReplayAlert): boolean {
  const outcome = latestOutcome(alert);
  if (outcome) return outcome.result === 'confirmed-false';
  const decision = latestDecision(alert);
  return (
    decision !== null &&
    decision.decision === 'no-engage' &&
    decision.reasons.some((r) => NOT_A_MATCH_REASONS.includes(r))
  );
}

export function scoreBandIndex(score: number): number {
  for (let i = SCORE_BANDS.length - 1; i >= 0; i--) if (score >= SCORE_BANDS[i]!.from) return i;
  return 0;
}

/** 'none' when no outcome is recorded. */
function resultOf(alert: ReplayAlert): OutcomeRecord['result'] | 'none' {
  return latestOutcome(alert)?.result ?? 'none';
}

function decisionOf(alert: ReplayAlert): 'engage' | 'no-engage' | 'undecided' | 'withdrawn' {
  if (alert.status === 'withdrawn') return 'withdrawn';
  return latestDecision(alert)?.decision ?? 'undecided';
}

export function filterAlerts(alerts: ReplayAlert[], f: ReplayFilter): ReplayAlert[] {
  return alerts.filter((a) => {
    if (f.officerId !== undefined && !a.decisions.some((d) => d.operator.id === f.officerId)) return false;
    if (f.decision !== undefined && decisionOf(a) !== f.decision) return false;
    if (f.tier !== undefined && a.subject.tier !== f.tier) return false;
    if (f.cameraId !== undefined && a.camera.id !== f.cameraId) return false;
    if (f.result !== undefined && resultOf(a) !== f.result) return false;
    if (f.scoreBand !== undefined && scoreBandIndex(a.score) !== f.scoreBand) return false;
    if (
      f.minTimeToDecisionMs !== undefined &&
      (a.timeToDecisionMs === null || a.timeToDecisionMs < f.minTimeToDecisionMs)
    )
      return false;
    return true;
  });
}

export { nearestRank };

type OfficerRow = ReplayStats['perOfficer'][number];
type CameraRow = ReplayStats['perCamera'][number];

/** Alerts by their latest decision, and what became of them by their latest outcome. */
function decisionsAndResults(replay: ReplayData, alerts: ReplayAlert[]) {
  const totals: ReplayStats['totals'] = {
    alerts: alerts.length,
    undecided: 0,
    engage: 0,
    noEngage: 0,
    withdrawn: 0,
    rejected: replay.rejected.length,
    outsideWindow: replay.rejected.filter((r) => r.code === 'outside-window').length,
  };
  const results: ReplayStats['results'] = {
    confirmedTrue: 0,
    confirmedFalse: 0,
    notLocated: 0,
    engagedWithoutOutcome: 0,
    falseAlerts: 0,
  };
  const actions = Object.fromEntries(
    [...OUTCOME_ACTIONS, 'none'].map((a) => [a, 0]),
  ) as ReplayStats['actions'];
  for (const a of alerts) {
    const decision = latestDecision(a);
    const outcome = latestOutcome(a);
    if (a.status === 'withdrawn') totals.withdrawn += 1;
    if (!decision && a.status !== 'withdrawn') totals.undecided += 1;
    if (decision?.decision === 'engage') totals.engage += 1;
    if (decision?.decision === 'no-engage') totals.noEngage += 1;
    if (outcome?.result === 'confirmed-true') results.confirmedTrue += 1;
    if (outcome?.result === 'confirmed-false') results.confirmedFalse += 1;
    if (outcome?.result === 'not-located') results.notLocated += 1;
    if (decision?.decision === 'engage' && !outcome) results.engagedWithoutOutcome += 1;
    if (isFalseAlert(a)) results.falseAlerts += 1;
    if (outcome) actions[outcome.action ?? 'none'] += 1;
  }
  return { totals, results, actions };
}

/** How fast the first decisions came: count, median and 90th percentile (nearest rank), and the histogram. */
function timeToDecision(alerts: ReplayAlert[]): ReplayStats['timeToDecision'] {
  const durations: number[] = [];
  for (const a of alerts) if (a.timeToDecisionMs !== null) durations.push(a.timeToDecisionMs);
  durations.sort((x, y) => x - y);
  return {
    count: durations.length,
    medianMs: nearestRank(durations, 50),
    p90Ms: nearestRank(durations, 90),
    histogram: decisionHistogram(durations),
  };
}

/**
 * Each person's decisions (every revision) and signed-in time: everyone who decided, and
 * every officer who signed in, most decisions first.
 */
function perOfficer(replay: ReplayData, alerts: ReplayAlert[]): OfficerRow[] {
  const officers = new Map<string, OfficerRow>();
  const officer = (id: string, name: string) => {
    let row = officers.get(id);
    if (!row) {
      row = { id, name, decisions: 0, engage: 0, noEngage: 0, reviewMs: 0 };
      officers.set(id, row);
    }
    return row;
  };
  for (const a of alerts)
    for (const d of a.decisions) {
      const row = officer(d.operator.id, d.operator.name);
      row.name = d.operator.name;
      row.decisions += 1;
      if (d.decision === 'engage') row.engage += 1;
      else row.noEngage += 1;
    }
  const review = reviewTimeByPerson(replay.operators, replay.range);
  for (const span of replay.operators) {
    if (span.operator.role === 'officer' || officers.has(span.operator.id))
      officer(span.operator.id, span.operator.name);
  }
  for (const row of officers.values()) row.reviewMs = review.get(row.id) ?? 0;
  return [...officers.values()].sort((a, b) => b.decisions - a.decisions || a.id.localeCompare(b.id));
}

/** Each camera's alerts, decisions and false alerts: the deployment's cameras first, then any others seen. */
function perCamera(replay: ReplayData, alerts: ReplayAlert[]): CameraRow[] {
  const cameras = new Map<string, CameraRow>();
  const empty = (id: string, label: string): CameraRow => ({
    id,
    label,
    alerts: 0,
    engage: 0,
    noEngage: 0,
    confirmedFalse: 0,
    falseAlerts: 0,
  });
  for (const c of replay.deployment?.cameras ?? []) cameras.set(c.id, empty(c.id, c.label));
  for (const a of alerts) {
    let cam = cameras.get(a.camera.id);
    if (!cam) cameras.set(a.camera.id, (cam = empty(a.camera.id, a.camera.label)));
    const decision = latestDecision(a);
    cam.alerts += 1;
    if (decision?.decision === 'engage') cam.engage += 1;
    if (decision?.decision === 'no-engage') cam.noEngage += 1;
    if (latestOutcome(a)?.result === 'confirmed-false') cam.confirmedFalse += 1;
    if (isFalseAlert(a)) cam.falseAlerts += 1;
  }
  return [...cameras.values()];
}

/** Alerts and false alerts in each score band (SCORE_BANDS). */
function perScoreBand(alerts: ReplayAlert[]): ReplayStats['perScoreBand'] {
  const bands = SCORE_BANDS.map((b) => ({ label: b.label, alerts: 0, confirmedFalse: 0, falseAlerts: 0 }));
  for (const a of alerts) {
    const band = bands[scoreBandIndex(a.score)];
    if (!band) continue;
    band.alerts += 1;
    if (latestOutcome(a)?.result === 'confirmed-false') band.confirmedFalse += 1;
    if (isFalseAlert(a)) band.falseAlerts += 1;
  }
  return bands;
}

/** The deployment's threshold against the NPL figure and against the thresholds the alerts carried. */
function thresholdFigures(replay: ReplayData, alerts: ReplayAlert[]): ReplayStats['threshold'] {
  const deployment = replay.deployment?.threshold ?? null;
  const seen = new Set<number>();
  let mismatched = 0;
  let belowThreshold = 0;
  for (const a of alerts) {
    seen.add(a.threshold);
    if (deployment !== null && a.threshold !== deployment) mismatched += 1;
    if (a.score < a.threshold) belowThreshold += 1;
  }
  return {
    deployment,
    belowNpl: deployment !== null && deployment < NPL_THRESHOLD,
    seen: [...seen].sort((x, y) => x - y),
    mismatched,
    belowThreshold,
  };
}

export function computeStats(replay: ReplayData, alerts: ReplayAlert[] = replay.alerts): ReplayStats {
  return {
    ...decisionsAndResults(replay, alerts),
    timeToDecision: timeToDecision(alerts),
    alertsOverTime: alertsOverTime({ from: placedStart(replay), to: placedEnd(replay) }, alerts),
    perOfficer: perOfficer(replay, alerts),
    perCamera: perCamera(replay, alerts),
    perScoreBand: perScoreBand(alerts),
    safeguards: replay.safeguards,
    claims: alerts.some((a) => a.holds || a.decidedAtStations) ? claimStats(alerts) : null,
    threshold: thresholdFigures(replay, alerts),
  };
}
