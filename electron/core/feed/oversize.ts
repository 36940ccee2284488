/**
 * lfr-feed-v1: "A server never sends a message larger than 32 MiB; a station that
 * receives one closes the connection, records what it saw (event, size, time) and tells
 * the officer that intake is blocked by it."
 *
 * The station's WebSocket frame limit (`ws` maxPayload) sits above the spec's largest
 * legal message, so nothing legal is ever refused. A frame over it makes `ws` close the
 * connection (1009) and raise an error; this module turns that error into what was seen:
 * the event (read from the Socket.IO packet header that precedes a binary attachment),
 * the frame's declared size, and when.
 */
import type { Manager } from 'socket.io-client';

/** The spec's largest legal message. */
const SPEC_MESSAGE_BYTES = 32 * 1024 * 1024;
/** The station's frame limit: above the legal maximum, far below what would exhaust memory. */
export const STATION_FRAME_LIMIT = 40 * 1024 * 1024;

export interface OversizeSeen {
  /** The Socket.IO event the frame belonged to ("alert"), or null when it could not be told. */
  event: string | null;
  /** The frame's declared length in bytes, or null when `ws` did not say. */
  bytes: number | null;
  limit: number;
  at: string;
}

/** "alert", from a Socket.IO binary event header such as `51-/lfr/v1,12["alert",{...}]`. */
export function binaryEventOf(text: string): { event: string; attachments: number } | null {
  const match = /^[56](\d+)-(?:\/[^,]*,)?\d*\["([^"\\]{1,64})"/.exec(text);
  return match ? { event: match[2]!, attachments: Number(match[1]) } : null;
}

const MESSAGE_TOO_BIG = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';

interface WsErrorEvent {
  error?: { code?: unknown };
  target?: { _receiver?: { _payloadLength?: unknown } };
}

/** Whether a transport error is `ws` refusing an oversized frame; its declared size if known. */
function oversizeOf(error: unknown): { bytes: number | null } | null {
  const description = (error as { description?: WsErrorEvent } | null)?.description;
  if (description?.error?.code !== MESSAGE_TOO_BIG) return null;
  // ws keeps the declared length of the frame it refused (ws 8, pinned); only read, never relied on.
  const length = description.target?._receiver?._payloadLength;
  return { bytes: typeof length === 'number' && Number.isFinite(length) ? length : null };
}

/**
 * Watches a Socket.IO manager's connections for oversized frames. Each new engine (one
 * per connection) is followed: text packets that announce binary attachments are noted,
 * so a refused attachment can be named by its event.
 */
export function watchOversize(
  manager: Manager,
  limit: number,
  seen: (info: OversizeSeen) => void,
  now: () => number = Date.now,
): void {
  let pending: { event: string; attachments: number } | null = null;
  manager.on('open', () => {
    pending = null;
    manager.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message') return;
      if (typeof packet.data === 'string') pending = binaryEventOf(packet.data);
      else if (pending && --pending.attachments <= 0) pending = null;
    });
  });
  manager.on('error', (error: unknown) => {
    const oversize = oversizeOf(error);
    if (!oversize) return;
    seen({ event: pending?.event ?? null, bytes: oversize.bytes, limit, at: new Date(now()).toISOString() });
    pending = null;
  });
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** What the officer and the journal are told, in words. */
export function describeOversize(info: OversizeSeen): string {
  const what = info.event ? `a "${info.event}" message` : 'a message';
  const size =
    info.bytes === null ? `over ${mib(info.limit)}` : `of ${mib(info.bytes)} (${info.bytes} bytes)`;
  return (
    `Intake blocked by an oversized message: the feed sent ${what} ${size} at ${info.at}, ` +
    `over this station's ${mib(info.limit)} limit (lfr-feed-v1 allows at most ${mib(SPEC_MESSAGE_BYTES)}). ` +
    'The connection was closed; the station reconnects with backoff and takes later alerts once the feed stops sending it.'
  );
}
