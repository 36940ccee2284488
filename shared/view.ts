/**
 * What the renderer is shown: a snapshot of the station, pushed whenever it changes.
 * Plain data only (no bytes): images are referenced by URL under /images/.
 */
import type { Deployment, DecisionKind, Tier } from './feed/schemas';
import type { Actor } from './journal/entries';

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
}

export interface OutcomeRecord {
  revision: number;
  result: 'confirmed-true' | 'confirmed-false' | 'not-located';
  action: 'arrest' | 'compliance-check' | 'advice' | 'no-further-action' | 'other' | null;
  engagementOfficer: Actor | null;
  stopMinutes: number | null;
  leafletGiven: boolean | null;
  notes: string;
  recordedBy: Actor;
  recordedAt: string;
  recorded: boolean;
}

export type AlertStatus = 'pending' | 'decided' | 'withdrawn';

export interface AlertView {
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
  escalated: boolean;
  decisions: DecisionRecord[];
  outcomes: OutcomeRecord[];
}

export type SafeguardCode =
  | 'not-started'
  | 'ended'
  | 'watchlist-unreviewed'
  | 'watchlist-reviewed-late'
  | 'low-threshold'
  | 'no-notice'
  | 'training';

export interface SafeguardWarning {
  code: SafeguardCode;
  severity: 'info' | 'warning' | 'serious';
  title: string;
  detail: string;
}

export interface Operator extends Actor {
  role: 'officer' | 'supervisor';
  signedInAt: string;
  /** Start of the current stretch of continuous review (reset by a break). */
  reviewSince: string;
}

export interface StationSettings {
  dwellMs: number;
  escalateAfterMs: number;
  breakAfterMs: number;
  sound: boolean;
  /** Tiers on which an engage needs a second officer's confirmation. */
  twoPersonTiers: Tier[];
}

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
  alerts: AlertView[];
  counts: { undecided: number; rejected: number; outsideWindow: number; withdrawn: number };
  outbox: { pending: number; oldestAt: string | null };
  settings: StationSettings;
  retention: RetentionStatus | null;
  /** Set when the journal cannot be appended to (tampering); the station is read-only. */
  fatal: string | null;
  /** Faults the officer must see: refusals, storage failures, clock doubts, key protection (issue 10). */
  reliability?: ReliabilityView;
}

/** What protects the station's signing key at rest. */
export interface KeyProtection {
  /** False: only file permissions (browser mode, no keychain, or Linux's basic_text fallback). */
  protected: boolean;
  /** In words: "macOS Keychain", "OS keyring (gnome_libsecret)", "file permissions only (0600)". */
  by: string;
  /** Set when the key is not protected by the OS: shown in the deployment details, logged at start. */
  warning: string | null;
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
  storage: { ok: true } | { ok: false; cause: string; since: string };
  /** The station clock is in doubt (retention waits), or capture times ran ahead of it. */
  clock: { doubt: string | null };
}
