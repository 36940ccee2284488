/**
 * The first alert after sign-in should cost what the next ones do (issues 21 and 25): the
 * first time the station checks an alert against the wire schema, describes it for the
 * journal and folds it, V8 compiles that code (zod also builds its object parsers on first
 * use), and traced on this machine that was about 15 ms of the first alert's path that
 * later alerts do not pay. So when a deployment arrives, a made-up alert of that
 * deployment goes once through the same functions, into a scratch fold that is then let
 * go: nothing is journalled, stored, acknowledged or shown.
 */
import { randomUUID } from 'node:crypto';
import { applyEntry } from '../../../shared/journal/fold';
import { emptyDeployment } from '../../../shared/journal/folded';
import { canonicalJson } from '../../../shared/journal/canonical';
import { GENESIS_HASH } from '../../../shared/journal/entries';
import { checkAlert } from './alert-check';
import { contentSha256, digestsOf, receivedData } from './alert-content';
import { sampleJpeg } from './jpeg-pixels';

/** A well-formed alert payload of this deployment, as the wire would bring it. */
function madeUpAlert(deploymentId: string, jpeg: Uint8Array, now: number) {
  const image = { mime: 'image/jpeg', data: jpeg, width: 64, height: 48 };
  return {
    v: 1,
    alertId: randomUUID(),
    seq: 1,
    deploymentId,
    capturedAt: new Date(now).toISOString(),
    camera: { id: 'warm-up', label: 'warm-up' },
    score: 0.9,
    threshold: 0.6,
    probe: image,
    scene: { ...image, box: { x: 8, y: 8, w: 16, h: 16 } },
    subject: {
      entryId: 'warm-up',
      category: 'warm-up',
      tier: 'amber',
      reason: 'warm-up',
      // Every optional member a feed sends, so their checks are compiled too.
      warnings: ['warm-up'],
      image: { ...image, takenAt: new Date(now).toISOString(), source: 'warm-up' },
      name: 'warm-up',
      ownerContact: 'warm-up',
    },
  };
}

/**
 * Runs a made-up alert through checking, describing and folding. True when it went all the
 * way (a test holds it to that, so the warm-up cannot quietly stop warming); never throws.
 */
export async function warmIntake(deploymentId: string, now: number): Promise<boolean> {
  const jpeg = await sampleJpeg().catch(() => null);
  if (!jpeg) return false;
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    if (!warmOnce(deploymentId, jpeg, now)) return false;
    // A turn between rounds: an alert that arrives meanwhile waits for one round at most.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}

/**
 * Rounds of the made-up alert. One compiled the code, yet the first real alert's check still
 * took 2.5 ms against 0.45 for the next ones (traced, 7 Dec): V8 runs new code in its
 * interpreter until it has been called a few times. Ten rounds cost a few milliseconds when
 * the deployment arrives, before any alert can.
 */
const WARM_UP_ROUNDS = 10;

function warmOnce(deploymentId: string, jpeg: Uint8Array, now: number): boolean {
  try {
    const checked = checkAlert(madeUpAlert(deploymentId, jpeg, now));
    if (!checked.ok) return false;
    const data = receivedData(checked.alert, digestsOf(checked.alert), { dropped: [], clockAheadMs: null });
    contentSha256(data);
    const entry = {
      seq: 1,
      at: new Date(now).toISOString(),
      type: 'alert-received',
      actor: null,
      data: JSON.parse(canonicalJson(data)) as Record<string, unknown>,
      prev: GENESIS_HASH,
      hash: GENESIS_HASH,
    };
    const scratch = emptyDeployment(deploymentId);
    applyEntry(scratch, entry);
    return scratch.alerts.has(checked.alert.alertId);
  } catch {
    // A warm-up that fails costs the first alert its head start, nothing more.
    return false;
  }
}
