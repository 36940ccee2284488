/** The one way the renderer reaches the station: Electron's preload bridge, or the browser-mode socket. */
import type { StationBridge } from '../../../shared/contract';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    station?: StationBridge;
  }
}

let bridge: StationBridge | null = null;

export function getBridge(): StationBridge {
  if (bridge) return bridge;
  if (window.station) bridge = window.station;
  else {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    bridge = createWsBridge(`${scheme}//${window.location.host}/bridge`);
  }
  return bridge;
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
