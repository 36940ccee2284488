/**
 * The bridge over a loopback WebSocket, for browser mode (no Electron preload).
 * It offers exactly the StationBridge that the preload offers in Electron, so the
 * rest of the renderer cannot tell the two apart. Each socket's first frame is a hello
 * with the token this page holds (page-secret.ts; never a cookie); the station answers
 * with this connection's key, which the page's faces, uploads and exports carry. The
 * socket is its own client of the station's session (it signs in, or unlocks, itself).
 */
import { EVENT_NAMES, REQUEST_NAMES, type EventName, type RequestName } from '../../../shared/channels';
import type { EventMap, StationBridge } from '../../../shared/contract';
import { CLOSE_NOT_AUTHORISED, type BridgeFrame, type WelcomeFrame } from '../../../shared/ws-frames';
import type { PageSecrets } from './page-secret';
import { screenIntl } from '../i18n/screen-intl';

type Listener = (payload: unknown) => void;
/** The station's bridge frame limit (electron/transport/web-server.ts MAX_FRAME_BYTES). */
const MAX_FRAME_BYTES = 1024 * 1024;
const utf8 = new TextEncoder();

/** Said when the station refuses this page's socket: it was not opened from the station's own address. */
/** Why a page without the station's token gets nothing (English; shown in the screen's language). */
const notAuthorisedText = () =>
  screenIntl().formatMessage({
    id: 'live.bridge.not-authorised',
    defaultMessage:
      'This page does not hold the station’s session token. Open the address the station printed when it started.',
    description: 'A page opened without the station’s per-run token (browser mode)',
  });

/** The bridge, and the key of its current connection (null until the station has accepted it). */
interface WsBridge {
  bridge: StationBridge;
  connectionKey: () => string | null;
}

export function createWsBridge(url: string, secrets: PageSecrets): WsBridge {
  const listeners = new Map<EventName, Set<Listener>>(EVENT_NAMES.map((n) => [n, new Set()]));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;
  let key: string | null = null;
  /** Set when the station refused the token: no reconnecting, every request answered with this. */
  let refused: string | null = secrets.token ? null : notAuthorisedText();
  // Used once: a handoff code names the sign-in made for this tab only on its first socket.
  let handoff = secrets.handoff;

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      ws.send(JSON.stringify({ type: 'hello', token: secrets.token ?? '', ...(handoff ? { handoff } : {}) }));
      handoff = null;
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message: MessageEvent<string>) => {
      let frame: BridgeFrame | WelcomeFrame;
      try {
        frame = JSON.parse(message.data) as BridgeFrame | WelcomeFrame;
      } catch {
        return;
      }
      if (frame.type === 'welcome') key = frame.key;
      else if (frame.type === 'response') {
        const waiter = pending.get(frame.id);
        pending.delete(frame.id);
        waiter?.resolve(frame.result);
      } else if (frame.type === 'event') {
        listeners.get(frame.name)?.forEach((l) => l(frame.payload));
      }
    };
    ws.onclose = (event: CloseEvent) => {
      socket = null;
      key = null;
      if (event.code === CLOSE_NOT_AUTHORISED) refused = notAuthorisedText();
      // Requests in flight are lost with the socket: fail them rather than hang the UI.
      for (const [id, waiter] of pending) {
        waiter.reject(
          new Error(
            refused ??
              screenIntl().formatMessage({
                id: 'live.bridge.lost',
                defaultMessage: 'connection to the station was lost',
                description: 'Error when a request was in flight as the connection dropped',
              }),
          ),
        );
        pending.delete(id);
      }
      if (refused) return;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  if (!refused) connect();

  const request = (name: RequestName, payload: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      if (refused) return reject(new Error(refused));
      const id = nextId++;
      const frame = JSON.stringify({ type: 'request', id, name, payload } satisfies BridgeFrame);
      // The station closes a connection that sends a frame over its limit: refuse here, with a reason to show.
      if (frame.length > MAX_FRAME_BYTES / 3 && utf8.encode(frame).length > MAX_FRAME_BYTES)
        return resolve({
          ok: false,
          error: screenIntl().formatMessage({
            id: 'live.bridge.too-long',
            defaultMessage: 'this is too long to send to the station (the limit is 1 MiB)',
            description: 'Error when a request is over the size limit (e.g. a very long note)',
          }),
        });
      pending.set(id, { resolve, reject });
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(frame);
      else queue.push(frame);
    });

  const subscribe = <E extends EventName>(name: E, listener: (payload: EventMap[E]) => void) => {
    const set = listeners.get(name)!;
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  };

  const bridge: Record<string, unknown> = {
    onChange: (l: (p: EventMap['change']) => void) => subscribe('change', l),
    onClock: (l: (p: EventMap['clock']) => void) => subscribe('clock', l),
    onReplayProgress: (l: (p: EventMap['replayProgress']) => void) => subscribe('replayProgress', l),
    onViewerFollow: (l: (p: EventMap['viewerFollow']) => void) => subscribe('viewerFollow', l),
    onFacesAhead: (l: (p: EventMap['facesAhead']) => void) => subscribe('facesAhead', l),
  };
  for (const name of REQUEST_NAMES) bridge[name] = (payload: unknown) => request(name, payload);
  return { bridge: bridge as StationBridge, connectionKey: () => key };
}
