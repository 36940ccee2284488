/**
 * The station's one write path (issue 10, issue 20 item 4): journal the entry (fsync'd),
 * fold it, and mark what it changed for the screen's next push. A failed write marks
 * storage as failing (the banner names its cause, reliability.ts) and reaches the caller
 * as NotSavedError; a request turns that into the note the officer reads (orNotSaved).
 */
import { refuse, type NotSavedWhat, type Refused } from '../../../shared/request-refusals';
import type { StorageCause } from '../../../shared/storage-messages';
import { storageCause } from '../storage-health';
import { applyWrittenEntry } from '../../../shared/journal/fold';
import { alertIdNamed } from '../../../shared/journal/alert-named';
import { wholeAlert } from './summaries';
import { placeOf } from '../journal/journal';
import type { Actor, EntryData, EntryOf, EntryType, KnownEntry } from '../../../shared/journal/entries';
import type { AppendOptions, Health, Logger, OpenDeployment, StationContext } from './context';
import type { ScreenFeed } from './screen-feed';

/** What a write needs of the station: the storage health it reports to, the push, the log. */
export type WritePort = Health & Logger & Pick<StationContext, 'schedulePush' | 'tampered'>;

/** A write that did not happen, with its cause in words (the officer is told exactly this). */
class NotSavedError extends Error {
  override readonly name = 'NotSavedError';
  /** The same reason as a code and values, for the screen to say in the officer's language. */
  readonly why: StorageCause;
  constructor(
    readonly reason: string,
    options: { cause: unknown },
  ) {
    super(`not saved: ${reason}`, options);
    this.why = storageCause(options.cause);
  }
}

/** The one way state changes: journal and fold (guardedAppend), then mark the alert it touched for the screen. */
export async function appendAndShow<T extends EntryType>(
  ctx: WritePort,
  screen: Pick<ScreenFeed, 'note'>,
  slot: OpenDeployment,
  type: T,
  actor: Actor | null,
  data: EntryData[T],
  opts: AppendOptions = {},
): Promise<EntryOf<T>> {
  return screen.note(slot, await guardedAppend(ctx, slot, type, actor, data, opts));
}

/**
 * The one way the station writes: journal the entry (fsync'd), then fold it. A failure
 * is recorded (the banner names its cause) and thrown as NotSavedError; the first write
 * that succeeds again clears it. With `foldAfter` the fold also waits for that work to
 * settle (however it ends: the caller judges its outcome; the entry is on disk either way
 * and the state must hold what the journal holds).
 */
async function guardedAppend<T extends EntryType>(
  ctx: WritePort,
  slot: OpenDeployment,
  type: T,
  actor: Actor | null,
  data: EntryData[T],
  { foldAfter }: AppendOptions,
): Promise<EntryOf<T>> {
  // The alert the entry names is made whole first (read back if it was summarised, which
  // refuses before anything is written if its lines changed on disk) and kept whole until
  // the entry is folded (summaries.ts).
  const alertId = alertIdNamed(type, data);
  const unpin = alertId !== null ? slot.places.pin(alertId) : () => undefined;
  try {
    if (alertId !== null) wholeAlert(ctx, slot, alertId);
    return await appendAndFold(ctx, slot, type, actor, data, foldAfter, alertId);
  } finally {
    unpin();
  }
}

async function appendAndFold<T extends EntryType>(
  ctx: WritePort,
  slot: OpenDeployment,
  type: T,
  actor: Actor | null,
  data: EntryData[T],
  foldAfter: AppendOptions['foldAfter'],
  alertId: string | null,
): Promise<EntryOf<T>> {
  const { storage } = ctx.reliability;
  let entry: EntryOf<T>;
  try {
    entry = await slot.journal.appendEntry(type, actor, data);
  } catch (error) {
    const cause = storage.failed(error);
    ctx.log(`journal ${slot.state.deploymentId}: ${type} not saved: ${cause}`);
    ctx.schedulePush();
    throw new NotSavedError(cause, { cause: error });
  }
  // Pinned, so still whole; unless the journal was reopened meanwhile (storage-recovery.ts).
  if (alertId !== null) wholeAlert(ctx, slot, alertId);
  if (foldAfter) {
    await foldAfter.then(
      () => undefined,
      () => undefined,
    );
    // Entries written after this one may have been folded meanwhile: the state's last seq stays the highest.
    const lastSeq = slot.state.lastSeq;
    if (alertId !== null) wholeAlert(ctx, slot, alertId);
    applyWrittenEntry(slot.state, entry as KnownEntry);
    slot.state.lastSeq = Math.max(lastSeq, entry.seq);
  } else applyWrittenEntry(slot.state, entry as KnownEntry);
  slot.places.add(slot.state, entry, placeOf(entry));
  if (type === 'alert-received') {
    // The entry's data is plain JSON already (the journal made it so before writing).
    const received = entry.data as EntryData['alert-received'];
    slot.contents.remember(received.alertId, received);
    // Time undecided is measured from here on the monotonic clock.
    ctx.reliability.mark('received', received.alertId);
  }
  if (storage.succeeded()) {
    ctx.log('storage: writing works again');
    ctx.schedulePush();
    ctx.reliability.recovered();
  }
  return entry;
}

/** A request whose write failed answers that it was not saved, and why, instead of failing vaguely. */
export async function orNotSaved<T>(what: NotSavedWhat, work: Promise<T>): Promise<T | Refused> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof NotSavedError)) throw error;
    return refuse('not-saved', { values: { what }, storage: error.why });
  }
}

/** A write outside the journal (an image) that failed: recorded like a journal write, returned to throw. */
export function notSaved(
  ctx: Health & Logger & Pick<StationContext, 'schedulePush'>,
  error: unknown,
  what: string,
): NotSavedError {
  const cause = ctx.reliability.storage.failed(error);
  ctx.log(`${what} not saved: ${cause}`);
  ctx.schedulePush();
  return new NotSavedError(cause, { cause: error });
}
