/**
 * Claim times (issue 22 item 5), from a replay of a shared deployment: for each alert,
 * who held it and for how long (`ReplayAlert.holds`), and in the statistics the time from
 * an alert's arrival to its first claim and from the claim to the decision, with the
 * take-overs and the alerts decided at more than one station.
 *
 * Definitions (docs/replay.md says the same in prose):
 * - To claim: the first granted claim's time minus the alert's receivedAt.
 * - Claim to decision: the first decision's decidedAt minus the start of the hold that was
 *   open when it was made (the deciding seat's claim).
 * - Percentiles are nearest-rank, as for every other figure (nearest-rank.ts).
 */
import type { ReplayAlert } from './replay';
import { nearestRank } from './nearest-rank';

export interface DurationSummary {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  maxMs: number | null;
}

export interface ClaimStats {
  /** Alerts with at least one granted claim. */
  claimed: number;
  toClaim: DurationSummary;
  claimToDecision: DurationSummary;
  /** Claims a supervisor took over from another seat. */
  takeOvers: number;
  /** Alerts that more than one station decided (a feed without claims): disagreements. */
  decidedAtSeveralStations: number;
}

export function summarise(values: number[]): DurationSummary {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    maxMs: sorted.at(-1) ?? null,
  };
}

const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);

/** The hold open when the alert was first decided: the one that began last before the decision. */
export function holdAtDecision(alert: Pick<ReplayAlert, 'holds'>, decidedAt: string) {
  let found: NonNullable<ReplayAlert['holds']>[number] | null = null;
  for (const h of alert.holds ?? [])
    if (h.from <= decidedAt && (h.to === null || h.to >= decidedAt)) found = h;
  return found;
}

/** The raw measurements behind ClaimStats, so that several deployments' can be pooled (transparency report). */
export interface ClaimSample {
  claimed: number;
  toClaimMs: number[];
  claimToDecisionMs: number[];
  takeOvers: number;
  decidedAtSeveralStations: number;
}

/** What claimStats reads of an alert: a ReplayAlert, or the archive's cut-down fold of one. */
export type ClaimFacts = Pick<ReplayAlert, 'receivedAt' | 'holds' | 'decidedAtStations'> & {
  decisions: ReadonlyArray<{ decidedAt: string }>;
};

export function claimSample(alerts: readonly ClaimFacts[]): ClaimSample {
  const toClaimMs: number[] = [];
  const claimToDecisionMs: number[] = [];
  let takeOvers = 0;
  let several = 0;
  for (const alert of alerts) {
    if (alert.decidedAtStations) several += 1;
    const holds = alert.holds ?? [];
    takeOvers += holds.filter((h) => h.takeOver).length;
    const first = holds[0];
    if (!first) continue;
    toClaimMs.push(ms(alert.receivedAt, first.from));
    const decided = alert.decisions[0];
    const hold = decided ? holdAtDecision(alert, decided.decidedAt) : null;
    if (decided && hold) claimToDecisionMs.push(ms(hold.from, decided.decidedAt));
  }
  return {
    claimed: toClaimMs.length,
    toClaimMs,
    claimToDecisionMs,
    takeOvers,
    decidedAtSeveralStations: several,
  };
}

export function claimStats(alerts: readonly ClaimFacts[]): ClaimStats {
  const s = claimSample(alerts);
  return {
    claimed: s.claimed,
    toClaim: summarise(s.toClaimMs),
    claimToDecision: summarise(s.claimToDecisionMs),
    takeOvers: s.takeOvers,
    decidedAtSeveralStations: s.decidedAtSeveralStations,
  };
}
