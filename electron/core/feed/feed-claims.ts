/**
 * The station's side of lfr-feed-v1 "Shared deployments: claims", server to station:
 * alert-claimed, alert-released, alert-settled (acknowledged), alert-escalated, seats.
 * Each payload is validated with the shared schemas; a malformed one is handed to
 * `refused` (the station journals and survives it) and never to the handlers.
 */
import type { z } from 'zod';
import {
  alertClaimedSchema,
  alertEscalatedSchema,
  alertReleasedSchema,
  alertSettledSchema,
  claimAnswerSchema,
  seatsSchema,
  type AlertClaimed,
  type AlertEscalated,
  type AlertReleased,
  type AlertSettled,
  type ClaimAnswer,
  type Seats,
} from '../../../shared/feed/claims';
import { describeZodError, type StationAck } from '../../../shared/feed/schemas';

export interface ClaimEventHandlers {
  claimed(message: AlertClaimed): void;
  released(message: AlertReleased): void;
  settled(message: AlertSettled): Promise<StationAck>;
  escalated(message: AlertEscalated): void;
  seats(message: Seats): void;
  refused(event: string, reason: string): void;
}

interface ClaimEventSource {
  listen(event: string, handler: (payload: unknown, ack?: unknown) => void): void;
}

export function attachClaimEvents(feed: ClaimEventSource, h: ClaimEventHandlers): void {
  const plain = <T>(event: string, schema: z.ZodType<T>, handle: (m: T) => void) =>
    feed.listen(event, (payload) => {
      const parsed = schema.safeParse(payload);
      if (parsed.success) handle(parsed.data);
      else h.refused(event, describeZodError(parsed.error));
    });
  plain('alert-claimed', alertClaimedSchema, (m) => h.claimed(m));
  plain('alert-released', alertReleasedSchema, (m) => h.released(m));
  plain('alert-escalated', alertEscalatedSchema, (m) => h.escalated(m));
  plain('seats', seatsSchema, (m) => h.seats(m));
  feed.listen('alert-settled', (payload, ack) => {
    const answer = (value: StationAck) => {
      if (typeof ack === 'function') (ack as (a: unknown) => void)(value);
    };
    const parsed = alertSettledSchema.safeParse(payload);
    if (!parsed.success) {
      const reason = describeZodError(parsed.error);
      h.refused('alert-settled', reason);
      return answer({ status: 'rejected', reason });
    }
    h.settled(parsed.data).then(answer, (e: unknown) =>
      answer({ status: 'rejected', reason: `not stored: ${String(e)}` }),
    );
  });
}

/** A server's answer to `claim`, or a rejection that says why it could not be read. */
export function readClaimAnswer(answer: unknown): ClaimAnswer {
  const parsed = claimAnswerSchema.safeParse(answer);
  return parsed.success
    ? parsed.data
    : { status: 'rejected', reason: `unreadable answer from the feed (${describeZodError(parsed.error)})` };
}
