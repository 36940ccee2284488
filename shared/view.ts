/**
 * What the renderer is shown: a snapshot of the station, pushed whenever it changes.
 * Plain data only (no bytes): images are referenced by URL under /images/.
 */
import type { StorageCause } from './storage-messages';
import type { Deployment, DecisionKind, Tier } from './feed/schemas';
import type { Actor } from './journal/entries';
import type { OutcomeAction, OutcomeResult, Role, SignInMethod, StationSettings } from './vocabulary';

export type FeedState = 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'offline';

export interface FeedStatus {
  state: FeedState;
  /** The feed's URL without credentials, or "training" for the built-in feed. */
  url: string;
  message: string;
  lastAlertAt: string | null;
  nextRetryAt: string | null;
}

export interface ImageRef {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** Same-origin URL the renderer loads; null once purged under retention. */
  url: string | null;
}

export interface DecisionRecord {
  revision: number;
  decision: DecisionKind;
  reasons: string[];
  rationale: string;
  operator: Actor;
  confirmedBy: (Actor & { note: string }) | null;
  shownAt: string;
  decidedAt: string;
  journal: { seq: number; hash: string };
  /** The feed server answered `recorded`. */
  recorded: boolean;
  /** The feed server answered `rejected`, with its reason (the officer may amend). */
  rejected?: string | null;
  /** A repeat confirmed as its lead's No engage (issue 22): the lead's decision entry. */
  lead?: { alertId: string; revision: number; seq: number; hash: string };
}

export interface OutcomeRecord {
  revision: number;
  result: OutcomeResult;
  action: OutcomeAction | null;
  engagementOfficer: Actor | null;
  stopMinutes: number | null;
  leafletGiven: boolean | null;
  notes: string;
  recordedBy: Actor;
  recordedAt: string;
  recorded: boolean;
}

export type AlertStatus = 'pending' | 'decided' | 'withdrawn';

/**
 * An alert as the station knows it: folded from its journal (what arrived, what was decided
 * and recorded), as the screen, replay and the wire are given it. (The screen's component
 * that shows one is renderer/src/components/AlertView.tsx.)
 */
export interface StationAlert {
  alertId: string;
  seq: number;
  deploymentId: string;
  capturedAt: string;
  receivedAt: string;
  camera: { id: string; label: string };
  score: number;
  threshold: number;
  probe: ImageRef;
  scene: (ImageRef & { box: { x: number; y: number; w: number; h: number } | null }) | null;
  subject: {
    entryId: string;
    name: string | null;
    category: string;
    tier: Tier;
    reason: string;
    warnings: string[];
    ownerContact: string | null;
    image: ImageRef & { takenAt: string | null; source: string | null };
  };
  status: AlertStatus;
  withdrawnReason: string | null;
  /** First time both images were on screen, as main recorded it. */
  shownAt: string | null;
  /**
   * Faces the screen reported it could not show when the alert was last shown (file gone,
   * or it would not decode); absent once both were shown. A decision must then say so
   * (shared/decision-rules.ts unseenFaceProblems).
   */
  facesNotShown?: Array<'probe' | 'subject'>;
  escalated: boolean;
  /** Notes officers added before deciding (issue 22; journalled as `alert-shown` with a `note`). */
  officerNotes?: Array<{ at: string; by: Actor; text: string }>;
  decisions: DecisionRecord[];
  outcomes: OutcomeRecord[];
  /**
   * What the station noticed about the alert itself: optional members dropped as
   * malformed ("path: why"), a capture time ahead of the station clock (a clock
   * disagreement, shown on the alert), conflicting re-deliveries of its alertId.
   */
  notes?: { dropped: string[]; clockAheadMs: number | null; conflicts: number };
  /** lfr-feed-v1 claims: decided at another station ("decided by PC Morgan at Seat 1: no engage"). */
  settledElsewhere?: {
    by: { stationId: string; label?: string; operator: Actor };
    decision: DecisionKind;
    revision: number;
    decidedAt: string;
  };
  /** lfr-feed-v1 claims: another station held it when this one asked (its `held` answer). */
  heldElsewhere?: { stationId: string; label?: string; operator: Actor; since?: string };
}

export type SafeguardCode =
  | 'not-started'
  | 'ended'
  | 'watchlist-unreviewed'
  | 'watchlist-reviewed-late'
  | 'low-threshold'
  | 'no-notice'
  | 'training'
  /** The feed holds a checkpoint this station's journal lacks (electron/core/station/rollback.ts). */
  | 'journal-rollback'
  /** Alarms only a supervisor clears (electron/core/station/standing-alarms.ts). */
  | AlarmKind;

/** The kinds of alarm only a supervisor clears (kept with the key: electron/core/journal/alarms.ts). */
export type AlarmKind = 'journal-rollback' | 'journal-tampered' | 'journal-foreign' | 'archive-conflict';

export interface SafeguardWarning {
  code: SafeguardCode;
  severity: 'info' | 'warning' | 'serious';
  /** English words, as journalled; a screen translates `code` with `values` (shared/safeguard-messages.ts). */
  title: string;
  detail: string;
  /** Set on an alarm only a supervisor clears: what resolveAlarm names to resolve it. */
  alarm?: { kind: AlarmKind; deploymentId: string | null };
  /** What the words name (times, versions, figures), for the translated text; never journalled. */
  values?: Record<string, string | number>;
}

export interface Operator extends Actor {
  role: Role;
  signedInAt: string;
  /** Start of the current stretch of continuous review (reset by a break). */
  reviewSince: string;
}

/** Schema, ranges and defaults in vocabulary.ts (one source for the contract, the file and the dialog). */
export type { StationSettings } from './vocabulary';

/** The active deployment's image retention, and any legal hold that stops it. */
export interface RetentionStatus {
  deploymentId: string;
  endsAt: string;
  /** When its image files become due for deletion: endsAt + retentionDays. */
  purgeAfter: string;
  legalHold: { reason: string; by: Actor; at: string } | null;
  /** Images already deleted under retention (their hashes stay in the journal). */
  purgedImages: number;
}

export interface StationSnapshot {
  station: { stationId: string; appVersion: string; training: boolean; mode: 'electron' | 'browser' };
  feed: FeedStatus;
  deployment: (Deployment & { retentionDays: number }) | null;
  deploymentChangedAt: string | null;
  safeguards: SafeguardWarning[];
  operator: Operator | null;
  /** Welfare prompt due: time on continuous review passed the setting. */
  breakDue: boolean;
  alerts: StationAlert[];
  counts: { undecided: number; rejected: number; outsideWindow: number; withdrawn: number };
  outbox: { pending: number; oldestAt: string | null };
  settings: StationSettings;
  retention: RetentionStatus | null;
  /** Set when the journal cannot be appended to (tampering); the station is read-only. */
  fatal: string | null;
  /** The last officer's handover, shown to the next one at sign-in (issue 14). */
  handover?: HandoverView | null;
  /** Faults the officer must see: refusals, storage failures, clock doubts, key protection (issue 10). */
  reliability?: ReliabilityView;
  /** How people sign in, and the session's lock and proofs (added by the core's access control). */
  access?: AccessView; /** The evidence archive the station ships its journals to (--archive); absent without one. */
  archive?: ArchiveStatusView;
  /** Faces the matching system compared in the current deployment so far (the sum of its `tally`). */
  facesCompared?: number;
  /** The control room, for a supervisor on a deployment with claims (issue 22); absent otherwise. */
  room?: RoomView | null;
}

/** The control room as a supervisor's seat sees it (lfr-feed-v1 `seats`, and this station's queue). */
export interface RoomView {
  /** Every seat on the deployment, as the feed last sent them; `here` is this station. */
  seats: Array<{
    stationId: string;
    label: string;
    operator: { id: string; name: string } | null;
    role: 'officer' | 'supervisor' | null;
    /** The alerts it holds, with how long it has held each (ms, when this station saw the claim). */
    holding: Array<{ alertId: string; tier: Tier | null; heldForMs: number | null }>;
    waiting: number;
    since: string;
    here: boolean;
  }>;
  /** Alerts nobody holds yet, by tier: how many, the oldest's wait (monotonic ms), the target. */
  backlog: Record<Tier, { waiting: number; oldestMs: number | null; targetMs: number }>;
  /** Over target: which tiers, since when; the seat's sound repeats until acknowledged. */
  alarm: { tiers: Tier[]; since: string; acknowledged: boolean } | null;
  /** Escalations from the room's officers, newest first. */
  escalations: Array<{ alertId: string; by: string; note: string; at: string }>;
}

/** How far the PostgreSQL archive is behind the journals (electron/archive/shipper.ts). */
export interface ArchiveStatusView {
  state: 'connecting' | 'shipping' | 'current' | 'offline';
  behindEntries: number;
  lastShippedAt: string | null;
  /** Same seq, another hash in the archive (or the archive holds more than the journal). */
  alarm: string | null;
}

/** Who may do what at this station, as the core's access control sees it. */
export interface AccessView {
  /** How people sign in here: typed (training feed only), station accounts, single sign-on. */
  methods: { training: boolean; accounts: boolean; sso: { provider: string } | null };
  /** How the signed-in person proved who they are. */
  method: SignInMethod | null;
  /** Idle too long: every request but unlocking and signing out is refused until they prove again. */
  locked: boolean;
  lockAfterMs: number;
  /** Until when exports with images, legal holds and account changes need no new proof. */
  proofFreshUntil: string | null;
  /** A second officer proved by single sign-on, ready for a two-person check. */
  secondOfficer: { id: string; name: string } | null;
  /** Why the last single sign-on was refused, for the screen to say. */
  ssoError: string | null;
  /** When a request was last refused for want of a fresh proof (the screen asks for one). */
  proveAgainAsked: string | null;
  /**
   * Set when this screen is shown no alerts (locked, or another screen holds the session):
   * how many wait, by tier, so a colleague knows work is waiting. Nothing else of them.
   */
  waiting?: WaitingCounts | null;
}

/** Alerts waiting for a decision, counted by tier (the locked screen's only view of them). */
export interface WaitingCounts {
  total: number;
  red: number;
  amber: number;
  green: number;
}

/** What protects the station's signing key at rest. */
export interface KeyProtection {
  /** False: only file permissions (browser mode, no keychain, or Linux's basic_text fallback). */
  protected: boolean;
  /** In words: "macOS Keychain", "OS keyring (gnome_libsecret)", "file permissions only (0600)". */
  by: string;
  /** Set when the key is not protected by the OS: shown in the deployment details, logged at start. */
  warning: string | null;
  /** The key folder (--key-dir), apart from the data folder; set by the core once it has checked it. */
  keyDir?: string;
}

/** An alert the station refused, for the banner (and its sound) and the statistics. */
export interface RefusalView {
  at: string;
  alertId: string | null;
  seq: number | null;
  /** alert-rejected `code`, or 'conflict' for a re-delivered alertId with other content. */
  code: string;
  /** In words, as answered to the feed. */
  reason: string;
}

export interface ReliabilityView {
  keyProtection: KeyProtection | null;
  /** The newest refusals (at most 20), newest first; `refusedTotal` counts all since start. */
  refusals: RefusalView[];
  refusedTotal: number;
  /** Writing to the data folder failed: alerts are not acknowledged, decisions not saved, until it clears. */
  storage:
    | { ok: true }
    /** `cause` in English words; `why` the same as a code and values, said in the officer's language. */
    | { ok: false; cause: string; why?: StorageCause; since: string };
  /** The station clock is in doubt (retention waits), or capture times ran ahead of it. */
  clock: { doubt: string | null };
}

/** What is open at a handover: undecided alerts, escalated ones, engagements whose outcome is awaited. */
export interface OpenWork {
  undecided: number;
  escalated: number;
  outcomesAwaited: number;
}

/** An officer's handover: their note and what they left open, journalled with their sign-out. */
export interface HandoverView {
  by: Actor;
  at: string;
  note: string;
  open: OpenWork;
}
