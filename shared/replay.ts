/**
 * What a supervisor's replay is made of: a verified deployment journal folded into
 * alerts with their full history, a list of events to step through, and the
 * integrity verdict. Produced by electron/core/replay, shown by renderer/src/replay.
 */
import type { ReplayLine } from './replay-lines';
import type { Deployment, Tier } from './feed/schemas';
import type { Observed, OutcomeResult, ReviewVerdict, Role } from './vocabulary';
import type { Actor } from './journal/entries';
import type { Verdict } from './journal/verdict';
import type { DecisionRecord, OutcomeRecord, StationAlert } from './view';

/** `station:<deploymentId>` for the station's own journals, `import:<importId>` for bundles. */
export type ReplayKey = string;

export type IntegrityStatus = 'verified' | 'tampered' | 'purged' | 'unsealed' | 'untrusted-key';

export interface Integrity {
  /**
   * The verdict for badges: verified (every check passed, signed to the last entry by a
   * trusted key), purged (verified, some images deleted under retention), unsealed,
   * untrusted-key or tampered (see `verdict`).
   */
  status: IntegrityStatus;
  /** The verdict of journal-v1 "Verifying" (shared/journal/verdict.ts), with its key and fingerprint. */
  verdict: Verdict;
  failure: { seq: number; reason: string } | null;
  entries: number;
  checkpoints: number;
  lastCheckpoint: { seq: number; hash: string; signature: string } | null;
  images: { checked: number; purged: number; missing: number; altered: number };
  verifiedAt: string;
}

export interface DeploymentListing {
  key: ReplayKey;
  source: 'station' | 'import';
  deploymentId: string;
  title: string;
  training: boolean;
  startsAt: string | null;
  endsAt: string | null;
  firstEntryAt: string | null;
  lastEntryAt: string | null;
  alerts: number;
  decided: number;
  /** null until verified (listing does not verify; opening does). */
  integrity: Integrity | null;
  legalHold: { reason: string; by: Actor; at: string } | null;
}

/** A deployment the evidence archive holds (--archive-reader), to open as one replay across its stations. */
export interface ArchiveDeploymentListing {
  /** `archive:<deploymentId>`: opened and exported like any replay. */
  key: ReplayKey;
  deploymentId: string;
  /** The stations whose journals of it the archive holds. */
  stations: string[];
  training: boolean;
  /** When the first of its journals was opened. */
  openedAt: string;
  entries: number;
}

/**
 * Where the replay's time axis puts an entry whose recorded `at` it does not use (see
 * electron/core/replay/clock-placement.ts): after a step of the station's clock, the time
 * in the clock a later confirmation found right (`correction`), the time in the clock as it
 * read before a step nothing has confirmed since, carried on by real time (`continued`), or
 * the time of the entry before it, so the axis never goes back in journal order (`order`).
 * Absent wherever the axis uses `at` as recorded. The recorded time is never replaced.
 */
export interface Placed {
  at: string;
  by: 'correction' | 'continued' | 'order';
}

export interface SupervisorReview {
  alertId: string;
  revision: number;
  verdict: ReviewVerdict;
  comment: string;
  by: Actor;
  at: string;
  seq: number;
  /** Where the replay's axis puts it, when not at `at`. */
  placed?: Placed;
}

export interface AlertHold {
  operator: Actor;
  from: string;
  to: string | null;
  /** A supervisor took it over from another seat. */
  takeOver: boolean;
  /** How the hold ended: the decision, or the release's reason ("moved to another alert", "taken over", …). */
  ended: 'decided' | { released: string } | null;
  station?: string;
}

/**
 * A jump of the station's wall clock, as its journal recorded it (journal-v1 `clock-step`),
 * and when the feed's capture times confirmed the clock again (`clock-confirmed`). Times the
 * station wrote from the step until the confirmation follow a clock it had reason to doubt.
 */
export interface ClockStep {
  seq: number;
  before: string;
  after: string;
  /** Real time between the two readings; null across a restart (no monotonic clock spans one). */
  monotonicMs: number | null;
  confirmed: { seq: number; at: string } | null;
  /** A replay across stations: the station whose journal recorded it. */
  station?: string;
}

export interface ReplayAlert extends StationAlert {
  /** Every time the alert was on an officer's screen with both images. */
  shown: { at: string; operator: Actor; placed?: Placed }[];
  /** Each with where the replay's axis puts it, when not at `decidedAt`. */
  decisions: Array<DecisionRecord & { placed?: Placed }>;
  /** Each with where the replay's axis puts it, when not at `recordedAt`. */
  outcomes: Array<OutcomeRecord & { placed?: Placed }>;
  /** Where the replay's axis puts the alert's receipt, when not at `receivedAt`. */
  placedReceived?: Placed;
  reviews: SupervisorReview[];
  /** First decision's decidedAt minus first shownAt; null if undecided. */
  timeToDecisionMs: number | null;
  /** A replay across stations: the stations whose journals hold this alert. */
  stations?: string[];
  /**
   * A replay across stations: the stations that each decided this alert, when more than one
   * did (a feed without claims sent it to both). A disagreement to show, never resolved by
   * picking one: `differ` says whether their latest decisions differ.
   */
  decidedAtStations?: { stations: string[]; differ: boolean };
  /**
   * A shared deployment (claims): each time a seat held this alert, from its granted claim
   * to its release, a take-over or the decision (`to` null while still held at the end of
   * the record). In time order; `station` is set in a replay across stations.
   */
  holds?: AlertHold[];
  /**
   * Equality monitoring: the latest outcome's observed group (supervisors only; for the
   * statistics and exports, never shown with the alert itself). Absent: not recorded.
   */
  observed?: Observed;
  /** Every outcome revision's observed group, by revision (the CSV's columns); absent ones not recorded. */
  observedByRevision?: Record<number, Observed>;
  /** Decision revisions journalled while the station's clock was in doubt (see ClockStep); absent: none. */
  clockDoubtRevisions?: number[];
}

export interface ReplayEvent {
  seq: number;
  at: string;
  type: string;
  alertId: string | null;
  actor: Actor | null;
  /** One line a person can read, e.g. "PC 12 decided no-engage (revision 1)". */
  summary: string;
  /** The same line as a code and values, said on screen in the reader's language (issue 26). */
  line?: ReplayLine;
  /** The station whose journal holds the event (a replay across stations, from the archive). */
  station?: string;
  /** Where the replay's axis puts it, when not at `at`. */
  placed?: Placed;
}

export interface OperatorSpan {
  operator: Actor & { role: Role };
  from: string;
  to: string | null;
}

export interface ReplayData {
  key: ReplayKey;
  source: 'station' | 'import';
  deploymentId: string;
  training: boolean;
  deployment: (Deployment & { retentionDays: number }) | null;
  integrity: Integrity;
  alerts: ReplayAlert[];
  events: ReplayEvent[];
  rejected: { at: string; seq: number; alertId: string | null; code: string; reason: string }[];
  safeguards: { at: string; code: string; severity: string; title: string; detail: string }[];
  /** Every step of the station's wall clock in the journal, in journal order. */
  clockSteps: ClockStep[];
  operators: OperatorSpan[];
  reviews: SupervisorReview[];
  range: { from: string; to: string };
  /**
   * The first and last times on the replay's axis, when earlier than `range.from` or later
   * than `range.to` (an entry placed outside the recorded times: see `Placed`).
   */
  placedFrom?: string;
  placedTo?: string;
  /** A replay across stations (from the archive): each station journal's own verdict. */
  stations?: Array<{ stationId: string; integrity: Integrity }>;
  /** Faces compared (lfr-feed-v1 `tally`), each camera period once; absent where none was journalled. */
  facesCompared?: number;
}

export type ScoreBand = { from: number; to: number; label: string };

export interface ReplayFilter {
  officerId?: string;
  decision?: 'engage' | 'no-engage' | 'undecided' | 'withdrawn';
  tier?: Tier;
  cameraId?: string;
  result?: OutcomeResult | 'none';
  /** Index into SCORE_BANDS. */
  scoreBand?: number;
  minTimeToDecisionMs?: number;
}
