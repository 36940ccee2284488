/**
 * Electron entry point. It only wires the station core (plain Node, see
 * electron/core/station-core.ts) to its hardened windows (the main one, and the image pane's
 * second window on request): the app:// protocol, the
 * IPC transport, and a quit that waits for the journal to be flushed.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  accessOptionsOf,
  parseOptions,
  STATION_OPTION_NAMES,
  storageOptionsOf,
  USAGE,
  type StationOptions,
} from '../cli/options';
import { systemBrowserTransport } from './sso-system-browser';
import { defaultKeyDir } from '../core/key-dir';
import { startStationCore, type StationCore } from '../core/station-core';
import { trainingFeedStarter } from '../simulator/worker-host';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { createSafeStorageProtector, keyProtectionOf } from './safe-storage-protector';
import { hardenSession, hardenWebContents, webPreferencesFor } from './security';
import { APP_ENTRY_URL } from '../transport/page-policy';
import { registerIpc } from './ipc';
import { archivePortsOf } from '../archive/station-link';
import { imageWindows, type ImageWindows } from './image-window';
import { pickBundle, saveExportAs } from './dialogs';
import type { KeyProtection } from '../../shared/view';

const WINDOW_TITLE = 'Review Station';
const BACKGROUND = '#101418';

const log = (line: string) => {
  process.stdout.write(`[review-station] ${line}\n`);
};

const STATION_OPTIONS = new Set(STATION_OPTION_NAMES);

/**
 * The station's own arguments from Electron's argv. Electron puts its executable (and,
 * when run as `electron .`, the app path) first, and Chromium switches such as
 * --no-sandbox or --ozone-platform=... share the command line; those are left to Chromium.
 */
export function stationArgv(
  argv: readonly string[],
  defaultApp: boolean,
): { args: string[]; ignored: string[] } {
  const rest = argv.slice(defaultApp ? 2 : 1);
  const args: string[] = [];
  const ignored: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const option = /^--([a-z-]+)(=.*)?$/.exec(arg);
    if (option && STATION_OPTIONS.has(option[1]!)) {
      args.push(arg);
      if (option[2] === undefined && i + 1 < rest.length) args.push(rest[++i]!);
    } else if (arg.startsWith('--') && arg !== '--help') {
      ignored.push(arg);
    } else {
      args.push(arg); // -h, --help and stray words: parseOptions explains them
    }
  }
  return { args, ignored };
}

export function undecidedQuitMessage(count: number): string {
  return count === 1
    ? '1 alert is still undecided. It will be waiting when the station starts again. Quit anyway?'
    : `${count} alerts are still undecided. They will be waiting when the station starts again. Quit anyway?`;
}

function buildMenu(devTools: boolean): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

/** Both station windows get exactly these (electron/main/security.ts). */
function stationWebPreferences(devTools: boolean) {
  return webPreferencesFor(join(app.getAppPath(), 'dist', 'preload', 'preload.cjs'), { devTools });
}

function createMainWindow(devTools: boolean): BrowserWindow {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    backgroundColor: BACKGROUND,
    webPreferences: stationWebPreferences(devTools),
  });
  window.once('ready-to-show', () => window.show());
  // The window keeps the station's name whatever the page's <title> says.
  window.on('page-title-updated', (event) => event.preventDefault());
  return window;
}

function fatal(message: string, code: number): void {
  log(message);
  dialog.showErrorBox(WINDOW_TITLE, message);
  app.exit(code);
}

/** The station's options, or null when main has already answered (help, or bad options). */
function stationOptions(): StationOptions | null {
  const { args, ignored } = stationArgv(process.argv, Boolean(process.defaultApp));
  if (ignored.length > 0) log(`left to Chromium: ${ignored.join(' ')}`);
  const parsed = parseOptions(args);
  if (!parsed.ok) {
    fatal(`${parsed.error}\n\n${parsed.usage}`, 2);
    return null;
  }
  if (parsed.options.help) {
    process.stdout.write(`${USAGE}\n`);
    app.exit(0);
    return null;
  }
  return parsed.options;
}

/** Which engine this build really runs, for the log and anyone checking it is still supported. */
function logEngineVersions(): void {
  log(
    `Electron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}, Node ${process.versions.node}`,
  );
}

/** Where the station's key lives and how it is protected there. */
interface StationKeyStorage {
  keyDir: string;
  keyProtection: KeyProtection;
  /** Seal the key with safeStorage (the protector itself is made when the core starts). */
  useSafeStorage: boolean;
}

function stationKeyStorage(dataDir: string, keyDirOption: string | null): StationKeyStorage {
  // Linux's basic_text fallback "encrypts" with a key built into Chromium: it counts as no protection.
  const keyProtection = keyProtectionOf(safeStorage, process.platform);
  if (keyProtection.warning) log(keyProtection.warning);
  const keyDir = resolve(keyDirOption ?? defaultKeyDir(dataDir));
  // A key sealed before is still opened through safeStorage; a new one is sealed only where that protects it.
  // (Before the key folder, the sealed key was kept in the data folder; the core moves it out.)
  const sealedBefore = [keyDir, join(dataDir, 'station')].some((dir) =>
    existsSync(join(dir, 'station-key.sealed')),
  );
  const useSafeStorage = safeStorage.isEncryptionAvailable() && (keyProtection.protected || sealedBefore);
  return { keyDir, keyProtection, useSafeStorage };
}

/**
 * The main window, where the core's dialogs and the quit prompt find it: it is made only
 * after the core has started, and is null again once it has closed.
 */
interface MainWindowHolder {
  current: BrowserWindow | null;
}

/** The started core, or null when it could not start (the officer has been told and the app exits). */
async function startCore(
  options: StationOptions,
  dataDir: string,
  keys: StationKeyStorage,
  main: MainWindowHolder,
  images: ImageWindows,
): Promise<StationCore | null> {
  try {
    return await startStationCore({
      dataDir,
      keyDir: keys.keyDir,
      feedUrl: options.feed,
      token: options.token,
      mode: 'electron',
      appVersion: app.getVersion(),
      keyProtector: keys.useSafeStorage ? createSafeStorageProtector(safeStorage) : undefined,
      keyProtection: keys.keyProtection,
      drills: options.drills,
      rate: options.rate,
      ...archivePortsOf(options),
      ...accessOptionsOf(options),
      ...storageOptionsOf(options),
      trainingFeed: trainingFeedStarter(join(app.getAppPath(), 'dist', 'main', 'training-worker.cjs')),
      // The renderer never names a file: main asks the supervisor which bundle to import.
      pickBundle: () => pickBundle(main.current),
      // Nor where an export goes: main asks in a save dialog, after the export is journalled.
      saveExport: (name) => saveExportAs(main.current, name),
      openImageWindow: (alertId) => images.open(alertId),
      log,
    });
  } catch (error) {
    fatal(`The station could not start: ${error instanceof Error ? error.message : String(error)}`, 1);
    return null;
  }
}

/** Undecided alerts survive a restart, but the officer decides whether to leave them now. */
function confirmQuit(core: StationCore, parent: BrowserWindow | null): boolean {
  const undecided = core.undecidedCount();
  if (undecided === 0) return true;
  const options = {
    type: 'warning' as const,
    title: WINDOW_TITLE,
    message: undecidedQuitMessage(undecided),
    buttons: ['Keep reviewing', 'Quit'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
  const choice = parent ? dialog.showMessageBoxSync(parent, options) : dialog.showMessageBoxSync(options);
  return choice === 1;
}

/**
 * Closing the window quits the station (one window); both routes ask, then hold the exit
 * until the core has flushed the journal, so a quit loses no entry.
 */
function quitAfterFlush(core: StationCore, window: BrowserWindow, main: MainWindowHolder): void {
  // 'running' -> 'closing' (journal being flushed) -> 'closed' (app.exit may proceed).
  let phase: 'running' | 'closing' | 'closed' = 'running';

  const shutdown = async (): Promise<void> => {
    phase = 'closing';
    try {
      await core.close();
    } catch (error) {
      log(`closing the station core failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      phase = 'closed';
      app.exit(0);
    }
  };

  const onQuitAsked = (event: { preventDefault(): void }) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'running' && confirmQuit(core, main.current)) void shutdown();
  };
  window.on('close', onQuitAsked);
  app.on('before-quit', onQuitAsked);
  app.on('window-all-closed', () => app.quit());
}

async function start(): Promise<void> {
  const options = stationOptions();
  if (!options) return;
  logEngineVersions();
  hardenSession(session.defaultSession);
  const devTools = !app.isPackaged;
  Menu.setApplicationMenu(buildMenu(devTools));

  const dataDir = options.data ? resolve(options.data) : app.getPath('userData');
  const keys = stationKeyStorage(dataDir, options.keyDir);
  // Created on the officer's request; the core only asks for it (openImageWindow).
  const images = imageWindows({
    BrowserWindow,
    webPreferences: stationWebPreferences(devTools),
    backgroundColor: BACKGROUND,
    log,
  });
  const main: MainWindowHolder = { current: null };
  const core = await startCore(options, dataDir, keys, main, images);
  if (!core) return;

  // Single sign-on opens the system browser and comes back on a loopback port (RFC 8252).
  core.sso?.setSsoTransport(systemBrowserTransport(shell));

  installAppProtocol(protocol, {
    rendererDir: join(app.getAppPath(), 'dist', 'renderer'),
    readImage: (deploymentId, sha256) => core.readImage(deploymentId, sha256),
    log,
  });

  const window = createMainWindow(devTools);
  main.current = window;
  // Events go to every station window: the main one and the image window while it is open.
  const stationWindows = () => [main.current, images.current()].filter((w): w is BrowserWindow => w !== null);
  registerIpc(ipcMain, core, { targets: () => stationWindows().map((w) => w.webContents), log });

  app.on('second-instance', () => {
    if (!main.current) return;
    if (main.current.isMinimized()) main.current.restore();
    main.current.focus();
  });

  quitAfterFlush(core, window, main);
  window.on('closed', () => {
    main.current = null;
    // The image window follows the main one; it does not outlive it.
    images.close();
  });

  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    log(`loading ${APP_ENTRY_URL} failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** Resolves once the window is up (or the app has given way to a running instance / failed). */
export function boot(): Promise<void> {
  // Both must happen before 'ready'.
  registerAppScheme(protocol);
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }
  return app
    .whenReady()
    .then(start)
    .catch((error: unknown) =>
      fatal(`The station failed: ${error instanceof Error ? error.message : String(error)}`, 1),
    );
}

export const booted = boot();
