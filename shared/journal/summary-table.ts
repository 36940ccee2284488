/**
 * The summaries of one deployment's decided and withdrawn alerts (issue 25.5), by alertId,
 * with the Map methods the station uses on them. Each summary's bytes are copied into a few
 * large chunks (an arena) and the table maps the alertId to a number, where it is: no object
 * and no Buffer per summary. At 100,000 summaries those were about 13 MiB of the heap (a
 * Buffer object of 92 bytes and a summary object each) and 100,000 small objects for the
 * collector to trace; the chunks are outside the heap and hold only the bytes.
 *
 * A summary read (get, values, entries) is a fresh object whose `packed` views the chunk
 * it was in. A summary replaced or deleted leaves its bytes in the chunk unused; when the
 * unused bytes outgrow the used ones the live summaries are copied to new chunks (compact).
 * A view taken before that keeps its old chunk alive and still reads the same bytes: the
 * bytes of a summary never change once written.
 */
import { TIERS, type Tier } from '../vocabulary';

/**
 * What the station keeps of a decided or withdrawn alert that is not live: what counts,
 * intake and retention need without reading the journal. `packed` holds, as bytes, the
 * content hash of its alert-received data, the SHA-256 of its images, and where its
 * entries are in the journal file with a prefix of each entry's hash
 * (electron/core/station/summaries.ts).
 */
export interface AlertSummary {
  status: 'decided' | 'withdrawn';
  tier: Tier;
  /** Its last decision is engage and it has no outcome: counted in the open work a handover reports. */
  outcomeAwaited: boolean;
  packed: Uint8Array;
}

const STATUSES = ['decided', 'withdrawn'] as const;
const OUTCOME_AWAITED = 0x40;
/** Each record: the length of packed (u32 LE), status, outcome awaited and tier (one byte), then packed. */
const HEADER = 5;
/** The first chunk is small (a deployment with few summaries pays little); each next one doubles, up to MAX_CHUNK. */
const FIRST_CHUNK = 1 << 14;
const MAX_CHUNK = 1 << 20;
/** Where = chunk index × SLOT + offset in the chunk: a small integer while there are under 2,048 chunks. */
const SLOT = MAX_CHUNK;

export class SummaryTable {
  private readonly where = new Map<string, number>();
  private chunks: Uint8Array[] = [];
  /** Bytes written in the last chunk. */
  private filled = 0;
  /** Bytes of records still in the table, and of records replaced or deleted (unused until compact). */
  private liveBytes = 0;
  private deadBytes = 0;
  /** How many summaries say an outcome is awaited, kept as they change: a handover asks without a walk. */
  private awaited = 0;

  get size(): number {
    return this.where.size;
  }

  /** Summaries whose engagement awaits its outcome (AlertSummary.outcomeAwaited). */
  get outcomesAwaited(): number {
    return this.awaited;
  }

  has(alertId: string): boolean {
    return this.where.has(alertId);
  }

  get(alertId: string): AlertSummary | undefined {
    const at = this.where.get(alertId);
    return at === undefined ? undefined : this.read(at);
  }

  /** Copies the summary's bytes in: the caller may reuse its `packed`. */
  set(alertId: string, summary: AlertSummary): this {
    const before = this.where.get(alertId);
    if (before !== undefined) this.forget(before);
    this.where.set(alertId, this.write(summary.packed, statusTier(summary)));
    if (summary.outcomeAwaited) this.awaited += 1;
    this.compactIfSparse();
    return this;
  }

  delete(alertId: string): boolean {
    const at = this.where.get(alertId);
    if (at === undefined) return false;
    this.where.delete(alertId);
    this.forget(at);
    this.compactIfSparse();
    return true;
  }

  keys(): IterableIterator<string> {
    return this.where.keys();
  }

  *values(): IterableIterator<AlertSummary> {
    for (const at of this.where.values()) yield this.read(at);
  }

  *entries(): IterableIterator<[string, AlertSummary]> {
    for (const [alertId, at] of this.where) yield [alertId, this.read(at)];
  }

  [Symbol.iterator](): IterableIterator<[string, AlertSummary]> {
    return this.entries();
  }

  /** Bytes the chunks take, used or not (tests and the memory bench). */
  get chunkBytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.byteLength;
    return n;
  }

  private chunkOf(at: number): Uint8Array {
    const chunk = this.chunks[Math.floor(at / SLOT)];
    if (!chunk) throw new Error(`summary table: no chunk for ${at}`);
    return chunk;
  }

  private read(at: number): AlertSummary {
    const chunk = this.chunkOf(at);
    const offset = at % SLOT;
    const length = readU32(chunk, offset);
    const code = chunk[offset + 4] ?? 0;
    const status = STATUSES[(code >> 4) & 0x03];
    const tier = TIERS[code & 0x0f];
    if (!status || !tier) throw new Error(`summary table: no summary at ${at}`);
    const packed = chunk.subarray(offset + HEADER, offset + HEADER + length);
    return { status, tier, outcomeAwaited: (code & OUTCOME_AWAITED) !== 0, packed };
  }

  private write(packed: Uint8Array, code: number): number {
    const bytes = HEADER + packed.length;
    let chunk = this.chunks.at(-1);
    if (!chunk || this.filled + bytes > chunk.length) {
      const grown = chunk ? Math.min(MAX_CHUNK, chunk.length * 2) : FIRST_CHUNK;
      // A record larger than a chunk has one of its own.
      chunk = new Uint8Array(Math.max(grown, bytes));
      this.chunks.push(chunk);
      this.filled = 0;
    }
    const offset = this.filled;
    writeU32(chunk, offset, packed.length);
    chunk[offset + 4] = code;
    chunk.set(packed, offset + HEADER);
    this.filled += bytes;
    this.liveBytes += bytes;
    return (this.chunks.length - 1) * SLOT + offset;
  }

  private forget(at: number): void {
    const chunk = this.chunkOf(at);
    if (((chunk[(at % SLOT) + 4] ?? 0) & OUTCOME_AWAITED) !== 0) this.awaited -= 1;
    const bytes = HEADER + readU32(chunk, at % SLOT);
    this.liveBytes -= bytes;
    this.deadBytes += bytes;
  }

  /** Copies the live records to new chunks once the unused bytes outgrow them (and a first chunk). */
  private compactIfSparse(): void {
    if (this.deadBytes < FIRST_CHUNK || this.deadBytes <= this.liveBytes) return;
    const old = this.chunks;
    this.chunks = [];
    this.filled = 0;
    this.liveBytes = 0;
    this.deadBytes = 0;
    for (const [alertId, at] of this.where) {
      const chunk = old[Math.floor(at / SLOT)];
      if (!chunk) throw new Error(`summary table: no chunk for ${at}`);
      const offset = at % SLOT;
      const length = readU32(chunk, offset);
      const packed = chunk.subarray(offset + HEADER, offset + HEADER + length);
      // Setting a key already in a Map keeps its place: the table's order is unchanged.
      this.where.set(alertId, this.write(packed, chunk[offset + 4] ?? 0));
    }
  }
}

function statusTier(summary: AlertSummary): number {
  const status = STATUSES.indexOf(summary.status);
  const tier = TIERS.indexOf(summary.tier);
  if (status < 0 || tier < 0) throw new Error(`no summary code for ${summary.status} ${summary.tier}`);
  return (status << 4) | tier | (summary.outcomeAwaited ? OUTCOME_AWAITED : 0);
}

const readU32 = (b: Uint8Array, at: number) =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 2 ** 24;

function writeU32(b: Uint8Array, at: number, n: number): void {
  b[at] = n & 0xff;
  b[at + 1] = (n >>> 8) & 0xff;
  b[at + 2] = (n >>> 16) & 0xff;
  b[at + 3] = (n >>> 24) & 0xff;
}
