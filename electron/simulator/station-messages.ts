/**
 * What the training feed takes from the station: decisions, outcomes and checkpoints.
 * Each is checked against the wire schema and the deployments this feed sent, recorded
 * once (a re-send with the same content is a duplicate, answered `recorded` again; one
 * with other content is refused), and answered. The slow-ack drill loses the first
 * answer for each key and delays the rest, so the station has to resend.
 */
import type { z } from 'zod';
import {
  checkpointMessageSchema,
  decisionMessageSchema,
  describeZodError,
  outcomeMessageSchema,
  type CheckpointMessage,
  type DecisionMessage,
  type OutcomeMessage,
  type ServerAck,
} from '../../shared/feed/schemas';
import { checkCheckpointSignature } from './checkpoint-verify';

export type AckCallback = (answer: ServerAck) => void;

interface MessageCounts {
  decision: number;
  outcome: number;
  checkpoint: number;
}

interface StationMessagesOptions {
  slowAck: boolean;
  slowAckMs: number;
  /** Deployments this feed has sent: messages about any other are refused. */
  knownDeployments: ReadonlySet<string>;
  /** Alerts this feed has sent (a message about another is recorded, and said so in the log). */
  sentAlert: (alertId: string) => boolean;
  decisions: Map<string, DecisionMessage>;
  outcomes: Map<string, OutcomeMessage>;
  checkpoints: CheckpointMessage[];
  duplicates: MessageCounts;
  /** Timers the server clears when it closes. */
  timers: Set<NodeJS.Timeout>;
  log: (line: string) => void;
  recorded: {
    decision: (message: DecisionMessage, info: { duplicate: boolean; stationId: string }) => void;
    outcome: (message: OutcomeMessage, info: { duplicate: boolean }) => void;
    checkpoint: (message: CheckpointMessage, info: { duplicate: boolean }) => void;
  };
  rejected: (info: { event: string; reason: string }) => void;
  /** lfr-feed-v1 claims: why a station may not decide an alert (another holds or decided it), or null. */
  refuseDecision?: (message: DecisionMessage, stationId: string) => string | null;
}

function describeKey(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return 'unreadable';
  const p = payload as { alertId?: unknown; revision?: unknown; seq?: unknown };
  const part = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
  return `${part(p.alertId ?? p.seq)}#${part(p.revision)}`;
}

export class StationMessages {
  private readonly checkpointKeys = new Set<string>();
  private readonly droppedOnce = new Set<string>();

  constructor(private readonly o: StationMessagesOptions) {}

  decision(payload: unknown, ack: AckCallback | undefined, stationId: string): void {
    const parsed = decisionMessageSchema.safeParse(payload);
    const refusal = parsed.success ? this.o.refuseDecision?.(parsed.data, stationId) : null;
    if (parsed.success && refusal) {
      const key = `decision:${parsed.data.alertId}#${parsed.data.revision}`;
      return this.reject('decision', key, ack, refusal);
    }
    this.answerable('decision', payload, ack, decisionMessageSchema, this.o.decisions, (message, info) =>
      this.o.recorded.decision(message, { ...info, stationId }),
    );
  }

  outcome(payload: unknown, ack: AckCallback | undefined): void {
    this.answerable('outcome', payload, ack, outcomeMessageSchema, this.o.outcomes, this.o.recorded.outcome);
  }

  /** A checkpoint must come from the station that connected, and verify with its key. */
  checkpoint(
    station: { stationId: string; stationKey: string },
    payload: unknown,
    ack: AckCallback | undefined,
  ): void {
    const parsed = checkpointMessageSchema.safeParse(payload);
    if (!parsed.success)
      return this.reject(
        'checkpoint',
        `checkpoint:${describeKey(payload)}`,
        ack,
        describeZodError(parsed.error),
      );
    const message = parsed.data;
    const key = `checkpoint:${message.stationId}#${message.deploymentId}#${message.seq}`;
    if (message.stationId !== station.stationId) {
      return this.reject(
        'checkpoint',
        key,
        ack,
        `stationId ${message.stationId} is not the station that connected (${station.stationId})`,
      );
    }
    if (!this.o.knownDeployments.has(message.deploymentId))
      return this.reject('checkpoint', key, ack, `unknown deployment ${message.deploymentId}`);
    const problem = checkCheckpointSignature(message, station.stationKey);
    if (problem) return this.reject('checkpoint', key, ack, problem);
    const duplicate = this.checkpointKeys.has(key);
    if (duplicate) this.o.duplicates.checkpoint += 1;
    else {
      this.checkpointKeys.add(key);
      this.o.checkpoints.push(message);
    }
    this.o.log(`checkpoint seq ${message.seq}: recorded${duplicate ? ' (again)' : ''}, signature verified`);
    this.o.recorded.checkpoint(message, { duplicate });
    this.answer(key, ack, { status: 'recorded' });
  }

  /** The latest checkpoint this feed holds from a station for a deployment (handed back in `deployment`). */
  latestCheckpoint(stationId: string, deploymentId: string): { seq: number; hash: string } | null {
    let latest: CheckpointMessage | null = null;
    for (const c of this.o.checkpoints)
      if (c.stationId === stationId && c.deploymentId === deploymentId && (!latest || c.seq > latest.seq))
        latest = c;
    return latest && { seq: latest.seq, hash: latest.hash };
  }

  private answerable<T extends DecisionMessage | OutcomeMessage>(
    event: 'decision' | 'outcome',
    payload: unknown,
    ack: AckCallback | undefined,
    schema: z.ZodType<T>,
    store: Map<string, T>,
    recorded: (message: T, info: { duplicate: boolean }) => void,
  ): void {
    const parsed = schema.safeParse(payload);
    if (!parsed.success)
      return this.reject(event, `${event}:${describeKey(payload)}`, ack, describeZodError(parsed.error));
    const message = parsed.data;
    const key = `${message.alertId}#${message.revision}`;
    if (!this.o.knownDeployments.has(message.deploymentId))
      return this.reject(event, `${event}:${key}`, ack, `unknown deployment ${message.deploymentId}`);
    const existing = store.get(key);
    if (existing) {
      if (JSON.stringify(existing) !== JSON.stringify(message)) {
        const reason = `revision ${message.revision} of ${message.alertId} is already recorded with different content`;
        return this.reject(event, `${event}:${key}`, ack, reason);
      }
      this.o.duplicates[event] += 1;
      this.o.log(`${event} ${key}: recorded (again)`);
    } else {
      store.set(key, message);
      const known = this.o.sentAlert(message.alertId) ? '' : ' (alert not sent by this feed)';
      this.o.log(`${event} ${key}: recorded${known}`);
    }
    recorded(message, { duplicate: Boolean(existing) });
    this.answer(`${event}:${key}`, ack, { status: 'recorded' });
  }

  private answer(key: string, ack: AckCallback | undefined, value: ServerAck): void {
    if (typeof ack !== 'function') return;
    if (!this.o.slowAck) return ack(value);
    // First answer for each key is lost; later ones come late. The station must resend.
    if (!this.droppedOnce.has(key)) {
      this.droppedOnce.add(key);
      this.o.log(`slow-ack drill: not answering ${key}`);
      return;
    }
    const timer = setTimeout(() => {
      this.o.timers.delete(timer);
      ack(value);
    }, this.o.slowAckMs);
    this.o.timers.add(timer);
  }

  private reject(event: string, key: string, ack: AckCallback | undefined, reason: string): void {
    this.o.log(`${event} rejected: ${reason}`);
    this.o.rejected({ event, reason });
    this.answer(key, ack, { status: 'rejected', reason });
  }
}
