/**
 * The feed's side of the station: validate what arrives, store it, acknowledge it.
 * A deployment record opens (or continues) its journal; an alert is checked against the
 * wire schema, the deployment and its window, its images and its journal line written side
 * by side, and answered `stored` once both are durable; a refusal is journalled with its
 * reason and answered `rejected`.
 */
import { DEFAULT_RETENTION_DAYS } from '../../../shared/feed/limits';
import {
  alertWithdrawnSchema,
  deploymentSchema,
  tallySchema,
  describeZodError,
  type Alert,
  type StationAck,
} from '../../../shared/feed/schemas';
import { tallyKey } from '../../../shared/journal/folded';
import { insideWindow } from '../../../shared/safeguards';
import { holdsAlert, summaryContentSha256 } from './summaries';
import type { ImageStore } from '../journal/images';
import { captureAheadMs } from '../clock';
import { checkAlert, summarise, type RejectionSummary } from '../feed/alert-check';
import { contentSha256, digestOf, digestsOf, receivedData, type AlertDigests } from '../feed/alert-content';
import { ImageDecoder } from '../feed/image-decoder';
import { warmIntake } from '../feed/intake-warmup';
import { describeOversize, type OversizeSeen } from '../feed/oversize';
import {
  actorOf,
  type Ahead,
  type Health,
  type Logger,
  type OpenDeployment,
  type OptionsOf,
  type Serial,
  type SignedIn,
  type SlotLookup,
  type SlotOpener,
  type Writer,
} from './context';
import { notSaved } from './write';
import { recordLoss } from './image-loss';
import { checkLastCheckpoint, rollbackAlarm } from './rollback';
import { recordSafeguards, runRetention } from './timers';

// Validation (a malformed optional member dropped and named, never a refusal) is electron/core/feed/alert-check.ts.
export { summarise } from '../feed/alert-check';

type RejectionCode = 'invalid' | 'undecodable' | 'unknown-deployment' | 'outside-window' | 'journal-rollback';

/** What taking in an alert, a withdrawal or a tally uses: the write path, the health it reports to, the journals. */
type IntakePorts = Writer & Health & SlotLookup;
/** A new deployment also opens journals, looks at the kept checkpoint and who is signed in. */
type DeploymentPorts = Writer & SlotLookup & SlotOpener & SignedIn & OptionsOf<'alarms' | 'training'>;

/** One decoder (one worker thread) for the process: decoded digests are shared by every deployment. */
let decoder: ImageDecoder | null = null;
const imageDecoder = (log: (line: string) => void) => (decoder ??= new ImageDecoder(undefined, log));
/** The intake warm-up (feed/intake-warmup.ts), started by the first deployment record. */
let warmedUp: Promise<boolean> | null = null;

export async function applyDeployment(ctx: DeploymentPorts, payload: unknown): Promise<void> {
  // Alerts follow a deployment: the decoder's worker starts now, not on the first alert.
  imageDecoder((line) => ctx.log(line)).warm();
  const parsed = deploymentSchema.safeParse(payload);
  if (!parsed.success) {
    const reason = describeZodError(parsed.error);
    ctx.log(`deployment refused: ${reason}`);
    const slot = ctx.activeSlot();
    if (slot) await ctx.append(slot, 'alert-rejected', null, { kind: 'deployment', reason });
    return;
  }
  // lastCheckpoint is the feed's receipt for this station's journal, not part of the deployment record.
  const { lastCheckpoint, ...deployment } = parsed.data;
  // Once per process: the warm-up is for the code, not for the deployment.
  warmedUp ??= warmIntake(deployment.deploymentId, ctx.now());
  if (ctx.tampered.has(deployment.deploymentId)) {
    ctx.log(`deployment ${deployment.deploymentId}: journal tampered; not appending`);
    return;
  }
  const slot = await ctx.openSlot(deployment.deploymentId, { training: deployment.training === true });
  const changed =
    JSON.stringify(slot.state.deployment && { ...slot.state.deployment }) !==
    JSON.stringify({ ...deployment, retentionDays: deployment.retentionDays ?? DEFAULT_RETENTION_DAYS });
  ctx.setActive(deployment.deploymentId);
  if (changed) await ctx.append(slot, 'deployment', null, deployment);
  await checkLastCheckpoint(ctx, slot, lastCheckpoint);
  const operator = ctx.session.operator;
  if (operator && slot.state.operator?.id !== operator.id)
    await ctx.append(slot, 'operator-signed-in', actorOf(ctx.session), {
      role: operator.role,
      ...(ctx.session.proof ?? {}),
      continued: true,
    });
  await recordSafeguards(ctx, slot);
  ctx.schedulePush();
}

interface StoredImages {
  digests: AlertDigests;
  /** Files this put created (not found already stored). */
  created: string[];
}

/** Each image stored under its SHA-256 (fsync'd) before the alert is folded and acknowledged. */
async function storeImages(images: ImageStore, alert: Alert, digests: AlertDigests): Promise<StoredImages> {
  const [probe, subject, scene] = await Promise.all([
    images.put(alert.probe.data, digests.probe.sha256),
    images.put(alert.subject.image.data, digests.subject.sha256),
    alert.scene && digests.scene ? images.put(alert.scene.data, digests.scene.sha256) : Promise.resolve(null),
  ]);
  const created = [probe, subject, scene].filter((p) => p?.created).map((p) => p!.sha256);
  const digest = (p: { sha256: string; bytes: number }) => ({ sha256: p.sha256, bytes: p.bytes });
  return {
    digests: { probe: digest(probe), subject: digest(subject), scene: scene && digest(scene) },
    created,
  };
}

/**
 * lfr-feed-v1: "An image must decode in full". Each image is hashed and decoded in a worker
 * thread (image-decoder.ts), so the station's event loop does neither in a burst; an image
 * that decoded before (a repeated watchlist face or scene) costs its hash. The digests name
 * the files and the entry, and come first where they can: when the decoders are idle (one
 * alert, not a burst), this thread hashes too, so the writes start beside the decode. The
 * first image that does not decode names the refusal.
 */
function examineImages(
  ctx: Logger,
  alert: Alert,
): { digests: Promise<AlertDigests>; problem: Promise<string | null> } {
  const decoding = imageDecoder((line) => ctx.log(line));
  const hashHere = decoding.idle;
  const examine = (name: string, image: Alert['probe']) => {
    const exam = decoding.examine(image.data, image.mime, { hashHere });
    return {
      digest: exam.sha256.then((sha256) => ({ sha256, bytes: image.data.byteLength })),
      problem: exam.verdict.then((v) => v.problem && `${name}: ${v.problem}`),
    };
  };
  const probe = examine('probe', alert.probe);
  const subject = examine('subject.image', alert.subject.image);
  const scene = alert.scene ? examine('scene', alert.scene) : null;
  const digests = Promise.all([probe.digest, subject.digest, scene?.digest ?? null]).then(
    ([probeDigest, subjectDigest, sceneDigest]) => ({
      probe: probeDigest,
      subject: subjectDigest,
      scene: sceneDigest,
    }),
  );
  const problem = Promise.all([probe.problem, subject.problem, scene?.problem ?? null]).then(
    (problems) => problems.find((p) => p !== null) ?? null,
  );
  // Awaited by the caller; marked handled so one failing while the other is awaited is not "unhandled".
  digests.catch(() => undefined);
  problem.catch(() => undefined);
  return { digests, problem };
}

/** A refused alert's images that this alert wrote are taken away again (no other alert names them). */
async function discardCreated(images: ImageStore, stored: Promise<StoredImages>): Promise<void> {
  const created = await stored.then((s) => s.created).catch(() => [] as string[]);
  await Promise.all(created.map((sha256) => images.remove(sha256).catch(() => false)));
}

/**
 * "Stored" again only with its files: an image gone since (the screen could not show it and
 * the feed was asked again, officer.ts alertShown) is written again from the bytes in hand
 * (ImageStore.put checks on disk). An image purged under retention stays purged.
 */
async function restoreImages(
  ctx: Parameters<typeof notSaved>[0],
  slot: OpenDeployment,
  alert: Alert,
): Promise<number> {
  const all = [alert.probe, alert.subject.image, ...(alert.scene ? [alert.scene] : [])];
  const wanted = all
    .map((image) => ({ data: image.data, sha256: digestOf(image.data).sha256 }))
    .filter((image) => !slot.state.purged.has(image.sha256));
  try {
    const puts = await Promise.all(wanted.map((image) => slot.images.put(image.data, image.sha256)));
    return puts.filter((p) => p.created).length;
  } catch (error) {
    throw notSaved(ctx, error, `images of re-delivered alert ${alert.alertId}`);
  }
}

/**
 * lfr-feed-v1: the same alertId again is `stored` again when its content is the same;
 * with other content it is a conflict: journalled, refused with a reason that says so,
 * shown to the officer, and the stored alert left as it was.
 */
async function redelivered(
  ctx: Writer & Health,
  slot: OpenDeployment,
  alert: Alert,
  dropped: string[],
): Promise<StationAck> {
  // A summarised alert's content hash is in its summary: a re-delivery reads nothing back.
  const summary = slot.state.summaries.get(alert.alertId);
  const storedSha256 = summary ? summaryContentSha256(summary) : slot.contents.sha256(alert.alertId);
  const receivedSha256 = contentSha256(
    receivedData(alert, digestsOf(alert), { dropped, clockAheadMs: null }),
  );
  if (storedSha256 === undefined || storedSha256 === receivedSha256) {
    const written = await restoreImages(ctx, slot, alert);
    if (written > 0)
      ctx.log(`alert ${alert.alertId}: ${written} image file(s) written again from a re-delivery`);
    return { status: 'stored' };
  }
  await ctx.append(slot, 'alert-conflict', null, { alertId: alert.alertId, storedSha256, receivedSha256 });
  const reason =
    `conflicting re-delivery: alert ${alert.alertId} is already stored with other content ` +
    `(stored ${storedSha256.slice(0, 12)}, received ${receivedSha256.slice(0, 12)}); the stored alert is kept unchanged`;
  ctx.reliability.refused({
    at: new Date(ctx.now()).toISOString(),
    alertId: alert.alertId,
    seq: alert.seq,
    code: 'conflict',
    reason,
  });
  ctx.log(reason);
  ctx.schedulePush();
  return { status: 'rejected', reason };
}

export async function intakeAlert(ctx: IntakePorts & Serial & Ahead, payload: unknown): Promise<StationAck> {
  const checked = checkAlert(payload);
  if (!checked.ok) return reject(ctx, checked.summary, checked.reason, 'invalid');
  const alert = checked.alert;
  // Capture times confirm (or put in doubt) the station clock, whether the alert is taken or not;
  // retention that was waiting on the clock runs as soon as the feed confirms it.
  const doubted = ctx.reliability.clock.reason !== null;
  ctx.reliability.clock.observeCapture(alert.capturedAt, ctx.now());
  if (doubted && ctx.reliability.clock.reason === null)
    void runRetention(ctx).catch((e: unknown) => ctx.log(`retention failed: ${String(e)}`));
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
  // The record was rolled back (the feed holds a checkpoint the journal lacks): nothing more is taken into it.
  const rollback = rollbackAlarm(slot);
  if (rollback) return reject(ctx, summarise(payload), rollback.reason, 'journal-rollback');
  if (holdsAlert(slot.state, alert.alertId)) return redelivered(ctx, slot, alert, checked.dropped);
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
  const now = ctx.now();
  // A capture time well ahead of the station clock is flagged on the alert, not silently shown.
  const clockAheadMs = captureAheadMs(alert.capturedAt, now);
  // The order, and why it is safe (issue 25): the image writes (files, renames, folder
  // fsync) start as soon as the images' digests are known (at once when this thread takes
  // them, else with the worker's verdicts), with the decode beside them. The journal line
  // starts as soon as the decode passes (an alert that will be refused is never journalled
  // as received) and is written while the images are still being made durable: one wait for
  // the longer of the two, not one after the other. The line is folded into the state only
  // once the images have settled (write.ts foldAfter), so no screen push, snapshot, open or
  // image request can see the alert before its images are on disk, and `stored` is answered
  // only when both are. Images that fail after the line is written are journalled as lost
  // and the alert is not acknowledged (lineWithoutImages); a crash between the two can leave
  // a journalled alert without its image file: it was never acknowledged, start-up journals
  // the missing file as lost (image-loss.ts repairLostImages) so the journal verifies, and
  // the feed's re-delivery writes it back.
  const examined = examineImages(ctx, alert);
  const digests = await examined.digests;
  const storing = storeImages(slot.images, alert, digests);
  // A lone alert's faces go to the screens now, decoded there while this is written (faces-ahead.ts).
  if (ctx.alertsArriving === 1) ctx.facesAhead.send(alert, digests);
  // Handled below; marked handled now so a failed write while decoding is not "unhandled",
  // and noted so that a write already failed stops the journal line from starting.
  let storingFailed = false;
  storing.catch(() => {
    storingFailed = true;
  });
  const undecodable = await examined.problem;
  if (undecodable) {
    await discardCreated(slot.images, storing);
    return reject(ctx, summarise(payload), undecodable, 'undecodable');
  }
  try {
    // Not stored, so not acknowledged: the feed sends it again once writing works.
    if (storingFailed)
      await storing.catch((error: unknown) => {
        throw notSaved(ctx, error, `alert ${alert.alertId} images`);
      });
    const received = receivedData(alert, digests, { dropped: checked.dropped, clockAheadMs });
    await ctx.append(slot, 'alert-received', null, received, { foldAfter: storing });
    await storing.catch((error: unknown) => lineWithoutImages(ctx, slot, alert.alertId, error));
  } catch (error) {
    // Counted, so that when writing works again the screen says how many the feed re-delivers.
    ctx.reliability.notStored(alert.alertId);
    throw error;
  }
  ctx.schedulePush();
  return { status: 'stored' };
}

/**
 * The alert's line is on disk and its images are not: the images are put on the record as
 * lost now (image-loss.ts), so the journal verifies, and the alert is not acknowledged: the
 * feed re-delivers it and redelivered() writes the images back. If even that entry cannot be
 * written, the next start-up finds the files missing and records them (repairLostImages).
 */
async function lineWithoutImages(
  ctx: Writer & Health,
  slot: OpenDeployment,
  alertId: string,
  error: unknown,
): Promise<never> {
  await recordLoss(ctx, slot).catch((e: unknown) => ctx.log(`images: loss not journalled yet: ${String(e)}`));
  // Marked failing after the loss entry: that write succeeding must not say storage works again.
  throw notSaved(ctx, error, `alert ${alertId} images`);
}

async function reject(
  ctx: IntakePorts,
  summary: RejectionSummary,
  reason: string,
  code: RejectionCode,
): Promise<StationAck> {
  // Recorded in the deployment it names if we know it, else the active one.
  const named = summary.deploymentId ? ctx.slots.get(summary.deploymentId) : undefined;
  const slot: OpenDeployment | undefined = named ?? ctx.activeSlot();
  if (slot) await ctx.append(slot, 'alert-rejected', null, { ...summary, code, reason });
  else ctx.log(`alert rejected before any deployment was known: ${reason}`);
  // Never silent: the officer gets a banner and the sound cue with the reason in words.
  const at = new Date(ctx.now()).toISOString();
  ctx.reliability.refused({ at, alertId: summary.alertId, seq: summary.seq, code, reason });
  ctx.schedulePush();
  return { status: 'rejected', reason };
}

/**
 * lfr-feed-v1 "Limits": a message over the station's frame limit closed the connection.
 * The officer is told (banner and sound, counted with the refusals) and the journal of the
 * active deployment records what was seen: the event, its size and when.
 */
export async function recordOversize(ctx: IntakePorts, info: OversizeSeen): Promise<void> {
  const reason = describeOversize(info);
  ctx.reliability.refused({ at: info.at, alertId: null, seq: null, code: 'oversize', reason });
  ctx.schedulePush();
  const slot = ctx.activeSlot();
  if (!slot) return ctx.log(`oversized feed message before any deployment was known: ${reason}`);
  const data = {
    kind: info.event ?? 'message',
    code: 'oversize',
    reason,
    deploymentId: slot.state.deploymentId,
  };
  await ctx.append(slot, 'alert-rejected', null, data);
}

export async function intakeWithdrawn(ctx: Writer & SlotLookup, payload: unknown): Promise<StationAck> {
  const parsed = alertWithdrawnSchema.safeParse(payload);
  if (!parsed.success) return { status: 'rejected', reason: describeZodError(parsed.error) };
  const { alertId, reason } = parsed.data;
  const slot = ctx.slotOfAlert(alertId);
  // A summarised alert's status is in its summary; the write reads it back before folding the entry.
  const status = slot?.state.alerts.get(alertId)?.status ?? slot?.state.summaries.get(alertId)?.status;
  if (!slot || !status) return { status: 'rejected', reason: `unknown alert ${alertId}` };
  if (status !== 'withdrawn') await ctx.append(slot, 'alert-withdrawn', null, { alertId, reason });
  ctx.schedulePush();
  return { status: 'stored' };
}

/** lfr-feed-v1 `tally`: faces compared on one camera in one period; journalled once, answered `stored`. */
export async function intakeTally(ctx: Writer & SlotLookup, payload: unknown): Promise<StationAck> {
  const parsed = tallySchema.safeParse(payload);
  if (!parsed.success) return { status: 'rejected', reason: describeZodError(parsed.error) };
  const { v: _v, ...tally } = parsed.data;
  if (ctx.tampered.has(tally.deploymentId))
    return { status: 'rejected', reason: 'this deployment’s journal failed verification' };
  const slot = ctx.slots.get(tally.deploymentId);
  if (!slot || !slot.state.deployment)
    return { status: 'rejected', reason: `unknown deployment "${tally.deploymentId}"` };
  if (!slot.state.tallies.has(tallyKey(tally))) await ctx.append(slot, 'tally', null, tally);
  ctx.schedulePush();
  return { status: 'stored' };
}
