/** The one way the renderer reaches the station: Electron's preload bridge, or the browser-mode socket. */
import type { StationBridge } from '../../../shared/contract';
import { CONNECTION_KEY_HEADER, IMAGE_KEY_PARAM } from '../../../shared/ws-frames';
import { takePageSecrets } from './page-secret';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    station?: StationBridge;
  }
}

let bridge: StationBridge | null = null;
/** Browser mode: the key the station gave this page's socket (null in Electron and tests). */
let connectionKey: () => string | null = () => null;

export function getBridge(): StationBridge {
  if (bridge) return bridge;
  if (window.station) bridge = window.station;
  else {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = createWsBridge(`${scheme}//${window.location.host}/bridge`, takePageSecrets());
    bridge = ws.bridge;
    connectionKey = ws.connectionKey;
  }
  return bridge;
}

/**
 * A face's address as this page may load it. Browser mode adds the connection key (no
 * cookie carries the session); the station serves the face only to the page whose socket
 * holds the unlocked session. Electron's app:// protocol needs nothing added.
 */
export function imageSrc(url: string): string {
  const key = connectionKey();
  return key ? `${url}${url.includes('?') ? '&' : '?'}${IMAGE_KEY_PARAM}=${encodeURIComponent(key)}` : url;
}

/** Headers that make a browser-mode upload or export act as this page's own client. */
export function connectionHeaders(): Record<string, string> {
  const key = connectionKey();
  return key ? { [CONNECTION_KEY_HEADER]: key } : {};
}

/**
 * Electron (a preload bridge: main asks for files with its own dialogs) or browser mode
 * (files are uploaded from the page). The renderer never names a path on the station.
 */
export function bridgeKind(): 'electron' | 'browser' {
  return window.station ? 'electron' : 'browser';
}

/** Tests inject a fake bridge. */
export function setBridgeForTests(fake: StationBridge | null): void {
  bridge = fake;
}
