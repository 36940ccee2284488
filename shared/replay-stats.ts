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
import type { OperatorSpan, ReplayAlert, ReplayData, ReplayFilter, ScoreBand } from './replay';
import type { OutcomeRecord } from './view';
import { NPL_THRESHOLD, OUTCOME_ACTIONS } from './vocabulary';
import { nearestRank } from './nearest-rank';
import { claimStats, type ClaimStats } from './claim-stats';

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

export interface HistogramBin {
  label: string;
  /** Milliseconds, from inclusive, to exclusive (to is null for the open last bin). */
  from: number;
  to: number | null;
  count: number;
}

export interface TimeBin {
  from: string;
  to: string;
  red: number;
  amber: number;
  green: number;
  total: number;
}

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

export function latestDecision(alert: ReplayAlert) {
  return alert.decisions.length ? alert.decisions[alert.decisions.length - 1]! : null;
}

export function latestOutcome(alert: ReplayAlert): OutcomeRecord | null {
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
export function resultOf(alert: ReplayAlert): OutcomeRecord['result'] | 'none' {
  return latestOutcome(alert)?.result ?? 'none';
}

export function decisionOf(alert: ReplayAlert): 'engage' | 'no-engage' | 'undecided' | 'withdrawn' {
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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const DECISION_BINS: Array<[number, number | null, string]> = [
  [0, 5 * SECOND, '< 5 s'],
  [5 * SECOND, 10 * SECOND, '5–10 s'],
  [10 * SECOND, 20 * SECOND, '10–20 s'],
  [20 * SECOND, 30 * SECOND, '20–30 s'],
  [30 * SECOND, MINUTE, '30–60 s'],
  [MINUTE, 2 * MINUTE, '1–2 min'],
  [2 * MINUTE, 5 * MINUTE, '2–5 min'],
  [5 * MINUTE, null, '≥ 5 min'],
];

const NICE_WIDTHS = [
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
  7 * 24 * HOUR,
];
const MAX_TIME_BINS = 48;

/** The smallest round width that covers the range in at most 48 bins. */
export function timeBinWidth(spanMs: number): number {
  for (const w of NICE_WIDTHS) if (spanMs / w <= MAX_TIME_BINS) return w;
  return Math.ceil(spanMs / MAX_TIME_BINS / (24 * HOUR)) * 24 * HOUR;
}

function alertsOverTime(range: ReplayData['range'], alerts: ReplayAlert[]): ReplayStats['alertsOverTime'] {
  let from = Date.parse(range.from);
  let to = Date.parse(range.to);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
    from = Number.POSITIVE_INFINITY;
    to = Number.NEGATIVE_INFINITY;
    for (const a of alerts) {
      const t = Date.parse(a.receivedAt);
      if (t < from) from = t;
      if (t > to) to = t;
    }
    if (!Number.isFinite(from)) return { binMs: MINUTE, bins: [] };
  }
  const binMs = timeBinWidth(to - from);
  const start = Math.floor(from / binMs) * binMs;
  const count = Math.floor((to - start) / binMs) + 1;
  const bins: TimeBin[] = Array.from({ length: count }, (_, i) => ({
    from: new Date(start + i * binMs).toISOString(),
    to: new Date(start + (i + 1) * binMs).toISOString(),
    red: 0,
    amber: 0,
    green: 0,
    total: 0,
  }));
  for (const a of alerts) {
    const t = Date.parse(a.receivedAt);
    if (!Number.isFinite(t)) continue;
    const bin = bins[Math.min(count - 1, Math.max(0, Math.floor((t - start) / binMs)))]!;
    bin[a.subject.tier] += 1;
    bin.total += 1;
  }
  return { binMs, bins };
}

/** Signed-in time per person, each span clipped to the range; an open span runs to its end. */
export function reviewTimeByPerson(
  operators: OperatorSpan[],
  range: ReplayData['range'],
): Map<string, number> {
  const lo = Date.parse(range.from);
  const hi = Date.parse(range.to);
  const out = new Map<string, number>();
  for (const span of operators) {
    const from = Math.max(Date.parse(span.from), lo);
    const to = Math.min(span.to === null ? hi : Date.parse(span.to), hi);
    if (!Number.isFinite(from) || !Number.isFinite(to)) continue;
    out.set(span.operator.id, (out.get(span.operator.id) ?? 0) + Math.max(0, to - from));
  }
  return out;
}

export function computeStats(replay: ReplayData, alerts: ReplayAlert[] = replay.alerts): ReplayStats {
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
  const durations: number[] = [];
  const officers = new Map<string, ReplayStats['perOfficer'][number]>();
  const officer = (id: string, name: string) => {
    let row = officers.get(id);
    if (!row) {
      row = { id, name, decisions: 0, engage: 0, noEngage: 0, reviewMs: 0 };
      officers.set(id, row);
    }
    return row;
  };
  const cameras = new Map<string, ReplayStats['perCamera'][number]>();
  for (const c of replay.deployment?.cameras ?? [])
    cameras.set(c.id, {
      id: c.id,
      label: c.label,
      alerts: 0,
      engage: 0,
      noEngage: 0,
      confirmedFalse: 0,
      falseAlerts: 0,
    });
  const bands = SCORE_BANDS.map((b) => ({ label: b.label, alerts: 0, confirmedFalse: 0, falseAlerts: 0 }));
  const thresholdsSeen = new Set<number>();
  const deploymentThreshold = replay.deployment?.threshold ?? null;
  let mismatched = 0;
  let belowThreshold = 0;

  for (const a of alerts) {
    const decision = latestDecision(a);
    const outcome = latestOutcome(a);
    const isFalse = isFalseAlert(a);
    const confirmedFalse = outcome?.result === 'confirmed-false';
    if (a.status === 'withdrawn') totals.withdrawn += 1;
    if (!decision && a.status !== 'withdrawn') totals.undecided += 1;
    if (decision?.decision === 'engage') totals.engage += 1;
    if (decision?.decision === 'no-engage') totals.noEngage += 1;
    if (outcome?.result === 'confirmed-true') results.confirmedTrue += 1;
    if (confirmedFalse) results.confirmedFalse += 1;
    if (outcome?.result === 'not-located') results.notLocated += 1;
    if (decision?.decision === 'engage' && !outcome) results.engagedWithoutOutcome += 1;
    if (isFalse) results.falseAlerts += 1;
    if (outcome) actions[outcome.action ?? 'none'] += 1;
    if (a.timeToDecisionMs !== null) durations.push(a.timeToDecisionMs);

    for (const d of a.decisions) {
      const row = officer(d.operator.id, d.operator.name);
      row.name = d.operator.name;
      row.decisions += 1;
      if (d.decision === 'engage') row.engage += 1;
      else row.noEngage += 1;
    }

    let cam = cameras.get(a.camera.id);
    if (!cam) {
      cam = {
        id: a.camera.id,
        label: a.camera.label,
        alerts: 0,
        engage: 0,
        noEngage: 0,
        confirmedFalse: 0,
        falseAlerts: 0,
      };
      cameras.set(a.camera.id, cam);
    }
    cam.alerts += 1;
    if (decision?.decision === 'engage') cam.engage += 1;
    if (decision?.decision === 'no-engage') cam.noEngage += 1;
    if (confirmedFalse) cam.confirmedFalse += 1;
    if (isFalse) cam.falseAlerts += 1;

    const band = bands[scoreBandIndex(a.score)]!;
    band.alerts += 1;
    if (confirmedFalse) band.confirmedFalse += 1;
    if (isFalse) band.falseAlerts += 1;

    thresholdsSeen.add(a.threshold);
    if (deploymentThreshold !== null && a.threshold !== deploymentThreshold) mismatched += 1;
    if (a.score < a.threshold) belowThreshold += 1;
  }

  const review = reviewTimeByPerson(replay.operators, replay.range);
  for (const span of replay.operators) {
    if (span.operator.role === 'officer' || officers.has(span.operator.id))
      officer(span.operator.id, span.operator.name);
  }
  for (const row of officers.values()) row.reviewMs = review.get(row.id) ?? 0;

  durations.sort((x, y) => x - y);
  const histogram: HistogramBin[] = DECISION_BINS.map(([from, to, label]) => ({ label, from, to, count: 0 }));
  for (const ms of durations) {
    const bin = histogram.find((b) => ms < (b.to ?? Number.POSITIVE_INFINITY)) ?? histogram[0]!;
    bin.count += 1;
  }

  return {
    totals,
    results,
    actions,
    timeToDecision: {
      count: durations.length,
      medianMs: nearestRank(durations, 50),
      p90Ms: nearestRank(durations, 90),
      histogram,
    },
    alertsOverTime: alertsOverTime(replay.range, alerts),
    perOfficer: [...officers.values()].sort((a, b) => b.decisions - a.decisions || a.id.localeCompare(b.id)),
    perCamera: [...cameras.values()],
    perScoreBand: bands,
    safeguards: replay.safeguards,
    claims: alerts.some((a) => a.holds || a.decidedAtStations) ? claimStats(alerts) : null,
    threshold: {
      deployment: deploymentThreshold,
      belowNpl: deploymentThreshold !== null && deploymentThreshold < NPL_THRESHOLD,
      seen: [...thresholdsSeen].sort((x, y) => x - y),
      mismatched,
      belowThreshold,
    },
  };
}
