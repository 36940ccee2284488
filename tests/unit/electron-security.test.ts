import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isAppUrl,
} from '../../electron/transport/page-policy';
import {
  denyNavigation,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  hardenSession,
  hardenWebContents,
  webPreferencesFor,
} from '../../electron/main/security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('webPreferencesFor', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const prefs = webPreferencesFor('/app/dist/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('turns devtools off when asked (packaged builds)', () => {
    expect(webPreferencesFor('/p.cjs', { devTools: false }).devTools).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows nothing inline, nothing evaluated and nothing remote', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('adds extra connect-src origins for browser mode and nowhere else', () => {
    const browser = directives(contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:4000'] }));
    expect(browser.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4000']);
    expect(browser.get('script-src')).toEqual(["'self'"]);
  });
});

describe('isAppUrl', () => {
  it.each([
    [`${APP_ORIGIN}/index.html`, true],
    [`${APP_ORIGIN}/images/d1/${'a'.repeat(64)}`, true],
    [`${APP_ORIGIN}/`, true],
    ['app://evil/index.html', false],
    ['app://station:8080/index.html', false],
    ['app://user@station/index.html', false],
    ['https://station/index.html', false],
    ['https://evil.example/', false],
    ['file:///etc/passwd', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('navigation and windows', () => {
  it('denies navigation to another origin', () => {
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
    ]) {
      const event = navigationEvent(url);
      denyNavigation(event);
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
    }
  });

  it('allows navigation within the app', () => {
    const event = navigationEvent(`${APP_ORIGIN}/index.html#/replay`);
    denyNavigation(event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every new window', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('hardenWebContents installs the navigation, redirect, webview and window-open guards', () => {
    const listeners = new Map<string, (event: unknown) => void>();
    const contents = {
      on: vi.fn((name: string, listener: (event: unknown) => void) => {
        listeners.set(name, listener);
        return contents;
      }),
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as never);

    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://evil.example/');
      listeners.get(name)!(away);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const home = navigationEvent(`${APP_ORIGIN}/index.html`);
      listeners.get(name)!(home);
      expect(home.preventDefault, name).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: unknown) => unknown;
    expect(openHandler({ url: `${APP_ORIGIN}/index.html` })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      denyPermissionRequest({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission check with false', () => {
    expect(denyPermissionCheck()).toBe(false);
  });

  it('hardenSession installs the request, check and device handlers', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onBeforeRequest: vi.fn() },
    };
    hardenSession(session);

    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (...args: unknown[]) => void;
    const callback = vi.fn();
    request({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);

    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(check(null, 'media', APP_ORIGIN, {})).toBe(false);

    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);

    const onRequest = session.webRequest.onBeforeRequest.mock.calls[0]![0] as unknown as (
      details: { url: string },
      callback: (response: { cancel: boolean }) => void,
    ) => void;
    const cancelled = (url: string) => {
      const answer = vi.fn();
      onRequest({ url }, answer);
      expect(answer).toHaveBeenCalledOnce();
      return (answer.mock.calls[0]![0] as { cancel: boolean }).cancel;
    };
    for (const url of [
      'https://evil.example/beacon',
      'http://127.0.0.1:8080/',
      'wss://x.example/',
      'file:///etc/passwd',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of [
      `${APP_ORIGIN}/index.html`,
      `${APP_ORIGIN}/images/d/${'a'.repeat(64)}`,
      'devtools://devtools/x',
      'blob:app://station/1',
      'data:image/png;base64,AA==',
    ]) {
      expect(cancelled(url), url).toBe(false);
    }
  });
});
