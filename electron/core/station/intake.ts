/**
 * The feed's side of the station: validate what arrives, store it, acknowledge it.
 * A deployment record opens (or continues) its journal; an alert is checked against the
 * wire schema, the deployment and its window, its images stored, and only then journalled
 * and answered `stored`; a refusal is journalled with its reason and answered `rejected`.
 */
import { DEFAULT_RETENTION_DAYS } from '../../../shared/feed/limits';
import {
  alertSchema,
  alertWithdrawnSchema,
  deploymentSchema,
  describeZodError,
  type Alert,
  type StationAck,
} from '../../../shared/feed/schemas';
import type { EntryData } from '../../../shared/journal/entries';
import { insideWindow } from '../../../shared/safeguards';
import type { ImageStore } from '../journal/images';
import { actorOf, type Slot, type StationContext } from './context';
import { recordSafeguards } from './timers';

export interface RejectionSummary {
  alertId: string | null;
  seq: number | null;
  deploymentId: string | null;
  capturedAt: string | null;
}

export type AlertCheck =
  { ok: true; alert: Alert } | { ok: false; reason: string; summary: RejectionSummary };

type RejectionCode = 'invalid' | 'unknown-deployment' | 'outside-window';

const shortString = (v: unknown) => (typeof v === 'string' ? v.slice(0, 100) : null);

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

/** Validate an inbound alert against the wire schema, with a reason a person can read. */
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

export async function applyDeployment(ctx: StationContext, payload: unknown): Promise<void> {
  const parsed = deploymentSchema.safeParse(payload);
  if (!parsed.success) {
    const reason = describeZodError(parsed.error);
    ctx.log(`deployment refused: ${reason}`);
    const slot = ctx.activeSlot();
    if (slot) await ctx.append(slot, 'alert-rejected', null, { kind: 'deployment', reason });
    return;
  }
  const deployment = parsed.data;
  if (ctx.tampered.has(deployment.deploymentId)) {
    ctx.log(`deployment ${deployment.deploymentId}: journal tampered; not appending`);
    return;
  }
  const slot = await ctx.openSlot(deployment.deploymentId);
  const changed =
    JSON.stringify(slot.state.deployment && { ...slot.state.deployment }) !==
    JSON.stringify({ ...deployment, retentionDays: deployment.retentionDays ?? DEFAULT_RETENTION_DAYS });
  ctx.setActive(deployment.deploymentId);
  if (changed) await ctx.append(slot, 'deployment', null, deployment);
  const operator = ctx.session.operator;
  if (operator && slot.state.operator?.id !== operator.id)
    await ctx.append(slot, 'operator-signed-in', actorOf(ctx.session), {
      role: operator.role,
      continued: true,
    });
  await recordSafeguards(ctx, slot);
  ctx.schedulePush();
}

/** The `alert-received` data: every alert field, with each image's bytes replaced by where they are stored. */
async function storeImages(images: ImageStore, alert: Alert): Promise<EntryData['alert-received']> {
  const [probe, subjectImage, scene] = await Promise.all([
    images.put(alert.probe.data),
    images.put(alert.subject.image.data),
    alert.scene ? images.put(alert.scene.data) : Promise.resolve(null),
  ]);
  const stored = (img: Alert['probe'], put: { sha256: string; bytes: number }) => ({
    sha256: put.sha256,
    mime: img.mime,
    width: img.width,
    height: img.height,
    bytes: put.bytes,
  });
  const { probe: _p, scene: _s, subject, ...rest } = alert;
  return {
    ...rest,
    probe: stored(alert.probe, probe),
    ...(alert.scene && scene
      ? { scene: { ...stored(alert.scene, scene), ...(alert.scene.box ? { box: alert.scene.box } : {}) } }
      : {}),
    subject: {
      ...subject,
      image: {
        ...stored(alert.subject.image, subjectImage),
        ...(subject.image.takenAt ? { takenAt: subject.image.takenAt } : {}),
        ...(subject.image.source ? { source: subject.image.source } : {}),
      },
    },
  };
}

export async function intakeAlert(ctx: StationContext, payload: unknown): Promise<StationAck> {
  const checked = checkAlert(payload);
  if (!checked.ok) return reject(ctx, checked.summary, checked.reason, 'invalid');
  const alert = checked.alert;
  if (ctx.tampered.has(alert.deploymentId))
    return {
      status: 'rejected',
      reason: 'this deployment’s journal failed verification; the station will not append to it',
    };
  const slot = ctx.slots.get(alert.deploymentId);
  if (!slot || !slot.state.deployment)
    return reject(
      ctx,
      summarise(payload),
      `unknown deployment "${alert.deploymentId}"`,
      'unknown-deployment',
    );
  if (slot.state.alerts.has(alert.alertId)) return { status: 'stored' };
  const refused = slot.state.rejectedAlerts.get(alert.alertId);
  if (refused) return { status: 'rejected', reason: refused };
  const seqOwner = slot.state.seqs.get(alert.seq);
  if (seqOwner && seqOwner !== alert.alertId)
    return reject(
      ctx,
      summarise(payload),
      `seq ${alert.seq} already belongs to alert ${seqOwner}`,
      'invalid',
    );
  // The rule is on capture time, not arrival: an alert captured inside the window but
  // delivered late (after an outage) is still one the authorisation covered.
  if (!insideWindow(slot.state.deployment, alert.capturedAt))
    return reject(ctx, summarise(payload), 'outside the authorised window', 'outside-window');
  await ctx.append(slot, 'alert-received', null, await storeImages(slot.images, alert));
  ctx.schedulePush();
  return { status: 'stored' };
}

async function reject(
  ctx: StationContext,
  summary: RejectionSummary,
  reason: string,
  code: RejectionCode,
): Promise<StationAck> {
  // Recorded in the deployment it names if we know it, else the active one.
  const named = summary.deploymentId ? ctx.slots.get(summary.deploymentId) : undefined;
  const slot: Slot | undefined = named ?? ctx.activeSlot();
  if (slot) await ctx.append(slot, 'alert-rejected', null, { ...summary, code, reason });
  else ctx.log(`alert rejected before any deployment was known: ${reason}`);
  ctx.schedulePush();
  return { status: 'rejected', reason };
}

export async function intakeWithdrawn(ctx: StationContext, payload: unknown): Promise<StationAck> {
  const parsed = alertWithdrawnSchema.safeParse(payload);
  if (!parsed.success) return { status: 'rejected', reason: describeZodError(parsed.error) };
  const { alertId, reason } = parsed.data;
  const slot = ctx.slotOfAlert(alertId);
  const alert = slot?.state.alerts.get(alertId);
  if (!slot || !alert) return { status: 'rejected', reason: `unknown alert ${alertId}` };
  if (alert.status !== 'withdrawn') await ctx.append(slot, 'alert-withdrawn', null, { alertId, reason });
  ctx.schedulePush();
  return { status: 'stored' };
}
