/**
 * Zod schemas for every payload of lfr-feed-v1, in both directions.
 * Unknown members are stripped (forward compatible); missing or malformed ones fail
 * with a path a person can read. Image bytes are checked against their header in
 * `image-header.ts` as part of the same parse.
 */
import { z } from 'zod';
import { LIMITS, isSafeDeploymentId } from './limits';
import { checkImageBytes, IMAGE_MIMES, type ImageMime } from './image-header';
import {
  decisionKindSchema,
  observedSchema,
  outcomeActionSchema,
  outcomeResultSchema,
  tierSchema,
} from '../vocabulary';
import { hasLoneSurrogate, toWellFormedText } from '../unicode';

export { decisionKindSchema };
export type { DecisionKind, Tier } from '../vocabulary';

export const PROTOCOL_VERSION = 1;
export const FEED_NAMESPACE = '/lfr/v1';

// A string with a lone surrogate cannot be written as UTF-8 (unicode.ts): a schema violation.
export { hasLoneSurrogate, toWellFormedText };
const wellFormed = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasLoneSurrogate(s), 'contains a lone surrogate (not valid Unicode text)');
const text = wellFormed(LIMITS.string).min(1);
const optionalText = wellFormed(LIMITS.string).optional();
const longText = wellFormed(LIMITS.reason).min(1);
const isoWithOffset = z.iso.datetime({ offset: true });
/** lfr-feed-v1: a reference image's takenAt is an ISO 8601 date ("2024-05-01") or date-time. */
const isoDateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], {
  error: 'must be an ISO 8601 date (2024-05-01) or date-time',
});
const unitInterval = z.number().min(0).max(1);
const version = z.literal(PROTOCOL_VERSION, { error: 'unsupported protocol version (v must be 1)' });

export const deploymentIdSchema = z
  .string()
  .refine(isSafeDeploymentId, 'deploymentId must match ^[A-Za-z0-9._-]{1,64}$ and not be "." or ".."');

const imageMimeSchema = z.enum(IMAGE_MIMES);
export type { ImageMime };

/** Socket.IO hands binary attachments over as Buffer (Node) or ArrayBuffer (browser). */
const binary = z.preprocess(
  (value) => {
    if (value instanceof Uint8Array) return value;
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    return value;
  },
  z.instanceof(Uint8Array, { error: 'image data must be binary (not a string)' }),
);

const imageFields = {
  mime: imageMimeSchema,
  data: binary,
  width: z.number().int().min(1).max(LIMITS.imagePixels),
  height: z.number().int().min(1).max(LIMITS.imagePixels),
};

function refineImage(
  image: { mime: ImageMime; data: Uint8Array; width: number; height: number },
  ctx: z.RefinementCtx,
) {
  const problem = checkImageBytes(image.data, image.mime, image.width, image.height);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['data'] });
}

const imageSchema = z.object(imageFields).superRefine(refineImage);
export const sceneImageSchema = z
  .object({
    ...imageFields,
    box: z
      .object({
        x: z.number().min(0),
        y: z.number().min(0),
        w: z.number().positive(),
        h: z.number().positive(),
      })
      .optional(),
  })
  .superRefine(refineImage);
const referenceImageSchema = z
  .object({ ...imageFields, takenAt: isoDateOrDateTime.optional(), source: optionalText })
  .superRefine(refineImage);

const person = z.object({ id: text, name: text });

export const deploymentSchema = z
  .object({
    v: version,
    deploymentId: deploymentIdSchema,
    title: text,
    purpose: longText,
    intelligenceRef: text,
    location: z.object({ name: text, zone: optionalText }),
    authorisedBy: z.object({ id: text, name: text, rank: text }),
    authorisedAt: isoWithOffset,
    startsAt: isoWithOffset,
    endsAt: isoWithOffset,
    threshold: unitInterval,
    algorithm: z.object({ name: text, version: text }),
    watchlist: z.object({
      version: text,
      size: z.number().int().min(0),
      reviewedAt: isoWithOffset.nullable(),
      reviewedBy: text.nullable(),
    }),
    notice: z.object({
      given: z.boolean(),
      channels: z.array(text).max(LIMITS.list),
      reasonIfNot: wellFormed(LIMITS.reason).optional(),
    }),
    dpiaRef: text,
    retentionDays: z.number().int().min(0).max(3650).optional(),
    cameras: z.array(z.object({ id: text, label: text, zone: optionalText })).max(LIMITS.list),
    /**
     * The latest checkpoint the server holds from this station for this deployment. A
     * malformed one never refuses the deployment: it is dropped (read as absent).
     */
    lastCheckpoint: z
      .object({ seq: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) })
      .nullable()
      .optional()
      .catch(undefined),
    /**
     * A practice deployment (a simulator, an exercise), whoever runs the feed: shown as
     * TRAINING, its journal marked training, never counted in reports of real deployments.
     * Malformed reads as absent (not training), and the journal keeps what was sent.
     */
    training: z.boolean().optional().catch(undefined),
    /** Optional server capabilities, e.g. "claims" (shared/feed/claims.ts); malformed reads as none. */
    features: z.array(z.string().max(LIMITS.string)).max(LIMITS.list).optional().catch(undefined),
  })
  .refine((d) => Date.parse(d.startsAt) < Date.parse(d.endsAt), {
    message: 'startsAt must be before endsAt',
    path: ['endsAt'],
  });
export type Deployment = z.infer<typeof deploymentSchema>;

export const alertSchema = z.object({
  v: version,
  alertId: z.uuid(),
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  deploymentId: deploymentIdSchema,
  capturedAt: isoWithOffset,
  camera: z.object({ id: text, label: text }),
  score: unitInterval,
  threshold: unitInterval,
  probe: imageSchema,
  scene: sceneImageSchema.optional(),
  subject: z.object({
    entryId: text,
    name: optionalText,
    category: text,
    tier: tierSchema,
    reason: longText,
    warnings: z.array(text).max(LIMITS.warnings),
    image: referenceImageSchema,
    ownerContact: optionalText,
  }),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertWithdrawnSchema = z.object({
  v: version,
  alertId: z.uuid(),
  reason: longText,
});
export type AlertWithdrawn = z.infer<typeof alertWithdrawnSchema>;

/** lfr-feed-v1 `tally` (optional for servers): faces compared on one camera between `from` and `to`. */
export const tallySchema = z
  .object({
    v: version,
    deploymentId: deploymentIdSchema,
    cameraId: text,
    from: isoWithOffset,
    to: isoWithOffset,
    faces: z.number().int().min(0).max(1_000_000_000),
  })
  .refine((t) => Date.parse(t.from) < Date.parse(t.to), { message: 'from must be before to', path: ['to'] });
export type Tally = z.infer<typeof tallySchema>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const decisionMessageSchema = z.object({
  v: version,
  alertId: z.uuid(),
  deploymentId: deploymentIdSchema,
  revision: z.number().int().min(1),
  decision: decisionKindSchema,
  reasons: z.array(text).min(1),
  rationale: z.string().min(1).max(LIMITS.reason),
  operator: person,
  shownAt: isoWithOffset,
  decidedAt: isoWithOffset,
  evidence: z.object({
    probeSha256: sha256Hex,
    subjectSha256: sha256Hex,
    score: unitInterval,
    threshold: unitInterval,
  }),
  journal: z.object({ seq: z.number().int().min(1), hash: sha256Hex }),
});
export type DecisionMessage = z.infer<typeof decisionMessageSchema>;

export const outcomeMessageSchema = z.object({
  v: version,
  alertId: z.uuid(),
  deploymentId: deploymentIdSchema,
  revision: z.number().int().min(1),
  result: outcomeResultSchema,
  action: outcomeActionSchema.optional(),
  engagementOfficer: person.optional(),
  stopMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .optional(),
  leafletGiven: z.boolean().optional(),
  notes: z.string().max(LIMITS.reason),
  /** Equality monitoring: the engagement officer's perception; absent members are "not-recorded". */
  observed: observedSchema.optional(),
  recordedBy: person,
  recordedAt: isoWithOffset,
});
export type OutcomeMessage = z.infer<typeof outcomeMessageSchema>;

export const checkpointMessageSchema = z.object({
  v: version,
  stationId: text,
  deploymentId: deploymentIdSchema,
  seq: z.number().int().min(1),
  hash: sha256Hex,
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/),
});
export type CheckpointMessage = z.infer<typeof checkpointMessageSchema>;

export const handshakeAuthSchema = z.object({
  token: z.string(),
  stationId: z.string().min(1),
  stationKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  clientVersion: z.string(),
  resume: z.object({ deploymentId: z.string(), afterSeq: z.number().int().min(0) }).nullable(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** What a server answers to decision, outcome and checkpoint. */
export const serverAckSchema = z.union([
  z.object({ status: z.literal('recorded') }),
  z.object({ status: z.literal('rejected'), reason: z.string() }),
]);
export type ServerAck = z.infer<typeof serverAckSchema>;

/** What the station answers to alert and alert-withdrawn. */
export type StationAck = { status: 'stored' } | { status: 'rejected'; reason: string };

/** Turn a zod error into one readable sentence (for acks, journal entries and logs). */
export function describeZodError(error: z.ZodError, limit = 3): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return parts.join('; ') + more;
}
