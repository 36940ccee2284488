/**
 * The image pane in a second window, for a second monitor (issue 14). It is hardened
 * exactly like the main window (same webPreferences, same session, so the same CSP,
 * app:// protocol and navigation/window.open refusals) and loads the same renderer on
 * the `#images` route, which shows only the image pane of the alert the main window has
 * open. One at a time: asking again brings the open one to the front.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Result } from '../../shared/contract';
import { APP_ENTRY_URL } from '../transport/page-policy';

const IMAGE_WINDOW_TITLE = 'Review Station: images';

/** The renderer's image-pane route; the alert to show first rides in the hash (a UUID, checked by the contract). */
function imageWindowUrl(alertId: string | null): string {
  return `${APP_ENTRY_URL}#images${alertId ? `:${alertId}` : ''}`;
}

type WindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

interface ImageWindowDeps {
  BrowserWindow: WindowClass;
  /** The main window's webPreferences, reused unchanged. */
  webPreferences: BrowserWindowConstructorOptions['webPreferences'];
  backgroundColor: string;
  log: (line: string) => void;
}

export interface ImageWindows {
  open(alertId: string | null): Promise<Result>;
  /** The open image window, if any (events go to it too). */
  current(): BrowserWindow | null;
  close(): void;
}

export function imageWindows(deps: ImageWindowDeps): ImageWindows {
  let window: BrowserWindow | null = null;
  return {
    async open(alertId) {
      if (window && !window.isDestroyed()) {
        if (window.isMinimized()) window.restore();
        window.focus();
        return { ok: true };
      }
      const created = new deps.BrowserWindow({
        title: IMAGE_WINDOW_TITLE,
        width: 1200,
        height: 800,
        minWidth: 640,
        minHeight: 480,
        show: false,
        backgroundColor: deps.backgroundColor,
        webPreferences: deps.webPreferences,
      });
      window = created;
      created.once('ready-to-show', () => created.show());
      created.on('page-title-updated', (event) => event.preventDefault());
      created.on('closed', () => {
        if (window === created) window = null;
      });
      const url = imageWindowUrl(alertId);
      try {
        await created.loadURL(url);
        return { ok: true };
      } catch (error) {
        deps.log(`loading ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
        return { ok: false, error: 'the image window could not be opened' };
      }
    },
    current: () => (window && !window.isDestroyed() ? window : null),
    close() {
      if (window && !window.isDestroyed()) window.destroy();
      window = null;
    },
  };
}
