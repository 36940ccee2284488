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
 * Only images of alerts already folded are listed; a new alert's line is folded only once
 * its images are on disk (intake.ts), so an image being written is never listed wrongly
 * for long: its next alert-received names it afresh, and the verifier checks it again.
 *
 * The same list is made at start-up (repairLostImages, issue 25): an alert's journal line
 * and its image files are written side by side, so a crash between the two can leave a
 * journalled, never acknowledged alert whose image file is missing. Listed as lost, the
 * journal verifies, and the feed's re-delivery of that alert writes the image back.
 */
import type { StationAlert } from '../../../shared/view';
import type { OpenDeployment, SlotLookup, Writer } from './context';
import { summaryImages } from './summaries';

const ALL = (_alert: StationAlert) => true;

/** Every image the journal names (of the alerts `which` picks) and does not list as purged, in name order. */
function namedImages(slot: OpenDeployment, which: (alert: StationAlert) => boolean = ALL): string[] {
  const named = new Set<string>();
  for (const alert of slot.state.alerts.values())
    if (which(alert))
      for (const ref of [alert.probe, alert.scene, alert.subject.image])
        if (ref && !slot.state.purged.has(ref.sha256)) named.add(ref.sha256);
  // Summarised alerts (decided or withdrawn) count only when every alert is asked for.
  if (which === ALL)
    for (const summary of slot.state.summaries.values())
      for (const sha256 of summaryImages(summary)) if (!slot.state.purged.has(sha256)) named.add(sha256);
  return [...named].sort();
}

/** Files looked at together: one stat each, many in flight, without opening thousands at once. */
const STATS_AT_ONCE = 64;

/** The named images not on disk, in name order. */
async function missingImages(slot: OpenDeployment, named: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (let i = 0; i < named.length; i += STATS_AT_ONCE) {
    const chunk = named.slice(i, i + STATS_AT_ONCE);
    const held = await Promise.all(chunk.map((sha256) => slot.images.has(sha256)));
    chunk.forEach((sha256, j) => {
      if (!held[j]) missing.push(sha256);
    });
  }
  return missing;
}

/** Journals the images found gone in one deployment; false when nothing needed saying. */
export async function recordLoss(
  ctx: Writer,
  slot: OpenDeployment,
  named: string[] = namedImages(slot),
): Promise<boolean> {
  const missing = await missingImages(slot, named);
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

/**
 * Start-up (issue 25): the images of every undecided alert are looked for, and those gone
 * are journalled as lost (recordLoss). An alert a crash caught between its line and its
 * images was never acknowledged, so never shown, so still undecided; every such alert is
 * looked at, not only the last ones (which were in flight is written nowhere), and a stat
 * per image is cheap (docs/journal.md gives the figure). Decided alerts are left alone: an
 * image of theirs that retention deleted just before a crash is journalled as purged by the
 * next retention run (retention.ts), not as lost.
 */
export async function repairLostImages(ctx: Writer & SlotLookup, slot: OpenDeployment): Promise<void> {
  if (ctx.tampered.has(slot.state.deploymentId) || slot.journal.closed) return;
  await slot.images.ensureFolder();
  await recordLoss(
    ctx,
    slot,
    // An image already on the record as lost is not listed again at every start.
    namedImages(slot, (alert) => alert.status === 'pending').filter((sha256) => !slot.state.lost.has(sha256)),
  );
}
