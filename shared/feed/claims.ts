/**
 * Zod schemas for lfr-feed-v1 "Shared deployments: claims": what a station sends
 * (claim, release, escalate), what a server answers, and what a server tells every
 * station (alert-claimed, alert-released, alert-settled, alert-escalated, seats).
 * Both the station and the training feed parse with these: one reading of the spec.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { decisionKindSchema, deploymentIdSchema, hasLoneSurrogate, PROTOCOL_VERSION } from './schemas';

/** The deployment feature a server lists when it coordinates several stations. */
export const CLAIMS_FEATURE = 'claims';
/** A station renews a claim this often while the alert stays open (lfr-feed-v1). */
export const CLAIM_RENEW_MS = 30_000;
/** A server releases a disconnected station's claims after this grace (lfr-feed-v1). */
export const CLAIM_GRACE_MS = 15_000;

const wellFormed = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasLoneSurrogate(s), 'contains a lone surrogate (not valid Unicode text)');
const text = wellFormed(LIMITS.string).min(1);
const note = wellFormed(LIMITS.reason);
const iso = z.iso.datetime({ offset: true });
const version = z.literal(PROTOCOL_VERSION, { error: 'unsupported protocol version (v must be 1)' });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const operatorSchema = z.object({ id: text, name: text });
export type Operator = z.infer<typeof operatorSchema>;
export const claimRoleSchema = z.enum(['officer', 'supervisor']);
export type ClaimRole = z.infer<typeof claimRoleSchema>;

/** Who holds or decided an alert: a station, its label ("Seat 2") and the person at it. */
export const seatRefSchema = z.object({ stationId: text, label: text, operator: operatorSchema });
export type SeatRef = z.infer<typeof seatRefSchema>;

// --- station to server ------------------------------------------------------------------------

export const claimMessageSchema = z.object({
  v: version,
  alertId: z.uuid(),
  deploymentId: deploymentIdSchema,
  operator: operatorSchema,
  role: claimRoleSchema,
  takeOver: z.boolean().optional(),
});
export type ClaimMessage = z.infer<typeof claimMessageSchema>;

export const releaseMessageSchema = z.object({
  v: version,
  alertId: z.uuid(),
  deploymentId: deploymentIdSchema,
  reason: text,
});
export type ReleaseMessage = z.infer<typeof releaseMessageSchema>;

export const escalateMessageSchema = z.object({
  v: version,
  alertId: z.uuid(),
  deploymentId: deploymentIdSchema,
  operator: operatorSchema,
  note,
});
export type EscalateMessage = z.infer<typeof escalateMessageSchema>;

/**
 * Not in lfr-feed-v1 (an extension of this project; a server without it ignores the
 * event): who is signed in at a station, so the server can fill `seats` and tell the
 * stations where a supervisor is signed in about escalations. `operator: null` = nobody.
 */
export const seatMessageSchema = z.object({
  v: version,
  deploymentId: deploymentIdSchema,
  operator: operatorSchema.nullable(),
  role: claimRoleSchema.nullable(),
});
export type SeatMessage = z.infer<typeof seatMessageSchema>;

export const claimAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('granted'), until: iso }),
  z.object({ status: z.literal('held'), by: seatRefSchema.extend({ since: iso }) }),
  z.object({
    status: z.literal('settled'),
    by: seatRefSchema,
    decision: decisionKindSchema,
    revision: z.number().int().min(1),
  }),
  z.object({ status: z.literal('rejected'), reason: z.string() }),
]);
export type ClaimAnswer = z.infer<typeof claimAnswerSchema>;

export const releaseAnswerSchema = z.union([
  z.object({ status: z.literal('released') }),
  z.object({ status: z.literal('rejected'), reason: z.string() }),
]);
export type ReleaseAnswer = z.infer<typeof releaseAnswerSchema>;

// --- server to station ------------------------------------------------------------------------

export const alertClaimedSchema = z.object({ v: version, alertId: z.uuid(), by: seatRefSchema, at: iso });
export type AlertClaimed = z.infer<typeof alertClaimedSchema>;

export const alertReleasedSchema = z.object({ v: version, alertId: z.uuid(), reason: text });
export type AlertReleased = z.infer<typeof alertReleasedSchema>;

export const alertSettledSchema = z.object({
  v: version,
  alertId: z.uuid(),
  by: seatRefSchema,
  decision: decisionKindSchema,
  revision: z.number().int().min(1),
  decidedAt: iso,
  journal: z.object({ seq: z.number().int().min(1), hash: sha256Hex }),
});
export type AlertSettled = z.infer<typeof alertSettledSchema>;

export const alertEscalatedSchema = z.object({
  v: version,
  alertId: z.uuid(),
  by: seatRefSchema,
  note,
  at: iso,
});
export type AlertEscalated = z.infer<typeof alertEscalatedSchema>;

const seatSchema = z.object({
  stationId: text,
  label: text,
  operator: operatorSchema.optional(),
  role: claimRoleSchema.optional(),
  holding: z.array(z.uuid()).max(10_000),
  waiting: z.number().int().min(0),
  since: iso,
});
export type Seat = z.infer<typeof seatSchema>;

export const seatsSchema = z.object({
  v: version,
  deploymentId: deploymentIdSchema,
  seats: z.array(seatSchema).max(LIMITS.list),
});
export type Seats = z.infer<typeof seatsSchema>;

/** True when a deployment's server coordinates claims (unknown features are ignored). */
export function hasClaims(deployment: { features?: readonly string[] | undefined }): boolean {
  return deployment.features?.includes(CLAIMS_FEATURE) ?? false;
}
