/**
 * The Electron transport for the bridge contract: one `ipcMain.handle` per named
 * request, each checking that the app's own page is asking before the core's request
 * pipeline (core/station/requests.ts) parses, checks and answers it,
 * and the core's events forwarded to every station window (the main one and the image window).
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  EVENT_NAMES,
  REQUEST_NAMES,
  eventChannel,
  requestChannel,
  type EventMap,
  type EventName,
  type RequestName,
} from '../../shared/contract';
import { forDisplay } from '../../shared/display-text';
import { LOCAL_CLIENT } from '../core/station/session';
import type { StationCore } from '../core/station-core';
import { isAppUrl } from '../transport/page-policy';

/**
 * The part of the station core the transport needs: the one request pipeline and the
 * events. Electron's windows are one client of the session (LOCAL_CLIENT): main checks
 * that a request comes from the app's own page, and the pipeline does the rest.
 */
export type IpcCore = Pick<StationCore, 'dispatch'> & {
  onEvent<E extends EventName>(name: E, listener: (payload: EventMap[E]) => void): () => void;
};

interface IpcOptions {
  /** The windows events go to (the main window, and the image window while it is open). */
  targets(): readonly Pick<WebContents, 'send' | 'isDestroyed'>[];
  log?: (line: string) => void;
}

export const FORBIDDEN_SENDER = 'forbidden sender';

type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Only the app's own top-level page may call main: not a subframe, not another origin, not a dead frame. */
function senderAllowed(event: SenderEvent): boolean {
  let frame: IpcMainInvokeEvent['senderFrame'];
  try {
    // Reading senderFrame of a navigated-away or destroyed frame can throw.
    frame = event.senderFrame;
  } catch {
    return false;
  }
  if (!frame) return false;
  if (frame.parent) return false;
  return isAppUrl(frame.url);
}

function describeSender(event: SenderEvent): string {
  try {
    return event.senderFrame?.url ? JSON.stringify(event.senderFrame.url.slice(0, 200)) : 'no frame';
  } catch {
    return 'unreadable frame';
  }
}

/** Registers every request handler and event forwarder; returns a function that removes them all. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: IpcCore,
  opts: IpcOptions,
): () => void {
  const log = opts.log ?? (() => {});

  const handle = async (name: RequestName, event: SenderEvent, payload: unknown): Promise<unknown> => {
    if (!senderAllowed(event)) {
      log(`ipc: refused ${name} from ${describeSender(event)}`);
      return { ok: false, error: FORBIDDEN_SENDER };
    }
    // Parsed, checked against the session and answered (or refused) in one place, as over the WebSocket.
    return core.dispatch(LOCAL_CLIENT, name, payload);
  };

  for (const name of REQUEST_NAMES) {
    ipcMain.handle(requestChannel(name), (event, payload: unknown) => handle(name, event, payload));
  }

  const forward = <E extends EventName>(name: E) =>
    core.onEvent(name, (payload: EventMap[E]) => {
      const shown = forDisplay(payload);
      for (const target of opts.targets()) {
        if (!target.isDestroyed()) target.send(eventChannel(name), shown);
      }
    });
  const unsubscribes = EVENT_NAMES.map((name) => forward(name));

  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(requestChannel(name));
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
