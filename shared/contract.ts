/**
 * The bridge contract between the renderer and the station core: one named request
 * per message, typed events. Defined once here and used by main's IPC handlers,
 * the preload bridge, the browser-mode WebSocket transport and the renderer.
 * Main validates every request payload with these schemas; nothing else gets through.
 */
import { z } from 'zod';
import {
  decisionKindSchema,
  exportKindSchema,
  observedEthnicitySchema,
  observedSexSchema,
  outcomeActionSchema,
  outcomeResultSchema,
  reviewVerdictSchema,
  roleSchema,
  settingsShape,
  welfareActionSchema,
} from './vocabulary';
import { LIMITS } from './feed/limits';
import { NOTE_MAX_CHARS } from './alert-notes';
import { localeSchema, reportLanguageSchema, type Locale } from './i18n/locale';
import { refuse, type Refused, type RequestRefusal } from './request-refusals';
import type { ScreenChange, VersionedSnapshot } from './screen';
import type { StationSnapshot } from './view';
import type { ArchiveDeploymentListing, DeploymentListing, ReplayData, SupervisorReview } from './replay';
import type { EventName, RequestName } from './channels';

export { REQUEST_NAMES, EVENT_NAMES, requestChannel, eventChannel } from './channels';
export type { RequestName, EventName } from './channels';

const text = z.string().trim().min(1).max(LIMITS.string);
const alertId = z.uuid();
const actor = z.object({ id: text, name: text });
const officerId = z.string().trim().min(1).max(64);
// Never trimmed, never echoed in an error: zod's messages do not carry the value.
const password = z.string().min(1).max(1024);
const confirmNote = z.string().trim().min(1).max(LIMITS.reason);
const replayKey = z.string().regex(/^(station|import|archive):[A-Za-z0-9._-]{1,64}$/, 'not a replay key');

export const requestSchemas = {
  getSnapshot: z.object({}).strict(),
  // The training feed proves nothing and takes what was typed; a real feed takes a station
  // account's password or a single sign-on, and the role comes from the account or the claim.
  signIn: z.union([
    z.object({ id: text, name: text, role: roleSchema }).strict(),
    // `locale`: the language chosen on the sign-in screen, remembered with the station account.
    z
      .object({ method: z.literal('local'), id: officerId, password, locale: localeSchema.optional() })
      .strict(),
    z.object({ method: z.literal('oidc') }).strict(),
  ]),
  signOut: z.object({ handover: z.boolean().optional() }).strict(),
  // Sign out with a note for the next officer; the core journals it with a summary of what is open.
  handover: z.object({ note: z.string().trim().max(LIMITS.reason) }).strict(),
  /** notShown: faces the screen could not show (file gone, or it would not decode). */
  alertShown: z
    .object({
      alertId,
      notShown: z
        .array(z.enum(['probe', 'subject']))
        .min(1)
        .max(2)
        .optional(),
    })
    .strict(),
  recordDecision: z
    .object({
      alertId,
      decision: decisionKindSchema,
      reasons: z.array(z.string().max(100)).max(50),
      rationale: z.string().max(LIMITS.reason),
      // The second officer of a two-person check: typed on the training feed; on a real
      // feed their own password, or a single sign-on they completed (proveSecondOfficer).
      confirmation: z
        .union([
          z.object({ id: text, name: text, note: confirmNote }).strict(),
          z.object({ method: z.literal('local'), id: officerId, password, note: confirmNote }).strict(),
          z.object({ method: z.literal('oidc'), note: confirmNote }).strict(),
        ])
        .optional(),
      // An amendment to No engage over a recorded outcome amends the outcome too (shared/decision-rules.ts).
      amendOutcome: z
        .object({ note: z.string().trim().min(1).max(LIMITS.reason) })
        .strict()
        .optional(),
    })
    .strict(),
  recordOutcome: z
    .object({
      alertId,
      result: outcomeResultSchema,
      action: outcomeActionSchema.optional(),
      engagementOfficer: actor.optional(),
      stopMinutes: z
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .optional(),
      leafletGiven: z.boolean().optional(),
      notes: z.string().max(LIMITS.reason),
      // Equality monitoring: a member left out keeps the previous revision's (else not-recorded).
      observed: z
        .object({ sex: observedSexSchema.optional(), ethnicity: observedEthnicitySchema.optional() })
        .strict()
        .optional(),
    })
    .strict(),
  welfare: z.object({ action: welfareActionSchema }).strict(),
  // Issue 22 (claims): an officer asks a supervisor to decide or advise; a supervisor takes over.
  escalate: z.object({ alertId: z.uuid(), note: z.string().trim().min(1).max(LIMITS.reason) }).strict(),
  takeOver: z.object({ alertId: z.uuid(), reason: z.string().trim().min(1).max(LIMITS.reason) }).strict(),
  acknowledgeBacklog: z.object({}).strict(),
  // Issue 22: a note before deciding (journalled, shown in replay); a repeat confirmed from the strip.
  addNote: z.object({ alertId: z.uuid(), note: z.string().trim().min(1).max(NOTE_MAX_CHARS) }).strict(),
  confirmRepeat: z.object({ alertId: z.uuid(), leadAlertId: z.uuid() }).strict(),
  // Any subset of the settings, each within its range (vocabulary.ts).
  updateSettings: z.object(settingsShape).partial().strict(),
  // Supervisors: replay, review, exports, bundles, legal holds (main checks the role).
  listDeployments: z.object({}).strict(),
  /** The evidence archive's deployments (--archive-reader), each opened as `archive:<deploymentId>`. */
  listArchiveDeployments: z.object({}).strict(),
  openReplay: z.object({ key: replayKey }).strict(),
  supervisorReview: z
    .object({
      key: replayKey,
      alertId,
      revision: z.number().int().min(1),
      verdict: reviewVerdictSchema,
      comment: z.string().trim().min(1).max(LIMITS.reason),
    })
    .strict(),
  /** `language`: the report's language (issue 26): English (the default), Welsh, or both (PDF; CSV headers in English). */
  exportReplay: z
    .object({
      key: replayKey,
      kind: exportKindSchema,
      includeImages: z.boolean().optional(),
      language: reportLanguageSchema.optional(),
    })
    .strict(),
  /** A supervisor puts a station key on the trust list: a pasted trust line, or the key of an imported bundle. */
  enrolStationKey: z
    .object({
      line: z.string().max(1000).optional(),
      key: replayKey.optional(),
      label: z.string().trim().max(200).optional(),
    })
    .strict(),
  // No path from the renderer: Electron's main asks with a dialog; browser mode names an upload (POST /bundles).
  importBundle: z
    .object({
      upload: z
        .string()
        .regex(/^[0-9a-f]{32}$/)
        .optional(),
    })
    .strict(),
  setLegalHold: z
    .object({
      deploymentId: z.string().min(1).max(64),
      active: z.boolean(),
      reason: z.string().trim().min(1).max(LIMITS.reason),
    })
    .strict(),
  /**
   * A supervisor resolves an alarm only they clear (rolled back, tampered or foreign journal,
   * archive conflict) with a note; no file is changed. resolveRollback is the rollback's own name for it.
   */
  resolveAlarm: z
    .object({
      kind: z.enum(['journal-rollback', 'journal-tampered', 'journal-foreign', 'archive-conflict']),
      deploymentId: z.string().min(1).max(64).nullable(),
      note: z.string().trim().min(1).max(LIMITS.reason),
    })
    .strict(),
  /** A supervisor resolves a rollback alarm (lfr-feed-v1 lastCheckpoint) with a note; no file is changed. */
  resolveRollback: z
    .object({
      deploymentId: z.string().min(1).max(64),
      note: z.string().trim().min(1).max(LIMITS.reason),
    })
    .strict(),
  // Prove again: after the idle lock, or before a sensitive request when the last proof is old.
  reauthenticate: z.union([
    z.object({ method: z.literal('local'), password }).strict(),
    z.object({ method: z.literal('oidc') }).strict(),
    z.object({ method: z.literal('training') }).strict(),
  ]),
  // Start the second officer's single sign-on for a two-person check.
  proveSecondOfficer: z.object({ method: z.literal('oidc') }).strict(),
  // Input at the screen (throttled by the renderer): keeps the session from locking.
  activity: z.object({}).strict(),
  // Station accounts, managed on screen by a supervisor (the account store checks the values again).
  listAccounts: z.object({}).strict(),
  addAccount: z
    .object({ officerId, name: z.string().trim().min(1).max(200), role: roleSchema, password })
    .strict(),
  disableAccount: z.object({ officerId }).strict(),
  enableAccount: z.object({ officerId }).strict(),
  resetPassword: z.object({ officerId, password }).strict(),
  // Electron: the image pane in a second window (another monitor), showing this alert first.
  openImageWindow: z.object({ alertId: alertId.nullable() }).strict(),
  // The main window's open alert, passed on to the image window (event viewerFollow).
  viewerFollow: z.object({ alertId: alertId.nullable() }).strict(),
} as const satisfies Record<RequestName, z.ZodType>;

/** The core's answer when a sensitive request needs a new proof (password or fresh single sign-on). */
/** The answer to openImageWindow where there is no second window to open (browser mode). */
export const ELECTRON_ONLY = 'the image window is a feature of the Electron station';

export const PROVE_AGAIN = 'confirm it is you: your last sign-in proof is more than 5 minutes old';
/** The core's answer to any request while the idle session is locked. */
export const SESSION_LOCKED = 'the station is locked after a period without input; unlock it first';

export type RequestPayload<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

/**
 * A refusal carries its English `error` (logs, tests, older screens) and, where the core
 * has one, the same as a code and values (`refusal`) for the screen to say in the
 * officer's language (shared/request-refusals.ts).
 */
export type Result<T extends object = object> =
  ({ ok: true } & T) | { ok: false; error: string; refusal?: RequestRefusal };

export interface ResponseMap {
  getSnapshot: VersionedSnapshot;
  /**
   * `redirect`: the provider's page to open in this tab (browser-mode single sign-on).
   * `locale`: the station account's remembered language, for the screen to switch to.
   */
  signIn: Result<{ redirect?: string | null; locale?: Locale | null }>;
  signOut: Result;
  handover: Result;
  /**
   * `lookedMs`: how long the station has counted the faces as shown, on its monotonic clock,
   * when it answered; the screen counts the look time on from there (never from a wall clock).
   */
  alertShown: Result<{ shownAt: string; lookedMs?: number }>;
  recordDecision: Result<{ revision: number; seq: number; hash: string }>;
  recordOutcome: Result<{ revision: number; seq: number }>;
  welfare: Result;
  escalate: Result;
  takeOver: Result<{ status: 'granted' | 'held' | 'settled' | 'rejected' }>;
  acknowledgeBacklog: Result;
  addNote: Result<{ seq: number }>;
  confirmRepeat: Result<{ revision: number; seq: number; hash: string }>;
  updateSettings: Result;
  listDeployments: Result<{ deployments: DeploymentListing[] }>;
  listArchiveDeployments: Result<{ deployments: ArchiveDeploymentListing[] }>;
  openReplay: Result<{ replay: ReplayData }>;
  supervisorReview: Result<{ review: SupervisorReview }>;
  exportReplay: Result<{ path: string; bytes: number; savedTo?: string | null }>;
  importBundle: Result<{ key: string }>;
  enrolStationKey: Result<{
    stationId: string;
    publicKey: string;
    fingerprint: string;
    label: string | null;
    added: boolean;
  }>;
  setLegalHold: Result;
  resolveRollback: Result;
  resolveAlarm: Result;
  reauthenticate: Result<{ redirect?: string | null }>;
  proveSecondOfficer: Result<{ redirect?: string | null }>;
  activity: Result;
  listAccounts: Result<{ accounts: AccountListing[] }>;
  addAccount: Result<{ account: AccountListing }>;
  disableAccount: Result<{ account: AccountListing }>;
  enableAccount: Result<{ account: AccountListing }>;
  resetPassword: Result<{ account: AccountListing }>;
  openImageWindow: Result;
  viewerFollow: Result;
}

/** A station account as the screen sees it: never the password or its hash. */
export interface AccountListing {
  officerId: string;
  name: string;
  role: z.output<typeof roleSchema>;
  disabled: boolean;
  /** Locked after failed attempts until then (ISO), or null. */
  lockedUntil: string | null;
}

/** Loading a replay: verifying, then folding. */
export interface ReplayProgress {
  key: string;
  phase: 'verifying' | 'loading';
  done: number;
  total: number;
}

export interface EventMap {
  change: ScreenChange;
  clock: { now: string };
  replayProgress: ReplayProgress;
  viewerFollow: ViewerFollow;
  facesAhead: FacesAhead;
}
/**
 * An arriving alert's two faces, sent while the station still decodes and writes them: each
 * with the URL the alert will name it by, its type and its bytes (base64). The screen decodes
 * them at once, and shows them only with the alert, which comes when everything is on disk and
 * decoded in full (electron/core/station/faces-ahead.ts).
 */
export interface FacesAhead {
  faces: Array<{ url: string; mime: string; base64: string }>;
}
/** The alert open in the main window, for the image window to show. */
export interface ViewerFollow {
  alertId: string | null;
}
/** The core's events: the bridge's, and whole snapshots for tests and tools (never sent to a screen). */
export type CoreEventMap = EventMap & { state: StationSnapshot };
// The event names in ./channels and the keys of EventMap must be the same set (a compile error otherwise).
type Expect<T extends true> = T;
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type _EventNamesMatch = Expect<SameSet<EventName, keyof EventMap>>;

/** What `window.station` offers the renderer, in Electron and in the browser alike. */
export type StationBridge = {
  [N in RequestName]: (payload: RequestPayload<N>) => Promise<ResponseMap[N]>;
} & {
  onChange(listener: (change: ScreenChange) => void): () => void;
  onClock(listener: (clock: { now: string }) => void): () => void;
  onReplayProgress(listener: (progress: ReplayProgress) => void): () => void;
  onViewerFollow(listener: (follow: ViewerFollow) => void): () => void;
  onFacesAhead(listener: (ahead: FacesAhead) => void): () => void;
};

/** The services behind the bridge, as the station core implements them. */
export type StationServices = {
  [N in RequestName]: (payload: z.output<(typeof requestSchemas)[N]>) => Promise<ResponseMap[N]>;
};

/** Validate a request coming from the renderer. A bad one is a clear error, never a throw. */
export function parseRequest<N extends RequestName>(
  name: string,
  payload: unknown,
): { ok: true; name: N; payload: z.output<(typeof requestSchemas)[N]> } | Refused {
  if (!Object.prototype.hasOwnProperty.call(requestSchemas, name))
    return refuse('unknown-request', { values: { request: String(name).slice(0, 60) } });
  const parsed = requestSchemas[name as N].safeParse(payload);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    // The field and zod's own words stay English: they name the code's fields, not the screen's.
    const detail = first ? `${first.path.join('.') || 'payload'}: ${first.message}` : 'bad payload';
    return refuse('invalid-request', { values: { request: name, detail } });
  }
  return { ok: true, name: name as N, payload: parsed.data as z.output<(typeof requestSchemas)[N]> };
}
