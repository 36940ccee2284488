/**
 * Boots the real electron/main/main.ts against a fake `electron` module and a fake
 * station core, and checks what it wires: the window's web preferences, the app
 * protocol, IPC, hardening, the undecided-alerts prompt and the flushed quit.
 */
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, requestChannel } from '../../shared/contract';
import { webPreferencesFor } from '../../electron/main/security';
import { defaultKeyDir } from '../../electron/core/key-dir';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../electron/transport/page-policy';
import type * as MainModule from '../../electron/main/main';

const h = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  const preventable = () => ({ defaultPrevented: false, preventDefault: vi.fn() });

  function fresh(opts: { lock?: boolean; encryption?: boolean; undecided?: number; backend?: string } = {}) {
    const calls: string[] = [];
    const windows: FakeWindow[] = [];
    class FakeWebContents extends Emitter {
      send = vi.fn();
      isDestroyed = () => false;
      setWindowOpenHandler = vi.fn();
    }
    class FakeWindow extends Emitter {
      options: Record<string, unknown>;
      webContents = new FakeWebContents();
      show = vi.fn();
      focus = vi.fn();
      restore = vi.fn();
      destroyed = false;
      isDestroyed = () => this.destroyed;
      destroy = vi.fn(() => {
        this.destroyed = true;
      });
      isMinimized = vi.fn(() => false);
      loadURL = vi.fn(async (_url: string) => {});
      constructor(options: Record<string, unknown>) {
        super();
        this.options = options;
        windows.push(this);
        calls.push('new BrowserWindow');
      }
    }
    let closeCore!: () => void;
    const core = {
      services: Object.fromEntries(
        [
          'getSnapshot',
          'signIn',
          'signOut',
          'alertShown',
          'recordDecision',
          'recordOutcome',
          'welfare',
          'updateSettings',
        ].map((name) => [name, vi.fn(async () => ({ ok: true }))]),
      ),
      onEvent: vi.fn(() => () => {}),
      readImage: vi.fn((): Uint8Array | null => null),
      // Single sign-on: main gives the core its way to the system browser.
      sso: { setSsoTransport: vi.fn((_t: unknown) => {}), completeSso: vi.fn() },
      undecidedCount: vi.fn(() => opts.undecided ?? 0),
      close: vi.fn(
        () =>
          new Promise<void>((done) => {
            closeCore = done;
          }),
      ),
    };
    const app = Object.assign(new Emitter(), {
      isPackaged: false,
      getAppPath: () => '/opt/review-station/resources/app.asar',
      getPath: vi.fn((name: string) => `/home/officer/.config/Review Station/${name}`),
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: vi.fn(() => {
        calls.push('requestSingleInstanceLock');
        return opts.lock ?? true;
      }),
      enableSandbox: vi.fn(() => calls.push('enableSandbox')),
      whenReady: vi.fn(async () => {
        calls.push('whenReady');
      }),
      quit: vi.fn(),
      exit: vi.fn(),
    });
    return {
      calls,
      windows,
      core,
      finishClose: () => closeCore(),
      preventable,
      startStationCore: vi.fn(async (_opts: Record<string, unknown>) => {
        calls.push('startStationCore');
        return core;
      }),
      electron: {
        app,
        BrowserWindow: FakeWindow,
        dialog: {
          showMessageBoxSync: vi.fn(() => 0),
          showErrorBox: vi.fn(),
          showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
            canceled: false,
            filePaths: ['/media/usb/dep-1.lfrbundle'],
          })),
          showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
            canceled: false,
            filePath: '/media/usb/dep-1-20261129-231500.csv',
          })),
        },
        ipcMain: { handle: vi.fn((_channel: string, _handler: unknown) => {}), removeHandler: vi.fn() },
        Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
        protocol: {
          registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
          handle: vi.fn(),
        },
        safeStorage: {
          isEncryptionAvailable: vi.fn(() => opts.encryption ?? true),
          getSelectedStorageBackend: vi.fn(() => opts.backend ?? 'gnome_libsecret'),
          encryptString: vi.fn((s: string) => Buffer.from(`sealed:${s}`)),
          decryptString: vi.fn((b: Buffer) => b.toString().replace(/^sealed:/, '')),
        },
        shell: { openExternal: vi.fn(async (_url: string) => {}) },
        session: {
          defaultSession: {
            setPermissionRequestHandler: vi.fn(),
            setPermissionCheckHandler: vi.fn(),
            setDevicePermissionHandler: vi.fn(),
            webRequest: { onBeforeRequest: vi.fn() },
          },
        },
      },
    };
  }
  return { fresh, current: fresh() };
});

// Mock factories are evaluated once per file, so they delegate to whichever fakes the current test set up.
vi.mock('electron', () => ({
  get app() {
    return h.current.electron.app;
  },
  get BrowserWindow() {
    return h.current.electron.BrowserWindow;
  },
  get dialog() {
    return h.current.electron.dialog;
  },
  get ipcMain() {
    return h.current.electron.ipcMain;
  },
  get Menu() {
    return h.current.electron.Menu;
  },
  get protocol() {
    return h.current.electron.protocol;
  },
  get safeStorage() {
    return h.current.electron.safeStorage;
  },
  get session() {
    return h.current.electron.session;
  },
  get shell() {
    return h.current.electron.shell;
  },
}));
vi.mock('../../electron/core/station-core', () => ({
  startStationCore: (opts: Record<string, unknown>) => h.current.startStationCore(opts),
}));

const savedArgv = process.argv;
const savedDefaultApp = process.defaultApp;
// Electron sets process.defaultApp when run as `electron .`; its type is read-only.
const setDefaultApp = (value: boolean | undefined) =>
  Object.defineProperty(process, 'defaultApp', { value, configurable: true, writable: true });

async function bootMain(
  argv: string[],
  opts: Parameters<typeof h.fresh>[0] = {},
): Promise<typeof h.current & { main: typeof MainModule }> {
  h.current = h.fresh(opts);
  vi.resetModules();
  process.argv = ['/opt/review-station/electron', '.', ...argv];
  setDefaultApp(true);
  const main = await import('../../electron/main/main');
  await main.booted;
  return { ...h.current, main };
}

afterEach(() => {
  process.argv = savedArgv;
  setDefaultApp(savedDefaultApp);
  vi.restoreAllMocks();
});

describe('main process wiring', () => {
  it('creates one hardened window through the real security settings', async () => {
    const t = await bootMain(['--data', '/srv/station-data']);
    expect(t.windows).toHaveLength(1);
    const options = t.windows[0]!.options;
    const expected = webPreferencesFor(
      join('/opt/review-station/resources/app.asar', 'dist', 'preload', 'preload.cjs'),
      {
        devTools: true,
      },
    );
    expect(options.webPreferences).toEqual(expected);
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(options).toMatchObject({ title: 'Review Station', minWidth: 1100, minHeight: 700, show: false });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(t.windows[0]!.loadURL).toHaveBeenCalledExactlyOnceWith(APP_ENTRY_URL);

    expect(t.windows[0]!.show).not.toHaveBeenCalled();
    t.windows[0]!.emit('ready-to-show');
    expect(t.windows[0]!.show).toHaveBeenCalledOnce();
  });

  it("opens the image window on request with the main window's hardened options, on the #images route", async () => {
    const t = await bootMain(['--data', '/srv/station-data']);
    const coreOptions = t.startStationCore.mock.calls[0]![0] as {
      openImageWindow: (alertId: string | null) => Promise<{ ok: boolean }>;
    };
    const alertId = '7b0f5a52-3f4e-4c1a-9c57-1f2d3e4a5b6c';
    await expect(coreOptions.openImageWindow(alertId)).resolves.toEqual({ ok: true });
    expect(t.windows).toHaveLength(2);
    const [main, images] = t.windows as [(typeof t.windows)[0], (typeof t.windows)[0]];
    expect(images.options.webPreferences).toEqual(main.options.webPreferences);
    expect(images.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true });
    expect(images.loadURL).toHaveBeenCalledExactlyOnceWith(`${APP_ENTRY_URL}#images:${alertId}`);
    expect(images.options.show).toBe(false);
    images.emit('ready-to-show');
    expect(images.show).toHaveBeenCalledOnce();
    // Asked again: the same window comes forward, no third one.
    await coreOptions.openImageWindow(null);
    expect(t.windows).toHaveLength(2);
    expect(images.focus).toHaveBeenCalledOnce();

    // The core's events reach both windows.
    const onEvent = t.core.onEvent as unknown as { mock: { calls: [string, (p: unknown) => void][] } };
    const clock = onEvent.mock.calls.find(([name]) => name === 'clock')![1];
    clock({ now: '2026-11-29T23:00:00.000Z' });
    for (const w of [main, images])
      expect(w.webContents.send).toHaveBeenCalledWith('station-event:clock', {
        now: '2026-11-29T23:00:00.000Z',
      });
    // The image window does not outlive the main one.
    main.emit('closed');
    expect(images.destroy).toHaveBeenCalledOnce();
  });

  it('registers the scheme, sandbox and lock before ready, then starts the core, then the window', async () => {
    const t = await bootMain([]);
    expect(t.calls).toEqual([
      'registerSchemesAsPrivileged',
      'enableSandbox',
      'requestSingleInstanceLock',
      'whenReady',
      'startStationCore',
      'new BrowserWindow',
    ]);
  });

  it('starts the core in electron mode with the parsed options and a safeStorage key protector', async () => {
    const t = await bootMain([
      '--data',
      'rel/data',
      '--key-dir',
      'rel/keys',
      '--no-sandbox',
      '--ozone-platform=wayland',
      '--drill',
      'burst',
      '--rate=30',
    ]);
    const coreOptions = t.startStationCore.mock.calls[0]![0];
    expect(coreOptions).toMatchObject({
      dataDir: resolve('rel/data'),
      keyDir: resolve('rel/keys'),
      feedUrl: null,
      token: null,
      mode: 'electron',
      appVersion: '0.1.0',
      drills: ['burst'],
      rate: 30,
    });
    const protector = coreOptions.keyProtector as {
      kind: string;
      encrypt(b: Buffer): Buffer;
      decrypt(b: Buffer): Buffer;
    };
    expect(protector.kind).toBe('electron-safeStorage');
    const key = Buffer.from([0, 1, 2, 250, 255]);
    const sealed = protector.encrypt(key);
    expect(t.electron.safeStorage.encryptString).toHaveBeenCalledWith(key.toString('base64'));
    expect(protector.decrypt(sealed)).toEqual(key);
  });

  it('defaults the data folder to userData and runs without a protector when safeStorage is unavailable', async () => {
    const t = await bootMain([], { encryption: false });
    const coreOptions = t.startStationCore.mock.calls[0]![0];
    expect(coreOptions.dataDir).toBe('/home/officer/.config/Review Station/userData');
    // The key folder defaults to the per-user config folder, apart from the data folder.
    expect(coreOptions.keyDir).toBe(resolve(defaultKeyDir('/home/officer/.config/Review Station/userData')));
    expect(coreOptions.keyProtector).toBeUndefined();
  });

  it('treats Linux safeStorage on its basic_text backend as no protection: no sealing, a warning, said in the details', async () => {
    const t = await bootMain([], { backend: 'basic_text' });
    const coreOptions = t.startStationCore.mock.calls[0]![0];
    expect(coreOptions.keyProtector).toBeUndefined();
    const protection = coreOptions.keyProtection as { protected: boolean; warning: string | null };
    if (process.platform === 'linux') {
      expect(protection.protected).toBe(false);
      expect(protection.warning).toMatch(/basic_text/);
    }
  });

  it('gives the core a bundle picker that asks in a dialog of main’s own, never a path from the renderer', async () => {
    const t = await bootMain([]);
    const pick = t.startStationCore.mock.calls[0]![0].pickBundle as () => Promise<string | null>;
    expect(await pick()).toBe('/media/usb/dep-1.lfrbundle');
    const [parent, options] = t.electron.dialog.showOpenDialog.mock.calls[0]!;
    expect(parent).toBe(t.windows[0]);
    expect(options).toMatchObject({
      title: 'Import a deployment bundle',
      filters: [{ name: 'Deployment bundle', extensions: ['lfrbundle'] }],
      properties: ['openFile'],
    });
    t.electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await pick()).toBeNull();
  });

  it('gives the core a save dialog of main’s own for exports, never a path from the renderer', async () => {
    const t = await bootMain([]);
    const save = t.startStationCore.mock.calls[0]![0].saveExport as (name: string) => Promise<string | null>;
    expect(await save('dep-1-20261129-231500.csv')).toBe('/media/usb/dep-1-20261129-231500.csv');
    const [parent, options] = t.electron.dialog.showSaveDialog.mock.calls[0]!;
    expect(parent).toBe(t.windows[0]);
    expect(options).toMatchObject({
      title: 'Save the export',
      defaultPath: expect.stringMatching(/dep-1-20261129-231500\.csv$/),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    t.electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await save('dep-1-20261129-231500.pdf')).toBeNull();
    expect(t.electron.dialog.showSaveDialog.mock.calls[1]![1]).toMatchObject({
      filters: [{ name: 'PDF report', extensions: ['pdf'] }],
    });
  });

  it('refuses bad options before starting anything', async () => {
    const t = await bootMain(['--port', 'seventy']);
    expect(t.startStationCore).not.toHaveBeenCalled();
    expect(t.electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Review Station',
      expect.stringContaining('--port'),
    );
    expect(t.electron.app.exit).toHaveBeenCalledWith(2);
  });

  it('gives way to a running instance', async () => {
    const t = await bootMain([], { lock: false });
    expect(t.electron.app.quit).toHaveBeenCalledOnce();
    expect(t.startStationCore).not.toHaveBeenCalled();
    expect(t.windows).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const t = await bootMain([]);
    t.windows[0]!.isMinimized.mockReturnValue(true);
    t.electron.app.emit('second-instance', {}, [], '/');
    expect(t.windows[0]!.restore).toHaveBeenCalledOnce();
    expect(t.windows[0]!.focus).toHaveBeenCalledOnce();
  });

  it('registers every IPC request and the app protocol backed by the core', async () => {
    const t = await bootMain([]);
    const channels = t.electron.ipcMain.handle.mock.calls.map((call) => call[0]);
    expect(channels.sort()).toEqual(REQUEST_NAMES.map((name) => requestChannel(name)).sort());

    expect(t.electron.protocol.handle).toHaveBeenCalledOnce();
    const [scheme, handler] = t.electron.protocol.handle.mock.calls[0] as unknown as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const sha = 'ef'.repeat(32);
    const response = await handler(new Request(`app://station/images/dep-1/${sha}`));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(t.core.readImage).toHaveBeenCalledWith('dep-1', sha);
  });

  it('hardens the session and every web contents created', async () => {
    const t = await bootMain([]);
    const session = t.electron.session.defaultSession;
    const callback = vi.fn();
    (session.setPermissionRequestHandler.mock.calls[0] as unknown as [(...a: unknown[]) => void])[0](
      {},
      'media',
      callback,
      {},
    );
    expect(callback).toHaveBeenCalledWith(false);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce();

    const contents = t.windows[0]!.webContents;
    t.electron.app.emit('web-contents-created', {}, contents);
    const navigate = t.preventable();
    contents.emit('will-navigate', { ...navigate, url: 'https://evil.example/' });
    expect(navigate.preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
  });
});

describe('single sign-on in the desktop app', () => {
  it('passes the single sign-on options to the core and sends people to the system browser, never a window of ours', async () => {
    const t = await bootMain([
      '--feed',
      'https://feed.example',
      '--token',
      'x',
      '--idp',
      'https://login.force.example/realms/lfr',
      '--client-id',
      'review-station',
      '--role-claim',
      'groups',
      '--lock-after',
      '10',
    ]);
    expect(t.startStationCore.mock.calls[0]![0]).toMatchObject({
      sso: {
        issuer: 'https://login.force.example/realms/lfr',
        clientId: 'review-station',
        roleClaim: 'groups',
      },
      lockAfterMs: 600_000,
    });
    const transport = t.core.sso.setSsoTransport.mock.calls[0]![0] as {
      kind: string;
      openExternal(url: string): Promise<void>;
    };
    expect(transport.kind).toBe('system-browser');
    await transport.openExternal('https://login.force.example/realms/lfr/auth?client_id=review-station');
    expect(t.electron.shell.openExternal).toHaveBeenCalledWith(
      'https://login.force.example/realms/lfr/auth?client_id=review-station',
    );
    await expect(transport.openExternal('file:///etc/passwd')).rejects.toThrow(/refusing/);
    expect(t.electron.shell.openExternal).toHaveBeenCalledOnce();
    expect(t.windows).toHaveLength(1);
  });
});

describe('closing and quitting', () => {
  it('asks before closing with undecided alerts, and staying keeps everything running', async () => {
    const t = await bootMain([], { undecided: 3 });
    t.electron.dialog.showMessageBoxSync.mockReturnValue(0); // "Keep reviewing"
    const close = t.preventable();
    t.windows[0]!.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    const [, box] = t.electron.dialog.showMessageBoxSync.mock.calls[0] as unknown as [
      unknown,
      { message: string },
    ];
    expect(box.message).toBe(
      '3 alerts are still undecided. They will be waiting when the station starts again. Quit anyway?',
    );
    expect(t.core.close).not.toHaveBeenCalled();
    expect(t.electron.app.exit).not.toHaveBeenCalled();
  });

  it('quitting anyway waits for the core to flush before exiting', async () => {
    const t = await bootMain([], { undecided: 1 });
    t.electron.dialog.showMessageBoxSync.mockReturnValue(1); // "Quit"
    t.windows[0]!.emit('close', t.preventable());
    expect(t.core.close).toHaveBeenCalledOnce();
    await Promise.resolve();
    expect(t.electron.app.exit).not.toHaveBeenCalled();

    // A second quit request while flushing neither asks again nor closes twice.
    const again = t.preventable();
    t.electron.app.emit('before-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(t.electron.dialog.showMessageBoxSync).toHaveBeenCalledOnce();

    t.finishClose();
    await vi.waitFor(() => expect(t.electron.app.exit).toHaveBeenCalledWith(0));
    expect(t.core.close).toHaveBeenCalledOnce();
  });

  it('a plain quit with nothing undecided flushes without asking', async () => {
    const t = await bootMain([], { undecided: 0 });
    const quit = t.preventable();
    t.electron.app.emit('before-quit', quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    expect(t.electron.dialog.showMessageBoxSync).not.toHaveBeenCalled();
    expect(t.core.close).toHaveBeenCalledOnce();
    t.finishClose();
    await vi.waitFor(() => expect(t.electron.app.exit).toHaveBeenCalledWith(0));
  });

  it('words the prompt for a single alert', async () => {
    const { main } = await bootMain([]);
    expect(main.undecidedQuitMessage(1)).toBe(
      '1 alert is still undecided. It will be waiting when the station starts again. Quit anyway?',
    );
  });
});

describe('stationArgv', () => {
  it('drops the executable and app path and leaves Chromium switches to Chromium', async () => {
    const { main } = await bootMain([]);
    expect(
      main.stationArgv(
        ['/x/electron', '.', '--no-sandbox', '--feed', 'https://f.example', '--token=abc', '--help'],
        true,
      ),
    ).toEqual({ args: ['--feed', 'https://f.example', '--token=abc', '--help'], ignored: ['--no-sandbox'] });
    expect(main.stationArgv(['/opt/rs/review-station', '--data', '/d', 'stray'], false)).toEqual({
      args: ['--data', '/d', 'stray'],
      ignored: [],
    });
  });
});
