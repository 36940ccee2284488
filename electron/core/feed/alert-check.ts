/**
 * First look at an inbound alert: validate it against the wire schema and say, in a
 * sentence a person can read, why one is refused. What can safely be read from a
 * refused payload is kept for the journal; its bytes are not.
 *
 * lfr-feed-v1: an optional member that is present but malformed is dropped and
 * recorded, never a reason to refuse the alert. Only what makes an alert unsafe to
 * show or store (a required member missing or wrong, image bytes that are not what
 * they claim, text that is not valid Unicode, limits exceeded) refuses it.
 */
import type { z } from 'zod';
import {
  alertSchema,
  describeZodError,
  sceneImageSchema,
  toWellFormedText,
  type Alert,
} from '../../../shared/feed/schemas';

export interface RejectionSummary {
  alertId: string | null;
  seq: number | null;
  deploymentId: string | null;
  capturedAt: string | null;
}

type AlertCheck =
  | {
      ok: true;
      alert: Alert;
      /** Optional members dropped as malformed, each as "path: why" ("subject.image.takenAt: ..."). */
      dropped: string[];
    }
  | { ok: false; reason: string; summary: RejectionSummary };

/** Clipped, and made valid Unicode: a summary of a refused payload must itself be writable to the journal. */
const shortString = (v: unknown) => (typeof v === 'string' ? toWellFormedText(v.slice(0, 100)) : null);

/** What can safely be read from a refused payload, for the journal; never its bytes. */
export function summarise(payload: unknown): RejectionSummary {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  return {
    alertId: shortString(p.alertId),
    seq: typeof p.seq === 'number' && Number.isFinite(p.seq) ? p.seq : null,
    deploymentId: shortString(p.deploymentId),
    capturedAt: shortString(p.capturedAt),
  };
}

const subjectShape = alertSchema.shape.subject.shape;

/**
 * The optional members of an alert, innermost first (a bad face box drops the box,
 * not the scene it belongs to).
 */
const OPTIONAL_MEMBERS: Array<{ path: readonly string[]; schema: z.ZodType }> = [
  { path: ['scene', 'box'], schema: sceneImageSchema.shape.box },
  { path: ['scene'], schema: sceneImageSchema },
  { path: ['subject', 'name'], schema: subjectShape.name },
  { path: ['subject', 'ownerContact'], schema: subjectShape.ownerContact },
  { path: ['subject', 'image', 'takenAt'], schema: subjectShape.image.shape.takenAt },
  { path: ['subject', 'image', 'source'], schema: subjectShape.image.shape.source },
];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * A copy of the payload without the optional members that fail their own schema, and
 * which they were. Objects along a dropped member's path are copied, never changed in
 * place (the payload belongs to Socket.IO).
 */
export function dropMalformedOptionals(payload: unknown): { payload: unknown; dropped: string[] } {
  if (!isRecord(payload)) return { payload, dropped: [] };
  let root: Record<string, unknown> = payload;
  const dropped: string[] = [];
  for (const { path, schema } of OPTIONAL_MEMBERS) {
    const parents: Record<string, unknown>[] = [root];
    for (const key of path.slice(0, -1)) {
      const next = parents.at(-1)![key];
      if (!isRecord(next)) break;
      parents.push(next);
    }
    if (parents.length !== path.length) continue;
    const last = path.at(-1)!;
    const value = parents.at(-1)![last];
    if (value === undefined) continue;
    const checked = schema.safeParse(value);
    if (checked.success) continue;
    const why = describeZodError(checked.error, 1).replace(/^payload: /, '');
    dropped.push(toWellFormedText(`${path.join('.')}: ${why}`));
    // Rebuild the path from the inside out with the member left out.
    let replacement: Record<string, unknown> = { ...parents.at(-1)! };
    delete replacement[last];
    for (let i = path.length - 2; i >= 0; i--) replacement = { ...parents[i]!, [path[i]!]: replacement };
    root = replacement;
  }
  return { payload: root, dropped };
}

export function checkAlert(payload: unknown): AlertCheck {
  let parsed;
  let dropped: string[];
  try {
    // The usual case first, in one pass: an alert the whole schema takes has no malformed
    // optional member (each is checked there by the very schema dropMalformedOptionals
    // would use), so nothing would be dropped. Checking each optional member on its own
    // first checked the scene image twice, for every alert (issue 25: a burst's event loop).
    const whole = alertSchema.safeParse(payload);
    if (whole.success) return { ok: true, alert: whole.data, dropped: [] };
    const lenient = dropMalformedOptionals(payload);
    dropped = lenient.dropped;
    parsed = alertSchema.safeParse(lenient.payload);
  } catch (error) {
    // Hostile shapes (getters that throw, cyclic objects) must not reach the caller as exceptions.
    return {
      ok: false,
      reason: `unreadable payload (${toWellFormedText(String(error).slice(0, 100))})`,
      summary: summarise(payload),
    };
  }
  if (!parsed.success)
    return {
      ok: false,
      reason: toWellFormedText(describeZodError(parsed.error)),
      summary: summarise(payload),
    };
  return { ok: true, alert: parsed.data, dropped };
}
