/**
 * Recovering from a storage failure without a restart. While writing fails, every few
 * seconds the station tries again: a journal that stopped taking appends (a failed
 * fsync, a rollback that could not be done) is reopened from disk, re-verified and
 * checked to still hold every alert the station had acknowledged; a healthy journal's
 * folder gets a small durable test write. When all succeed the banner clears and the
 * feed is asked to re-deliver what was not acknowledged meanwhile.
 *
 * A journal whose folder was moved or renamed away is taken up again once the very same
 * file (same device and inode, checked on disk) is back at its path: it is reopened and
 * re-verified like any other failed journal. The test write goes into the images folder
 * too, so a read-only images folder made writable again ends the fault as well.
 *
 * Never recovered by itself: a journal file deleted or replaced under the station (a
 * person must look at what happened; the banner says what to do), and a folder that has
 * gone (a new, empty journal must not quietly take the old one's place).
 */
import { stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileDurable } from '../journal/fsync';
import { JournalFileError } from '../journal/journal';
import type { Clock, Configured, Health, Links, Logger, OpenDeployment, SlotLookup, Writer } from './context';
import { openDeployment } from './deployments';
import { checkpointItem } from './server-messages';
import { holdsAlert } from './summaries';

const RETRY_MS = 5000;

/** A small durable write (then removed) in the journal's folder and in its images folder. */
async function probe(ctx: Clock, slot: OpenDeployment): Promise<void> {
  const text = `${new Date(ctx.now()).toISOString()}\n`;
  for (const dir of [dirname(slot.journal.file), slot.images.dir]) {
    const file = join(dir, '.write-probe');
    await writeFileDurable(file, text);
    await unlink(file);
  }
}

async function reopen(
  ctx: Logger & Clock & Configured & Links & SlotLookup,
  slot: OpenDeployment,
): Promise<void> {
  const failure = slot.journal.failed;
  if (failure instanceof JournalFileError) {
    // Only the very file the station was writing, back at its path, is taken up again.
    const still = await slot.journal.fileCheck();
    if (still) throw still;
    ctx.log(`storage: journal ${slot.state.deploymentId} is back at ${slot.journal.file}`);
  }
  await stat(slot.journal.file);
  const id = slot.state.deploymentId;
  const acknowledged = [...slot.state.alerts.keys(), ...slot.state.summaries.keys()];
  const lastSeq = slot.journal.lastSeq;
  await slot.journal.abandon();
  const fresh = await openDeployment(
    ctx.options,
    id,
    () => ctx.now(),
    (cp) => ctx.outbox?.enqueue(checkpointItem(cp, new Date(ctx.now()).toISOString())),
  );
  const lost = acknowledged.filter((alertId) => !holdsAlert(fresh.state, alertId));
  if (fresh.journal.lastSeq < lastSeq || lost.length > 0) {
    await fresh.journal.abandon();
    const why = `journal ${id} came back without ${lost.length} acknowledged alert(s) after a write failure`;
    ctx.tampered.set(id, why);
    throw new Error(why);
  }
  Object.assign(slot, fresh);
  ctx.log(`storage: journal ${id} reopened and verified (last seq ${fresh.journal.lastSeq})`);
}

/** One attempt (at most every 5 s) to find writing works again; called by the station's tick. */
export async function recoverStorage(ctx: Writer & Health & Configured & Links & SlotLookup): Promise<void> {
  const rel = ctx.reliability;
  if (rel.storage.ok || !rel.dueForRetry(RETRY_MS)) return;
  for (const slot of ctx.slots.values()) {
    if (ctx.tampered.has(slot.state.deploymentId)) continue;
    try {
      if (slot.journal.failed) await reopen(ctx, slot);
      else await probe(ctx, slot);
    } catch (error) {
      const cause = rel.storage.failed(error);
      ctx.log(`storage: still failing (${cause})`);
      ctx.schedulePush();
      return;
    }
  }
  if (rel.storage.succeeded()) {
    ctx.log('storage: writing works again');
    ctx.schedulePush();
    rel.recovered();
  }
}
