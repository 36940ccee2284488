/** Frames of the browser-mode bridge socket: the bridge contract carried over a WebSocket. */
import type { EventName } from './contract';

export type BridgeFrame =
  | { type: 'request'; id: number; name: string; payload: unknown }
  | { type: 'response'; id: number; result: unknown }
  | { type: 'event'; name: EventName; payload: unknown };

/**
 * The page's first frame on a new socket: the station's per-run token, which only the
 * page holds (sessionStorage, never a cookie), and, once after a same-tab single sign-on,
 * the one-time handoff code the callback put in the URL fragment. Nothing else is read
 * from a socket before this is accepted.
 */
export interface HelloFrame {
  type: 'hello';
  token: string;
  handoff?: string;
}

/**
 * The station's answer to an accepted hello: this connection's key, which the page sends
 * with each of its HTTP requests (faces as `?k=`, uploads and exports as a header) so they
 * act as this connection's client and no other.
 */
export interface WelcomeFrame {
  type: 'welcome';
  key: string;
}

/** Close code when the hello is missing, late or wrong (4000-4999: the application's own). */
export const CLOSE_NOT_AUTHORISED = 4401;
/** The header that carries the connection key on uploads and exports. */
export const CONNECTION_KEY_HEADER = 'x-station-key';
/** The query parameter that carries the connection key on a face's URL. */
export const IMAGE_KEY_PARAM = 'k';
