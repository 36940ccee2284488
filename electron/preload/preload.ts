/**
 * The preload bridge: `window.station`, one named function per request and two
 * event subscriptions. The renderer never gets ipcRenderer or an IPC event object,
 * only the payloads. Runs sandboxed, bundled to one file (build/scripts/build-main.mjs);
 * it imports channel names from shared/channels so zod stays out of the bundle.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  REQUEST_NAMES,
  eventChannel,
  requestChannel,
  type EventName,
  type RequestName,
} from '../../shared/channels';
import type { EventMap, StationBridge } from '../../shared/contract';

function subscribe<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): () => void {
  const channel = eventChannel(name);
  const handler = (_event: IpcRendererEvent, payload: EventMap[E]) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

function buildBridge(): StationBridge {
  // Every request by name; main's pipeline parses and answers each (a refusal is { ok: false, error }).
  const requests: Partial<Record<RequestName, unknown>> = {};
  for (const name of REQUEST_NAMES)
    requests[name] = (payload: unknown) => ipcRenderer.invoke(requestChannel(name), payload);
  return {
    ...(requests as Omit<
      StationBridge,
      'onChange' | 'onClock' | 'onReplayProgress' | 'onViewerFollow' | 'onFacesAhead'
    >),
    onChange: (listener) => subscribe('change', listener),
    onClock: (listener) => subscribe('clock', listener),
    onReplayProgress: (listener) => subscribe('replayProgress', listener),
    onViewerFollow: (listener) => subscribe('viewerFollow', listener),
    onFacesAhead: (listener) => subscribe('facesAhead', listener),
  };
}

contextBridge.exposeInMainWorld('station', buildBridge());
