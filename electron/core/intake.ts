/**
 * First look at an inbound alert: validate it against the wire schema and say, in a
 * sentence a person can read, why one is refused. What can safely be read from a
 * refused payload is kept for the journal; its bytes are not.
 */
import { alertSchema, describeZodError, type Alert } from '../../shared/feed/schemas';

export interface RejectionSummary {
  alertId: string | null;
  seq: number | null;
  deploymentId: string | null;
  capturedAt: string | null;
}

export type AlertCheck =
  { ok: true; alert: Alert } | { ok: false; reason: string; summary: RejectionSummary };

const shortString = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : null);

export function summarise(payload: unknown): RejectionSummary {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  return {
    alertId: shortString(p.alertId),
    seq: typeof p.seq === 'number' && Number.isFinite(p.seq) ? p.seq : null,
    deploymentId: shortString(p.deploymentId),
    capturedAt: shortString(p.capturedAt),
  };
}

export function checkAlert(payload: unknown): AlertCheck {
  let parsed;
  try {
    parsed = alertSchema.safeParse(payload);
  } catch (error) {
    // Hostile shapes (getters that throw, cyclic objects) must not reach the caller as exceptions.
    return {
      ok: false,
      reason: `unreadable payload (${String(error).slice(0, 100)})`,
      summary: summarise(payload),
    };
  }
  if (!parsed.success)
    return { ok: false, reason: describeZodError(parsed.error), summary: summarise(payload) };
  return { ok: true, alert: parsed.data };
}
