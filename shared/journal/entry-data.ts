/**
 * The one map from each journal-v1 entry type to the shape of its `data`. Writers are
 * typed by it (`append<T>(type: T, actor, data: EntryData[T])`), the fold and the replay
 * builder switch on the union it makes, and entries read back from disk are checked
 * against the same schemas before anything folds them (a journal is input too).
 *
 * The schemas are lenient on purpose: journal-v1 lets `data` carry more than a reader
 * knows, and zod objects accept members they do not name (the data is only checked,
 * never replaced by the parse, so nothing is stripped); members added after the first
 * version are optional, so a journal written by an older station still reads. Adding an entry type: add it here, then follow the
 * compiler (the fold's and the replay builder's exhaustiveness checks name the places).
 */
import { z } from 'zod';
import { deploymentSchema } from '../feed/schemas';
import {
  decisionKindSchema,
  exportKindSchema,
  observedSchema,
  outcomeActionSchema,
  outcomeResultSchema,
  reviewVerdictSchema,
  roleSchema,
  settingsShape,
  signInMethodSchema,
  tierSchema,
  welfareActionSchema,
} from '../vocabulary';

const actor = z.object({ id: z.string(), name: z.string() });
const count = z.number().int().min(0);
const revision = z.number().int().min(1);

/** Stored form of an image inside `alert-received` (the bytes live in images/<sha256>). */
const storedImageSchema = z.object({
  sha256: z.string(),
  mime: z.string(),
  width: z.number(),
  height: z.number(),
  bytes: count,
});

const box = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });

/** A server's answer to an outbox item, as journalled (`decision-recorded`, `outcome-recorded`). */
const answer = z.object({
  alertId: z.string(),
  revision,
  status: z.enum(['recorded', 'rejected']),
  reason: z.string().optional(),
});

export const entryDataSchemas = {
  'journal-opened': z.object({
    stationId: z.string().min(1),
    publicKey: z.string(),
    appVersion: z.string(),
    deploymentId: z.string().min(1),
    training: z.boolean().optional(),
    // A journal that could not be continued, set aside (electron/core/station/set-aside.ts).
    setAside: z
      .object({
        kind: z.string(),
        path: z.string(),
        why: z.string(),
        sha256: z.string().optional(),
        bytes: count.optional(),
      })
      .optional(),
  }),
  // The deployment record as the feed sent it (already checked by the wire schema on intake).
  deployment: z.object(deploymentSchema.shape),
  'operator-signed-in': z.object({
    role: roleSchema,
    // Added with sign-in methods; entries written before them have none.
    method: signInMethodSchema.optional(),
    issuer: z.string().optional(),
    subject: z.string().optional(),
    idTokenSha256: z.string().optional(),
    /** The person was already signed in when this deployment became active. */
    continued: z.boolean().optional(),
  }),
  'operator-signed-out': z.object({
    reason: z.string(),
    pendingAlerts: count.optional(),
    // A handover's note and what was open, for the next officer (issue 14).
    note: z.string().optional(),
    open: z.object({ undecided: count, escalated: count, outcomesAwaited: count }).optional(),
  }),
  'alert-received': z.object({
    v: z.number().optional(),
    alertId: z.string(),
    seq: z.number().int().min(1),
    deploymentId: z.string(),
    capturedAt: z.string(),
    camera: z.object({ id: z.string(), label: z.string() }),
    score: z.number(),
    threshold: z.number(),
    probe: storedImageSchema,
    scene: storedImageSchema.extend({ box: box.optional() }).optional(),
    subject: z.object({
      entryId: z.string(),
      name: z.string().optional(),
      category: z.string(),
      tier: tierSchema,
      reason: z.string(),
      warnings: z.array(z.string()).optional(),
      ownerContact: z.string().optional(),
      image: storedImageSchema.extend({ takenAt: z.string().optional(), source: z.string().optional() }),
    }),
    /** Optional members dropped as malformed, as "path: why" (lfr-feed-v1: never a refusal). */
    dropped: z.array(z.string()).optional(),
    /** The capture time was this far ahead of the station clock (over 2 minutes): a clock disagreement. */
    clockAheadMs: z.number().optional(),
  }),
  'alert-rejected': z.object({
    reason: z.string(),
    /** invalid | unknown-deployment | outside-window (absent on a refused deployment message). */
    code: z.string().optional(),
    /** "deployment" when the refused message was a deployment record. */
    kind: z.string().optional(),
    alertId: z.string().nullable().optional(),
    seq: z.number().nullable().optional(),
    deploymentId: z.string().nullable().optional(),
    capturedAt: z.string().nullable().optional(),
  }),
  'alert-withdrawn': z.object({ alertId: z.string(), reason: z.string() }),
  'alert-shown': z.object({
    alertId: z.string(),
    probeSha256: z.string(),
    subjectSha256: z.string(),
    status: z.string(),
    /**
     * Faces the screen could not show (journal-v1 "data may carry more"): which, and whether
     * its file was on disk when the station looked (false: gone, and asked of the feed again).
     */
    imagesNotShown: z
      .array(z.object({ role: z.enum(['probe', 'subject']), sha256: z.string(), onDisk: z.boolean() }))
      .optional(),
    /** An officer's note on the alert before deciding (issue 22): the entry is a note, not a showing. */
    note: z.string().optional(),
  }),
  'alert-escalated': z.object({ alertId: z.string(), undecidedForMs: z.number() }),
  // lfr-feed-v1 shared deployments (claims): the answer this station got, and releases.
  claim: z.object({
    alertId: z.string(),
    status: z.enum(['granted', 'held', 'settled', 'rejected']),
    by: z.object({ stationId: z.string(), label: z.string().optional(), operator: actor }).optional(),
    since: z.string().optional(),
    until: z.string().optional(),
    reason: z.string().optional(),
    takeOver: z.boolean().optional(),
    /** A supervisor's reason for a take-over. */
    note: z.string().optional(),
  }),
  'claim-released': z.object({ alertId: z.string(), reason: z.string(), by: z.enum(['station', 'server']) }),
  'alert-settled': z.object({
    alertId: z.string(),
    by: z.object({ stationId: z.string(), label: z.string().optional(), operator: actor }),
    decision: decisionKindSchema,
    revision,
    decidedAt: z.string(),
    journal: z.object({ seq: z.number(), hash: z.string() }),
  }),
  escalation: z.object({
    alertId: z.string(),
    note: z.string(),
    by: z.object({ stationId: z.string(), label: z.string().optional(), operator: actor }).optional(),
  }),
  'alert-conflict': z.object({
    alertId: z.string(),
    /** SHA-256 of the canonical JSON of the version already stored, and of the one just received. */
    storedSha256: z.string(),
    receivedSha256: z.string(),
  }),
  decision: z.object({
    alertId: z.string(),
    deploymentId: z.string(),
    revision,
    decision: decisionKindSchema,
    reasons: z.array(z.string()),
    rationale: z.string(),
    operator: actor,
    confirmedBy: actor.extend({ note: z.string() }).nullable().optional(),
    shownAt: z.string(),
    decidedAt: z.string(),
    evidence: z.object({
      probeSha256: z.string(),
      subjectSha256: z.string(),
      score: z.number(),
      threshold: z.number(),
    }),
    /** A repeat confirmed as its lead's No engage (issue 22): the lead's decision entry. */
    lead: z.object({ alertId: z.string(), revision, seq: z.number(), hash: z.string() }).optional(),
  }),
  'decision-recorded': answer,
  outcome: z.object({
    alertId: z.string(),
    deploymentId: z.string(),
    revision,
    result: outcomeResultSchema,
    action: outcomeActionSchema.optional(),
    engagementOfficer: actor.optional(),
    stopMinutes: z.number().optional(),
    leafletGiven: z.boolean().optional(),
    notes: z.string(),
    /** Equality monitoring only (lfr-feed-v1): kept out of every live view (fold.ts). */
    observed: observedSchema.optional(),
    recordedBy: actor,
    recordedAt: z.string(),
  }),
  'outcome-recorded': answer,
  checkpoint: z.object({ seq: z.number().int(), hash: z.string(), signature: z.string() }),
  recovered: z.object({ bytes: count, sha256: z.string(), reason: z.string() }),
  'retention-purge': z.object({
    images: z.array(z.string()),
    unreferenced: z.array(z.string()).optional(),
    reason: z.string().optional(),
    retentionDays: z.number().optional(),
    endedAt: z.string().optional(),
    purgeAfter: z.string().optional(),
    keptForPendingAlerts: z.array(z.string()).optional(),
  }),
  'legal-hold': z.object({ active: z.boolean(), reason: z.string() }),
  'supervisor-review': z.object({
    key: z.string().optional(),
    alertId: z.string(),
    revision,
    verdict: reviewVerdictSchema,
    comment: z.string(),
    /** Binds the review to the exact decision entry it is about. */
    decision: z.object({ seq: z.number(), hash: z.string() }).optional(),
  }),
  'safeguard-warning': z.object({
    code: z.string(),
    severity: z.string(),
    title: z.string(),
    detail: z.string(),
  }),
  /** Either the prompt (reviewingForMs) or the officer's answer to it (response). */
  'welfare-prompt': z.object({
    reviewingForMs: z.number().optional(),
    response: welfareActionSchema.optional(),
  }),
  'settings-changed': z.object(settingsShape).partial(),
  'replay-opened': z.object({ key: z.string(), by: actor, fallback: z.string().optional() }),
  tally: z.object({
    deploymentId: z.string(),
    cameraId: z.string(),
    from: z.string(),
    to: z.string(),
    faces: count,
  }),
  export: z.object({
    kind: exportKindSchema,
    includesImages: z.boolean(),
    sha256: z.string(),
    bytes: count,
  }),
  /** A station key a supervisor enrolled on this station's trust list (electron/core/trust-list.ts). */
  'trust-enrolled': z.looseObject({
    stationId: z.string(),
    publicKey: z.string(),
    fingerprint: z.string(),
    label: z.string().nullable(),
    source: z.enum(['pasted', 'bundle']),
    /** The imported bundle it came from (import:<id>). */
    key: z.string().optional(),
  }),
  /** A supervisor changed a station account on screen: never the password or its hash. */
  'account-changed': z.object({
    action: z.enum(['added', 'disabled', 'enabled', 'password-reset']),
    officerId: z.string(),
    name: z.string().optional(),
    role: roleSchema.optional(),
  }),
  'journal-closed': z.object({ reason: z.string() }),
  /**
   * The wall clock jumped (noticed against the monotonic clock, or on opening a journal
   * whose last entry is later than the clock): its readings either side and the real time
   * between (null across a restart). The next entry's `at` may be earlier than this one's.
   */
  'clock-step': z.object({
    before: z.string(),
    after: z.string(),
    monotonicMs: z.number().nullable(),
    acrossRestart: z.boolean().optional(),
  }),
  /** The feed's capture times agree with the station clock again: the doubt a clock-step raised ends. */
  'clock-confirmed': z.object({ reason: z.string() }),
} as const;

type Schemas = typeof entryDataSchemas;
export type EntryType = keyof Schemas;
/** What a writer passes as `data` for each entry type. */
export type EntryData = { [T in EntryType]: z.input<Schemas[T]> };

export function isEntryType(type: string): type is EntryType {
  return Object.prototype.hasOwnProperty.call(entryDataSchemas, type);
}
