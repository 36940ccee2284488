/**
 * Sends what the station owes the feed server (decisions, outcomes, checkpoints)
 * until the server answers. Every item is already in the journal before it gets
 * here, so the outbox itself can be rebuilt after a restart; it keeps nothing the
 * journal does not. `key` (alertId#revision for decisions and outcomes) is the
 * idempotency key: enqueueing it twice sends it once.
 *
 * Order (issue 28): decisions and outcomes go in the order they were made (decidedAt /
 * recordedAt, then journal seq), whatever order they were queued in: after a restart
 * the journal gives them back alert by alert, not decision by decision. Only the latest
 * checkpoint of each journal waits: a newer one replaces any older one not yet answered.
 */
import { serverAckSchema, type ServerAck } from '../../shared/feed/schemas';
import { backoffDelay, type BackoffPolicy } from './feed/backoff';

export type OutboxKind = 'decision' | 'outcome' | 'checkpoint';

export interface OutboxItem {
  kind: OutboxKind;
  key: string;
  payload: unknown;
  queuedAt: string;
}

interface OutboxTransport {
  readonly connected: boolean;
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

interface OutboxOptions {
  ackTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** The server answered; the station journals it. Rejections are final (resending will not help). */
  onAnswer: (item: OutboxItem, answer: ServerAck) => Promise<void>;
  onChange?: () => void;
  log?: (line: string) => void;
}

/** An item waiting for the server's answer, with its retries and timer. */
interface QueuedItem {
  item: OutboxItem;
  attempts: number;
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
}

export class Outbox {
  private readonly slots = new Map<string, QueuedItem>();
  private transport: OutboxTransport | null = null;
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Kept in the order the items were made, so a flush sends them in that order. */
  private insertInOrder(id: string, slot: QueuedItem): void {
    const after = [...this.slots].filter(([, other]) => compareMade(other.item, slot.item) > 0);
    for (const [otherId] of after) this.slots.delete(otherId);
    this.slots.set(id, slot);
    for (const [otherId, other] of after) this.slots.set(otherId, other);
  }

  /** A newer checkpoint of the same journal supersedes the older ones still waiting. */
  private dropOlderCheckpoints(item: OutboxItem): void {
    const journal = checkpointJournal(item);
    if (journal === null) return;
    for (const [id, slot] of this.slots) {
      if (slot.item.kind !== 'checkpoint' || checkpointJournal(slot.item) !== journal) continue;
      if (madeSeq(slot.item) >= madeSeq(item)) continue;
      if (slot.timer) clearTimeout(slot.timer);
      // One in flight finishes (its answer is harmless); it is just not retried.
      this.slots.delete(id);
    }
  }

  attach(transport: OutboxTransport): void {
    this.transport = transport;
  }

  get size(): number {
    return this.slots.size;
  }

  get oldestAt(): string | null {
    let oldest: string | null = null;
    for (const { item } of this.slots.values()) if (!oldest || item.queuedAt < oldest) oldest = item.queuedAt;
    return oldest;
  }

  has(kind: OutboxKind, key: string): boolean {
    return this.slots.has(`${kind}:${key}`);
  }

  enqueue(item: OutboxItem): void {
    const id = `${item.kind}:${item.key}`;
    if (this.slots.has(id) || this.stopped) return;
    if (item.kind === 'checkpoint') {
      const newer = [...this.slots.values()].some(
        (s) =>
          s.item.kind === 'checkpoint' &&
          checkpointJournal(s.item) === checkpointJournal(item) &&
          madeSeq(s.item) > madeSeq(item),
      );
      if (newer) return;
      this.dropOlderCheckpoints(item);
    }
    this.insertInOrder(id, { item, attempts: 0, timer: null, inFlight: false });
    this.options.onChange?.();
    this.trySend(id);
  }

  /** The connection is back: everything waiting goes now rather than at its backoff time. */
  flush(): void {
    for (const [id, slot] of this.slots) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.attempts = 0;
      this.trySend(id);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer);
  }

  private trySend(id: string): void {
    const slot = this.slots.get(id);
    if (!slot || slot.inFlight || slot.timer || this.stopped) return;
    const transport = this.transport;
    if (!transport?.connected) return; // flush() on reconnect picks it up
    slot.inFlight = true;
    transport
      .request(slot.item.kind, slot.item.payload, this.options.ackTimeoutMs ?? 10_000)
      .then(async (raw) => {
        const answer = serverAckSchema.safeParse(raw);
        if (!answer.success) throw new Error(`unreadable answer ${JSON.stringify(raw)?.slice(0, 100)}`);
        await this.options.onAnswer(slot.item, answer.data);
        if (this.slots.get(id) === slot) this.slots.delete(id);
        this.options.onChange?.();
      })
      .catch((error: unknown) => {
        slot.inFlight = false;
        if (this.stopped || this.slots.get(id) !== slot) return;
        const delay = backoffDelay(slot.attempts++, this.options.backoff ?? { baseMs: 1000, maxMs: 30_000 });
        this.options.log?.(
          `outbox: ${id} not answered (${error instanceof Error ? error.message : String(error)}); retry in ${delay} ms`,
        );
        slot.timer = setTimeout(() => {
          slot.timer = null;
          this.trySend(id);
        }, delay);
      })
      .finally(() => {
        slot.inFlight = false;
      });
  }
}

type Made = { payload: unknown };
const field = (item: Made, name: string): unknown =>
  item.payload && typeof item.payload === 'object'
    ? (item.payload as Record<string, unknown>)[name]
    : undefined;

/** When an item was made: a decision's decidedAt, an outcome's recordedAt (a checkpoint sorts last). */
function madeAt(item: OutboxItem): string {
  const at = item.kind === 'decision' ? field(item, 'decidedAt') : field(item, 'recordedAt');
  return typeof at === 'string' ? at : '\uffff';
}

/** The journal seq of the entry behind an item, where its message names it. */
function madeSeq(item: OutboxItem): number {
  const seq =
    item.kind === 'checkpoint' ? field(item, 'seq') : (field(item, 'journal') as { seq?: unknown })?.seq;
  return typeof seq === 'number' ? seq : Number.MAX_SAFE_INTEGER;
}

function checkpointJournal(item: OutboxItem): string | null {
  const id = field(item, 'deploymentId');
  return item.kind === 'checkpoint' && typeof id === 'string' ? id : null;
}

/** Negative when `a` was made before `b`. */
function compareMade(a: OutboxItem, b: OutboxItem): number {
  const at = Date.parse(madeAt(a)) - Date.parse(madeAt(b));
  if (Number.isFinite(at) && at !== 0) return at;
  if (madeAt(a) !== madeAt(b)) return madeAt(a) < madeAt(b) ? -1 : 1;
  return madeSeq(a) - madeSeq(b);
}
