/**
 * The bridge over a loopback WebSocket, for browser mode (no Electron preload).
 * It offers exactly the StationBridge that the preload offers in Electron, so the
 * rest of the renderer cannot tell the two apart. The session cookie set when the
 * page was opened with its token lets the socket connect; the socket is then its own
 * client of the station's session (it signs in, or unlocks, itself).
 */
import { EVENT_NAMES, REQUEST_NAMES, type EventName, type RequestName } from '../../../shared/channels';
import type { EventMap, StationBridge } from '../../../shared/contract';
import type { BridgeFrame } from '../../../shared/ws-frames';
import { screenIntl } from '../i18n/screen-intl';

type Listener = (payload: unknown) => void;
/** The station's bridge frame limit (electron/transport/web-server.ts MAX_FRAME_BYTES). */
const MAX_FRAME_BYTES = 1024 * 1024;
const utf8 = new TextEncoder();

export function createWsBridge(url: string): StationBridge {
  const listeners = new Map<EventName, Set<Listener>>(EVENT_NAMES.map((n) => [n, new Set()]));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const queue: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let retryMs = 250;

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message: MessageEvent<string>) => {
      let frame: BridgeFrame;
      try {
        frame = JSON.parse(message.data) as BridgeFrame;
      } catch {
        return;
      }
      if (frame.type === 'response') {
        const waiter = pending.get(frame.id);
        pending.delete(frame.id);
        waiter?.resolve(frame.result);
      } else if (frame.type === 'event') {
        listeners.get(frame.name)?.forEach((l) => l(frame.payload));
      }
    };
    ws.onclose = () => {
      socket = null;
      // Requests in flight are lost with the socket: fail them rather than hang the UI.
      for (const [id, waiter] of pending) {
        waiter.reject(
          new Error(
            screenIntl().formatMessage({
              id: 'live.bridge.lost',
              defaultMessage: 'connection to the station was lost',
              description: 'Error when a request was in flight as the connection dropped',
            }),
          ),
        );
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  const request = (name: RequestName, payload: unknown) =>
    new Promise<unknown>((resolve, reject) => {
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
  };
  for (const name of REQUEST_NAMES) bridge[name] = (payload: unknown) => request(name, payload);
  return bridge as StationBridge;
}
