/**
 * Browser mode's bridge connections. Cookies are not bound to a port, so any listener on
 * another 127.0.0.1 port would be sent one: nothing here is a cookie. A socket proves itself
 * with its first frame, a hello holding the station's per-run token (which only the
 * station's own page holds, in sessionStorage); until then it is read for nothing else and
 * sent nothing. An accepted socket is its own client of the session, and is given a
 * connection key that its page's HTTP requests carry (faces, uploads, exports), so those
 * act as this client and no other. A tab back from a same-tab single sign-on names, once,
 * the client its sign-in was given to, by a one-time code from the URL fragment.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { WebSocket } from 'ws';
import { EVENT_NAMES } from '../../shared/contract';
import { forDisplay } from '../../shared/display-text';
import { CLOSE_NOT_AUTHORISED, type BridgeFrame, type HelloFrame } from '../../shared/ws-frames';
import type { StationCore } from '../core/station-core';
import type { ClientId } from '../core/station/session';

/** How long a new socket has to say hello (the page sends it as the socket opens). */
const HELLO_WAIT_MS = 5000;
/** How long the tab back from a same-tab sign-on has to connect and take the session up. */
const HANDOFF_MS = 120_000;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

type Core = Pick<StationCore, 'dispatch' | 'onEvent' | 'clientGone'>;

export function bridgeSockets(opts: { core: Core; token: string; log: (line: string) => void }) {
  const { core, token, log } = opts;
  /** Accepted sockets, each its own client, and the key its page's HTTP requests carry. */
  const clients = new Map<WebSocket, { client: ClientId; key: string }>();
  const byKey = new Map<string, ClientId>();
  /** One-time codes for tabs coming back from a same-tab sign-on: code → client and expiry. */
  const handoffs = new Map<string, { client: ClientId; until: number }>();

  const send = (ws: WebSocket, frame: BridgeFrame | { type: 'welcome'; key: string }) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  /** A client for a same-tab sign-on to be given to, and the code its returning tab redeems. */
  const newHandoff = (): { client: ClientId; code: string } => {
    const now = Date.now();
    for (const [code, h] of handoffs) if (h.until < now) handoffs.delete(code);
    const client: ClientId = `ws:${secret(18)}`;
    const code = secret(24);
    handoffs.set(code, { client, until: now + HANDOFF_MS });
    return { client, code };
  };
  const redeem = (code: unknown): ClientId | null => {
    if (typeof code !== 'string') return null;
    const h = handoffs.get(code);
    if (!h) return null;
    handoffs.delete(code);
    return h.until >= Date.now() ? h.client : null;
  };

  const accept = (ws: WebSocket, hello: HelloFrame) => {
    const client: ClientId = redeem(hello.handoff) ?? `ws:${secret(9)}`;
    const key = secret(24);
    clients.set(ws, { client, key });
    byKey.set(key, client);
    // The key first, so the page can address faces before the snapshot naming them arrives.
    send(ws, { type: 'welcome', key });
    // Each connection is sent what its client may see (the core shapes it per client).
    const offs = EVENT_NAMES.map((name) =>
      core.onEvent(
        name,
        (payload) => send(ws, { type: 'event', name, payload: forDisplay(payload) }),
        client,
      ),
    );
    ws.on('close', () => {
      clients.delete(ws);
      byKey.delete(key);
      for (const off of offs) off();
      core.clientGone(client);
    });
    return client;
  };

  const parse = (raw: Buffer, isBinary: boolean) => {
    try {
      if (isBinary) throw new Error('binary frame');
      return JSON.parse(raw.toString('utf8')) as Record<string, unknown> | null;
    } catch {
      log('web: dropped an unreadable bridge frame');
      return null;
    }
  };

  const handleRequest = async (ws: WebSocket, client: ClientId, frame: Record<string, unknown> | null) => {
    if (frame?.type !== 'request' || typeof frame.id !== 'number' || typeof frame.name !== 'string') return;
    // Parsed, checked against the session and answered (or refused) in one place, as over IPC.
    send(ws, {
      type: 'response',
      id: frame.id,
      result: await core.dispatch(client, frame.name, frame.payload),
    });
  };

  /** A socket that passed the Host, Origin and path checks: it must now say hello. */
  const connected = (ws: WebSocket) => {
    // An oversized or malformed frame: ws closes this socket (1009/1002) and reports it here; the station goes on.
    ws.on('error', (error) => log(`web: bridge connection closed: ${String(error).slice(0, 200)}`));
    let client: ClientId | null = null;
    const refuse = (why: string) => {
      log(`web: bridge connection refused: ${why}`);
      ws.close(CLOSE_NOT_AUTHORISED, 'this page does not hold the station’s session token');
    };
    const waiting = setTimeout(() => refuse('no hello'), HELLO_WAIT_MS);
    ws.on('close', () => clearTimeout(waiting));
    ws.on('message', (raw: Buffer, isBinary) => {
      const frame = parse(raw, isBinary);
      if (client) return void handleRequest(ws, client, frame);
      if (ws.readyState !== ws.OPEN) return; // refused already: nothing more is read
      clearTimeout(waiting);
      const hello = frame as Partial<HelloFrame> | null;
      if (hello?.type !== 'hello' || typeof hello.token !== 'string' || !sameSecret(hello.token, token))
        return refuse('no token or a wrong one');
      client = accept(ws, hello as HelloFrame);
    });
  };

  return {
    connected,
    newHandoff,
    /** The client whose page holds this connection key, or null (unknown, or its socket closed). */
    clientOfKey: (key: string | null | undefined): ClientId | null =>
      typeof key === 'string' && key.length > 0 ? (byKey.get(key) ?? null) : null,
    clients: () => [...clients.values()].map((c) => c.client),
    sockets: () => [...clients.keys()],
  };
}
