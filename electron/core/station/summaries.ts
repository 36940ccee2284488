/**
 * Memory bounded by what is open, not by the deployment (issue 25.5). The station keeps a
 * whole StationAlert only for a "live" alert: waiting, among the RECENT_DECIDED most
 * recently touched of its deployment, with a decision or outcome revision the server has
 * not answered, or one a write is working on (pinned). Every other alert is held as an
 * AlertSummary (shared/journal/summary-table.ts): its status and tier, whether it is an
 * engagement awaiting its outcome (open work counts them), and packed as bytes its content hash, its images' SHA-256 and where its entries
 * are in the journal file, each with the first 128 bits of the entry's hash. The bytes are
 * kept in the deployment's SummaryTable (shared/journal/summary-table.ts), a few large
 * chunks shared by all its summaries, not a Buffer each.
 *
 * A summarised alert is read back (readBack) when a person or the feed asks for it: each
 * of its lines is read from the open journal (a pread), its hash is taken again and must be
 * both the line's own and the one verified when the journal was opened or the line written;
 * the lines are folded into a scratch state (the same fold, the deployment's purged images)
 * and the alert comes back exactly as the whole journal's fold gives it. A line that no
 * longer matches is tampering after open: ReadBackRefused, nothing read is used.
 *
 * The read is synchronous (fs.readSync): a few lines of a file the station holds open,
 * mostly from the page cache. So the fold stays synchronous and pure, a request promotes
 * the alert before it looks at it, and the one write path (write.ts) promotes the alert an
 * entry names before folding it. The fold refuses an entry naming a summarised alert.
 */
import { createHash } from 'node:crypto';
import { RECENT_DECIDED } from '../../../shared/screen';
import { applyEntry } from '../../../shared/journal/fold';
import {
  answerKey,
  emptyDeployment,
  type AlertSummary,
  type FoldedDeployment,
} from '../../../shared/journal/folded';
import { alertIdNamed } from '../../../shared/journal/alert-named';
import type { JournalEntry } from '../../../shared/journal/entries';
import type { StationAlert } from '../../../shared/view';
import { reviewedCast } from '../../../shared/reviewed-cast';
import { outcomeAwaited } from '../../../shared/open-work';
import { canonicalBodyParts } from '../journal/canonical-line';
import { entryHash } from '../journal/chain';
import type { EntryPlace } from '../journal/journal';
import type { StoredContents } from '../feed/alert-content';

/** What a summary needs of an open deployment (OpenDeployment has all of it). */
export interface SummarySlot {
  state: FoldedDeployment;
  contents: StoredContents;
  journal: { readSync(start: number, end: number): Buffer };
  places: AlertPlaces;
}

/** A summarised alert's line that no longer is what was verified: the journal changed on disk after open. */
export class ReadBackRefused extends Error {
  override readonly name = 'ReadBackRefused';
  constructor(
    readonly deploymentId: string,
    readonly alertId: string,
    readonly reason: string,
  ) {
    super(`journal ${deploymentId} changed on disk after it was opened (alert ${alertId}: ${reason})`);
  }
}

/** One entry of a live alert: where it is, and its hash as verified. */
interface Place {
  start: number;
  end: number;
  hash: string;
}

const HASH_BYTES = 32;
const PREFIX_BYTES = 16;
/**
 * start (u48: a file up to 256 TiB), the line's length (u32: readLines refuses a line over
 * 64 MiB), hash prefix. 26 bytes, not the 32 of two doubles: about 4 MB at 100,000 alerts.
 */
const PLACE_BYTES = 6 + 4 + PREFIX_BYTES;

/** The entries of each live alert, in file order, and the alerts a write is working on. */
export class AlertPlaces {
  private readonly live = new Map<string, Place[]>();
  private readonly pins = new Map<string, number>();

  /** An entry just folded (at open, or appended): kept under its alert if the alert is live. */
  add(state: FoldedDeployment, entry: JournalEntry, place: EntryPlace | undefined): void {
    const alertId = alertIdNamed(entry.type, entry.data);
    if (alertId === null || !state.alerts.has(alertId)) return;
    // An entry whose place is unknown cannot be read back: its alert is never summarised.
    const at: Place = place ? { start: place.start, end: place.end, hash: entry.hash } : UNKNOWN;
    const list = this.live.get(alertId);
    if (list) list.push(at);
    else this.live.set(alertId, [at]);
  }

  /** While pinned (by a write in flight), the alert is not summarised. */
  pin(alertId: string): () => void {
    this.pins.set(alertId, (this.pins.get(alertId) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.pins.get(alertId) ?? 1) - 1;
      if (n <= 0) this.pins.delete(alertId);
      else this.pins.set(alertId, n);
    };
  }

  pinned(alertId: string): boolean {
    return this.pins.has(alertId);
  }

  /** The live alert's entries (for summarising). */
  of(alertId: string): Place[] | undefined {
    return this.live.get(alertId);
  }

  set(alertId: string, places: Place[]): void {
    this.live.set(alertId, places);
  }

  delete(alertId: string): void {
    this.live.delete(alertId);
  }

  /** How many live alerts have places (tests). */
  get size(): number {
    return this.live.size;
  }
}

const UNKNOWN: Place = { start: -1, end: -1, hash: '' };

/** The time an alert was last touched: its last decision, else its arrival (snapshot.ts orders by it). */
export const lastTouched = (a: StationAlert): string => a.decisions.at(-1)?.decidedAt ?? a.receivedAt;

/** A decision or outcome revision of the alert the server has not answered: the outbox needs it whole. */
export function hasUnanswered(state: FoldedDeployment, a: StationAlert): boolean {
  for (const d of a.decisions)
    if (!d.recorded && !state.answered.has(answerKey('decision', a.alertId, d.revision))) return true;
  for (const o of a.outcomes)
    if (!o.recorded && !state.answered.has(answerKey('outcome', a.alertId, o.revision))) return true;
  return false;
}

/** Whether an alert must stay whole, apart from being among the most recent (see the module comment). */
function mustStayLive(slot: SummarySlot, a: StationAlert): boolean {
  if (a.status === 'pending') return true;
  if (slot.places.pinned(a.alertId)) return true;
  if (hasUnanswered(slot.state, a)) return true;
  const places = slot.places.of(a.alertId);
  // No place known for one of its entries: it could not be read back.
  return !places || places.some((p) => p.start < 0);
}

/**
 * Summarise every alert of the slot that need not stay whole. Cheap when nothing changed:
 * it walks the live alerts only. Returns how many were summarised; `onSummarised` hears
 * each one's alertId, for what else the station keeps by alert to let go of it too.
 */
export function summariseCold(slot: SummarySlot, onSummarised?: (alertId: string) => void): number {
  const { state } = slot;
  const done: StationAlert[] = [];
  for (const a of state.alerts.values()) if (!mustStayLive(slot, a)) done.push(a);
  // Whatever else holds, the most recently touched of the deployment stay (the screen shows them).
  const decided: StationAlert[] = [];
  for (const a of state.alerts.values()) if (a.status !== 'pending') decided.push(a);
  if (decided.length <= RECENT_DECIDED) return 0;
  decided.sort((a, b) => lastTouched(b).localeCompare(lastTouched(a)));
  const recent = new Set(decided.slice(0, RECENT_DECIDED));
  let n = 0;
  for (const a of done) {
    if (recent.has(a)) continue;
    summarise(slot, a);
    onSummarised?.(a.alertId);
    n++;
  }
  return n;
}

const hexBytes = (hex: string, into: Buffer, at: number, bytes: number) =>
  into.write(hex.slice(0, bytes * 2), at, bytes, 'hex');

/** Where summarise builds a summary's bytes before the table copies them (it keeps no reference). */
let scratch = Buffer.allocUnsafe(4096);

function summarise(slot: SummarySlot, a: StationAlert): void {
  const { state, contents, places } = slot;
  const list = places.of(a.alertId);
  if (!list) return;
  const content = contents.sha256(a.alertId);
  const images = [a.probe, a.scene, a.subject.image].filter((r) => r !== null).map((r) => r.sha256);
  const length = 1 + HASH_BYTES * (1 + images.length) + PLACE_BYTES * list.length;
  if (scratch.length < length) scratch = Buffer.allocUnsafe(length * 2);
  const packed = scratch.subarray(0, length);
  packed[0] = (content ? 0x80 : 0) | images.length;
  let at = 1;
  if (content) hexBytes(content, packed, at, HASH_BYTES);
  else packed.fill(0, at, at + HASH_BYTES);
  at += HASH_BYTES;
  for (const sha256 of images) {
    hexBytes(sha256, packed, at, HASH_BYTES);
    at += HASH_BYTES;
  }
  for (const p of list) {
    packed.writeUIntLE(p.start, at, 6);
    packed.writeUInt32LE(p.end - p.start, at + 6);
    hexBytes(p.hash, packed, at + 10, PREFIX_BYTES);
    at += PLACE_BYTES;
  }
  const summary: AlertSummary = {
    status: a.status === 'withdrawn' ? 'withdrawn' : 'decided',
    tier: a.subject.tier,
    outcomeAwaited: outcomeAwaited(a),
    packed,
  };
  state.alerts.delete(a.alertId);
  state.summaries.set(a.alertId, summary);
  places.delete(a.alertId);
  contents.forget(a.alertId);
  // Its revisions are all answered (else it would stay live): the keys come back with it.
  for (const d of a.decisions) state.answered.delete(answerKey('decision', a.alertId, d.revision));
  for (const o of a.outcomes) state.answered.delete(answerKey('outcome', a.alertId, o.revision));
}

/** The content hash of a summarised alert's alert-received data (alert-content.ts plainContentSha256). */
export function summaryContentSha256(summary: AlertSummary): string | undefined {
  const packed = Buffer.from(summary.packed.buffer, summary.packed.byteOffset, summary.packed.byteLength);
  if (((packed[0] ?? 0) & 0x80) === 0) return undefined;
  return packed.toString('hex', 1, 1 + HASH_BYTES);
}

/** The SHA-256 of each image the summarised alert names (probe, scene, subject). */
export function summaryImages(summary: AlertSummary): string[] {
  const packed = Buffer.from(summary.packed.buffer, summary.packed.byteOffset, summary.packed.byteLength);
  const n = (packed[0] ?? 0) & 0x7f;
  const images: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = 1 + HASH_BYTES * (1 + i);
    images.push(packed.toString('hex', at, at + HASH_BYTES));
  }
  return images;
}

function summaryPlaces(summary: AlertSummary): Array<{ start: number; end: number; prefix: string }> {
  const packed = Buffer.from(summary.packed.buffer, summary.packed.byteOffset, summary.packed.byteLength);
  const n = (packed[0] ?? 0) & 0x7f;
  const places: Array<{ start: number; end: number; prefix: string }> = [];
  for (let at = 1 + HASH_BYTES * (1 + n); at + PLACE_BYTES <= packed.length; at += PLACE_BYTES)
    places.push({
      start: packed.readUIntLE(at, 6),
      end: packed.readUIntLE(at, 6) + packed.readUInt32LE(at + 6),
      prefix: packed.toString('hex', at + 10, at + 10 + PREFIX_BYTES),
    });
  return places;
}

/** The hash of one journal line, taken again from its text (the chain checker's rule). */
function lineHash(line: string, parsed: Record<string, unknown>): string {
  const parts = canonicalBodyParts(line, parsed);
  if (parts) return createHash('sha256').update(parts.head).update(parts.tail).digest('hex');
  return entryHash(
    reviewedCast<JournalEntry>(
      parsed,
      'its shape was checked by the hash member only; entryHash reads any object',
    ),
  );
}

/** Reads one summarised alert's entries back and checks each against what was verified. */
function readEntries(slot: SummarySlot, alertId: string, summary: AlertSummary): JournalEntry[] {
  const refuse = (reason: string) => new ReadBackRefused(slot.state.deploymentId, alertId, reason);
  const entries: JournalEntry[] = [];
  for (const place of summaryPlaces(summary)) {
    let text: string;
    try {
      text = slot.journal.readSync(place.start, place.end).toString('utf8');
    } catch (error) {
      // Not a sign of tampering (a failing disk, a journal being reopened): the request fails, nothing is marked.
      throw new Error(`alert ${alertId} cannot be read back from journal ${slot.state.deploymentId} now`, {
        cause: error,
      });
    }
    if (!text.endsWith('\n')) throw refuse(`its line at byte ${place.start} is cut short`);
    const line = text.slice(0, -1);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw refuse(`its line at byte ${place.start} is not JSON`);
    }
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      typeof (parsed as { hash?: unknown }).hash !== 'string'
    )
      throw refuse(`its line at byte ${place.start} has no hash`);
    const record = parsed as Record<string, unknown> & { hash: string };
    let hash: string;
    try {
      hash = lineHash(line, record);
    } catch {
      throw refuse(`its line at byte ${place.start} cannot be hashed`);
    }
    if (hash !== record.hash || !hash.startsWith(place.prefix))
      throw refuse(`its line at byte ${place.start} is not the entry verified when it was read or written`);
    // Its hash is the one verified at open or on writing: the same entry, every member.
    entries.push(
      reviewedCast<JournalEntry>(record, 'the entry verified when the journal was opened or it was written'),
    );
  }
  return entries;
}

/**
 * The summarised alert as the whole journal's fold gives it, read back from its lines:
 * nothing in the slot changes. Throws ReadBackRefused if a line changed on disk.
 */
export function readBack(
  slot: SummarySlot,
  alertId: string,
): { alert: StationAlert; scratch: FoldedDeployment } {
  const summary = slot.state.summaries.get(alertId);
  if (!summary) throw new Error(`alert ${alertId} is not summarised`);
  const entries = readEntries(slot, alertId, summary);
  // The deployment's purged set (read only here): a purged image comes back as url null.
  const scratch = { ...emptyDeployment(slot.state.deploymentId), purged: slot.state.purged };
  for (const entry of entries) applyEntry(scratch, entry);
  const alert = scratch.alerts.get(alertId);
  if (!alert)
    throw new ReadBackRefused(
      slot.state.deploymentId,
      alertId,
      'its alert-received line is not among its lines',
    );
  if (alert.decisions.length > 0) alert.decisions = alert.decisions.slice();
  if (alert.outcomes.length > 0) alert.outcomes = alert.outcomes.slice();
  return { alert, scratch };
}

/**
 * The alert whole, read back and made live again if it was summarised (it stays live for
 * as long as the rules keep it so; summariseCold decides again later). Undefined if the
 * slot holds no such alert. Throws ReadBackRefused if a line changed on disk.
 */
export function promote(slot: SummarySlot, alertId: string): StationAlert | undefined {
  const live = slot.state.alerts.get(alertId);
  if (live) return live;
  const summary = slot.state.summaries.get(alertId);
  if (!summary) return undefined;
  const places = summaryPlaces(summary);
  const content = summaryContentSha256(summary);
  const { alert, scratch } = readBack(slot, alertId);
  const { state } = slot;
  state.summaries.delete(alertId);
  state.alerts.set(alertId, alert);
  for (const key of scratch.answered) state.answered.add(key);
  // The entries' hashes are known by prefix only; the prefix is what a later read-back checks.
  slot.places.set(
    alertId,
    places.map((p) => ({ start: p.start, end: p.end, hash: p.prefix })),
  );
  if (content) slot.contents.rememberSha256(alertId, content);
  return alert;
}

/** Whether the slot holds the alert at all, whole or summarised. */
export const holdsAlert = (state: FoldedDeployment, alertId: string): boolean =>
  state.alerts.has(alertId) || state.summaries.has(alertId);

/** What marking a journal changed on disk needs of the station. */
export interface ReadBackPort {
  readonly tampered: Map<string, string>;
  log(line: string): void;
  schedulePush(): void;
}

/**
 * The alert whole (promote), for a request or a write. A line that changed on disk after
 * open refuses the journal as retention does (the screen's fatal banner names it, nothing
 * more is appended to it) and the error goes on to the caller: nothing read is shown.
 */
export function wholeAlert(
  ctx: ReadBackPort,
  slot: SummarySlot | undefined,
  alertId: string,
): StationAlert | undefined {
  if (!slot) return undefined;
  try {
    return promote(slot, alertId);
  } catch (error) {
    if (error instanceof ReadBackRefused) {
      ctx.tampered.set(error.deploymentId, `${error.message}; read-back refused`);
      ctx.log(`ALARM journal-tampered ${error.deploymentId}: ${error.message}`);
      ctx.schedulePush();
    }
    throw error;
  }
}
