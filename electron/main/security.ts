/**
 * The Electron security posture in one place, as plain functions over the objects
 * Electron hands us, so every rule can be tested without an Electron binary.
 * The renderer is treated as untrusted: it gets no Node, no navigation away from the
 * app, no new windows, no permissions and no remote code or connections.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { isAppUrl } from '../transport/page-policy';

export function webPreferencesFor(preloadPath: string, opts: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: opts.devTools ?? true,
  };
}

type PreventableUrlEvent = { url: string; preventDefault(): void };

/** will-navigate / will-redirect: the page may only move within the app itself. */
export function denyNavigation(event: PreventableUrlEvent, url: string = event.url): void {
  if (!isAppUrl(url)) event.preventDefault();
}

export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The station needs no camera, microphone, notifications, geolocation or anything else. */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

type HardenableWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function hardenWebContents(webContents: HardenableWebContents): void {
  webContents.on('will-navigate', (event) => denyNavigation(event));
  webContents.on('will-frame-navigate', (event) => denyNavigation(event));
  webContents.on('will-redirect', (event) => denyNavigation(event));
  // webviewTag is off, but refuse any attempt outright rather than rely on one switch.
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  webContents.setWindowOpenHandler(denyWindowOpen);
}

/**
 * Schemes that reach the network or the disk. The renderer needs none of them (the feed,
 * images and journal are all handled in main), so they are refused below the CSP too,
 * in case it is ever loosened by mistake. Decided per URL rather than by a webRequest
 * filter pattern, whose wildcard-scheme rules are easy to get wrong.
 */
const BLOCKED_REQUEST_SCHEMES: readonly string[] = ['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:'];

function denyNetworkRequest(
  details: { url: string },
  callback: (response: { cancel: boolean }) => void,
): void {
  let protocol: string;
  try {
    protocol = new URL(details.url).protocol;
  } catch {
    return callback({ cancel: true });
  }
  callback({ cancel: BLOCKED_REQUEST_SCHEMES.includes(protocol) });
}

type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

export function hardenSession(session: HardenableSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  // USB/HID/serial device access is a separate gate from permissions.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest(denyNetworkRequest);
}
