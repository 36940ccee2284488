/**
 * Sends what the station owes the feed server (decisions, outcomes, checkpoints)
 * until the server answers. Every item is already in the journal before it gets
 * here, so the outbox itself can be rebuilt after a restart; it keeps nothing the
 * journal does not. `key` (alertId#revision for decisions and outcomes) is the
 * idempotency key: enqueueing it twice sends it once.
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

export interface OutboxTransport {
  readonly connected: boolean;
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
}

export interface OutboxOptions {
  ackTimeoutMs?: number;
  backoff?: BackoffPolicy;
  /** The server answered; the station journals it. Rejections are final (resending will not help). */
  onAnswer: (item: OutboxItem, answer: ServerAck) => Promise<void>;
  onChange?: () => void;
  log?: (line: string) => void;
}

interface Slot {
  item: OutboxItem;
  attempts: number;
  timer: NodeJS.Timeout | null;
  inFlight: boolean;
}

export class Outbox {
  private readonly slots = new Map<string, Slot>();
  private transport: OutboxTransport | null = null;
  private stopped = false;

  constructor(private readonly options: OutboxOptions) {}

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
    this.slots.set(id, { item, attempts: 0, timer: null, inFlight: false });
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
        this.slots.delete(id);
        this.options.onChange?.();
      })
      .catch((error: unknown) => {
        slot.inFlight = false;
        if (this.stopped) return;
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
