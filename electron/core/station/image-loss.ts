/**
 * Images lost under the running station, put on the record when they are found gone
 * (issue 28): the images folder deleted (the image store makes it again at its next write,
 * or this watch does within a second). Every image the journal names that is no longer on
 * disk is listed in a `retention-purge` entry with reason "lost": journal-v1 has no other
 * entry that names images no longer held, and a verifier accepts a missing image only
 * when a later `retention-purge` lists it. The reason keeps it apart from a purge under
 * retention: the fold does not treat lost images as purged (the screen still tries to show
 * them and says it cannot), retention still deletes on time, and the verifier reports
 * them as lost, not purged.
 *
 * Only images of alerts already journalled are listed; an image being written again for a
 * new alert is on disk before that alert is journalled, so it is never listed wrongly
 * for long: its next alert-received names it afresh, and the verifier checks it again.
 */
import type { OpenDeployment, SlotLookup, Writer } from './context';

/** Every image the journal names and does not list as purged, in name order. */
function namedImages(slot: OpenDeployment): string[] {
  const named = new Set<string>();
  for (const alert of slot.state.alerts.values())
    for (const ref of [alert.probe, alert.scene, alert.subject.image])
      if (ref && !slot.state.purged.has(ref.sha256)) named.add(ref.sha256);
  return [...named].sort();
}

/** Journals the images found gone in one deployment; false when nothing needed saying. */
async function recordLoss(ctx: Writer, slot: OpenDeployment): Promise<boolean> {
  const missing: string[] = [];
  for (const sha256 of namedImages(slot)) if (!(await slot.images.has(sha256))) missing.push(sha256);
  slot.images.folderLost = false;
  if (missing.length === 0) return false;
  try {
    await ctx.append(slot, 'retention-purge', null, {
      images: missing,
      reason: 'lost',
    });
  } catch (error) {
    // Not on the record yet: looked at again next tick (the banner says why writing failed).
    slot.images.folderLost = true;
    throw error;
  }
  ctx.log(
    `images: ${missing.length} image file(s) of deployment ${slot.state.deploymentId} are gone from ${slot.images.dir}; journalled as lost`,
  );
  return true;
}

/**
 * One look (every tick) at each open deployment's images folder: gone while its deployment
 * folder is there means the images were deleted; the folder is made again and the loss
 * journalled. A deployment folder that is itself gone is a moved data folder: nothing is
 * made or written (storage-recovery.ts waits for it to be put back).
 */
export async function watchImages(ctx: Writer & SlotLookup): Promise<boolean> {
  let changed = false;
  for (const slot of ctx.slots.values()) {
    if (ctx.tampered.has(slot.state.deploymentId) || slot.journal.closed) continue;
    try {
      await slot.images.ensureFolder();
      if (slot.images.folderLost && (await recordLoss(ctx, slot))) changed = true;
    } catch {
      // A write that failed is on the storage banner already; a missing home is a moved folder.
    }
  }
  return changed;
}
