/**
 * The state of one deployment as folding its journal gives it (fold.ts): what the station
 * holds in memory and what replay shows of a moment, and the keys it is indexed by.
 */
import type { Deployment } from '../feed/schemas';
import type { Actor } from './entries';
import type { StationAlert, HandoverView } from '../view';
import type { Observed, Role } from '../vocabulary';
import { SummaryTable } from './summary-table';

export type { AlertSummary } from './summary-table';

export interface FoldedDeployment {
  deploymentId: string;
  training: boolean;
  deployment: (Deployment & { retentionDays: number }) | null;
  deploymentChangedAt: string | null;
  /**
   * Alerts held whole ("live": waiting, recent, with an unanswered revision, an engage
   * awaiting its outcome, or being worked on). Every other alert of the deployment is in
   * `summaries` instead (issue 25.5); one alertId is in exactly one of the two.
   */
  alerts: Map<string, StationAlert>;
  /**
   * Decided or withdrawn alerts held as a summary (electron/core/station/summaries.ts),
   * read back from the journal when a person asks, their bytes in a few shared chunks
   * (summary-table.ts). Always empty in a fold that does not summarise (replay, a scratch fold).
   */
  summaries: SummaryTable;
  /** alertId -> seq used, to refuse a second alert claiming a seq already taken. */
  seqs: Map<number, string>;
  maxAlertSeq: number;
  rejected: number;
  outsideWindow: number;
  rejectedAlerts: Map<string, string>;
  /** Outbox keys the server has answered (recorded or rejected): "decision:<alertId>#<revision>". */
  answered: Set<string>;
  operator: (Actor & { role: Role; at: string }) | null;
  lastCheckpoint: { seq: number; hash: string; signature: string } | null;
  purged: Set<string>;
  /** Images a `retention-purge` listed as lost (found gone, not purged): start-up does not list them again. */
  lost: Set<string>;
  legalHold: { reason: string; by: Actor; at: string } | null;
  safeguardsRaised: Set<string>;
  closed: boolean;
  lastSeq: number;
  /** Faces compared so far (lfr-feed-v1 `tally`), each camera period counted once. */
  facesCompared: number;
  /** "<cameraId>\n<from>\n<to>" of every tally period journalled. */
  tallies: Set<string>;
  /** The last handover journalled here (note and open work), for the next officer after a restart too. */
  lastHandover: HandoverView | null;
  /**
   * Equality monitoring (outcome.observed) by answerKey('outcome', …): kept here, never on
   * an StationAlert, so nothing that shows or sends alerts to a screen can carry it.
   */
  observed: Map<string, Observed>;
  /**
   * A clock-step not yet followed by clock-confirmed: the station's wall clock is doubted
   * (retention waits) until the feed's times confirm it, across restarts too.
   */
  clockDoubt: { seq: number; before: string; after: string } | null;
  /** A journal-rollback safeguard-warning no journal-rollback-resolved followed (the alarm stands). */
  rollbackAlarm: { seq: number; detail: string } | null;
}

export function emptyDeployment(deploymentId: string): FoldedDeployment {
  return {
    deploymentId,
    training: false,
    deployment: null,
    deploymentChangedAt: null,
    clockDoubt: null,
    rollbackAlarm: null,
    alerts: new Map(),
    summaries: new SummaryTable(),
    seqs: new Map(),
    maxAlertSeq: 0,
    rejected: 0,
    outsideWindow: 0,
    rejectedAlerts: new Map(),
    answered: new Set(),
    operator: null,
    lastCheckpoint: null,
    purged: new Set(),
    lost: new Set(),
    legalHold: null,
    safeguardsRaised: new Set(),
    closed: false,
    lastSeq: 0,
    facesCompared: 0,
    tallies: new Set(),
    lastHandover: null,
    observed: new Map(),
  };
}

/** The newest handover of any of these deployments (a handover is journalled in each one open). */
export function latestHandover(states: Iterable<FoldedDeployment>): HandoverView | null {
  let latest: HandoverView | null = null;
  for (const { lastHandover } of states)
    if (lastHandover && (!latest || Date.parse(lastHandover.at) > Date.parse(latest.at)))
      latest = lastHandover;
  return latest;
}

/** One tally period's identity: periods of one camera do not overlap (lfr-feed-v1). */
export const tallyKey = (t: { cameraId: string; from: string; to: string }) =>
  `${t.cameraId}\n${t.from}\n${t.to}`;

/**
 * The key under which `answered` holds a server's answer to one decision or outcome revision.
 * Joined, not a template: a template literal makes a tree of four string pieces, kept for as
 * long as the key is (184 bytes a key, against 64 flat; issue 25.5), and flattened again at
 * each look-up.
 */
export const answerKey = (kind: 'decision' | 'outcome', alertId: string, revision: number) =>
  [kind, ':', alertId, '#', revision].join('');
