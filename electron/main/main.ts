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
import { accessOptionsOf, parseOptions, STATION_OPTION_NAMES, USAGE } from '../cli/options';
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
import { imageWindows } from './image-window';

export const WINDOW_TITLE = 'Review Station';
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

export function createMainWindow(devTools: boolean): BrowserWindow {
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

export const BUNDLE_DIALOG_TITLE = 'Import a deployment bundle';

/** The supervisor chooses the bundle in a dialog of main's own; null when cancelled. */
export async function pickBundle(parent: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: BUNDLE_DIALOG_TITLE,
    buttonLabel: 'Import',
    filters: [{ name: 'Deployment bundle', extensions: ['lfrbundle'] }],
    properties: ['openFile' as const],
  };
  const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
}

export const EXPORT_DIALOG_TITLE = 'Save the export';

const EXPORT_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  pdf: { name: 'PDF report', extensions: ['pdf'] },
  lfrbundle: { name: 'Deployment bundle', extensions: ['lfrbundle'] },
};

/**
 * The supervisor chooses where an export is saved in main's own save dialog (the renderer
 * never names a path); null when cancelled. The suggested name is the station's own.
 */
export async function saveExportAs(
  parent: BrowserWindow | null,
  suggestedName: string,
): Promise<string | null> {
  const filter = EXPORT_FILTERS[suggestedName.split('.').pop() ?? ''];
  const options = {
    title: EXPORT_DIALOG_TITLE,
    defaultPath: join(app.getPath('documents'), suggestedName),
    buttonLabel: 'Save',
    ...(filter ? { filters: [filter] } : {}),
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
}

function fatal(message: string, code: number): void {
  log(message);
  dialog.showErrorBox(WINDOW_TITLE, message);
  app.exit(code);
}

async function start(): Promise<void> {
  const { args, ignored } = stationArgv(process.argv, Boolean(process.defaultApp));
  if (ignored.length > 0) log(`left to Chromium: ${ignored.join(' ')}`);
  const parsed = parseOptions(args);
  if (!parsed.ok) return fatal(`${parsed.error}\n\n${parsed.usage}`, 2);
  if (parsed.options.help) {
    process.stdout.write(`${USAGE}\n`);
    return app.exit(0);
  }

  // Which engine this build really runs, for the log and anyone checking it is still supported.
  log(
    `Electron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}, Node ${process.versions.node}`,
  );
  hardenSession(session.defaultSession);
  const devTools = !app.isPackaged;
  Menu.setApplicationMenu(buildMenu(devTools));

  const dataDir = parsed.options.data ? resolve(parsed.options.data) : app.getPath('userData');
  // Linux's basic_text fallback "encrypts" with a key built into Chromium: it counts as no protection.
  const keyProtection = keyProtectionOf(safeStorage, process.platform);
  if (keyProtection.warning) log(keyProtection.warning);
  const keyDir = resolve(parsed.options.keyDir ?? defaultKeyDir(dataDir));
  // A key sealed before is still opened through safeStorage; a new one is sealed only where that protects it.
  // (Before the key folder, the sealed key was kept in the data folder; the core moves it out.)
  const sealedBefore = [keyDir, join(dataDir, 'station')].some((dir) =>
    existsSync(join(dir, 'station-key.sealed')),
  );
  const useSafeStorage = safeStorage.isEncryptionAvailable() && (keyProtection.protected || sealedBefore);

  // Created on the officer's request; the core only asks for it (openImageWindow).
  const images = imageWindows({
    BrowserWindow,
    webPreferences: stationWebPreferences(devTools),
    backgroundColor: BACKGROUND,
    log,
  });

  let core: StationCore;
  try {
    core = await startStationCore({
      dataDir,
      keyDir,
      feedUrl: parsed.options.feed,
      token: parsed.options.token,
      mode: 'electron',
      appVersion: app.getVersion(),
      keyProtector: useSafeStorage ? createSafeStorageProtector(safeStorage) : undefined,
      keyProtection,
      drills: parsed.options.drills,
      rate: parsed.options.rate,
      ...archivePortsOf(parsed.options),
      ...accessOptionsOf(parsed.options),
      trainingFeed: trainingFeedStarter(join(app.getAppPath(), 'dist', 'main', 'training-worker.cjs')),
      // The renderer never names a file: main asks the supervisor which bundle to import.
      pickBundle: () => pickBundle(window),
      // Nor where an export goes: main asks in a save dialog, after the export is journalled.
      saveExport: (name) => saveExportAs(window, name),
      openImageWindow: (alertId) => images.open(alertId),
      log,
    });
  } catch (error) {
    return fatal(`The station could not start: ${error instanceof Error ? error.message : String(error)}`, 1);
  }

  // Single sign-on opens the system browser and comes back on a loopback port (RFC 8252).
  core.sso?.setSsoTransport(systemBrowserTransport(shell));

  installAppProtocol(protocol, {
    rendererDir: join(app.getAppPath(), 'dist', 'renderer'),
    resolveImage: (deploymentId, sha256) => core.resolveImage(deploymentId, sha256),
    log,
  });

  let window: BrowserWindow | null = createMainWindow(devTools);
  // Events go to every station window: the main one and the image window while it is open.
  const stationWindows = () => [window, images.current()].filter((w): w is BrowserWindow => w !== null);
  registerIpc(ipcMain, core, { targets: () => stationWindows().map((w) => w.webContents), log });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // 'running' -> 'closing' (journal being flushed) -> 'closed' (app.exit may proceed).
  let phase: 'running' | 'closing' | 'closed' = 'running';

  const confirmQuit = (): boolean => {
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
    const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options);
    return choice === 1;
  };

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

  // Closing the window quits the station (one window); both routes ask, then flush.
  window.on('close', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'running' && confirmQuit()) void shutdown();
  });
  window.on('closed', () => {
    window = null;
    // The image window follows the main one; it does not outlive it.
    images.close();
  });
  app.on('before-quit', (event) => {
    if (phase === 'closed') return;
    event.preventDefault();
    if (phase === 'running' && confirmQuit()) void shutdown();
  });
  app.on('window-all-closed', () => app.quit());

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
