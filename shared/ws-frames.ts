/** Frames of the browser-mode bridge socket: the bridge contract carried over a WebSocket. */
import type { EventName } from './contract';

export type BridgeFrame =
  | { type: 'request'; id: number; name: string; payload: unknown }
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; name: EventName; payload: unknown };
