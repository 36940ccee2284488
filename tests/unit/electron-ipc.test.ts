import { describe, expect, it, vi, type Mock } from 'vitest';
import {
  EVENT_NAMES,
  REQUEST_NAMES,
  eventChannel,
  requestChannel,
  type EventMap,
  type EventName,
} from '../../shared/contract';
import { FORBIDDEN_SENDER, registerIpc, type IpcCore } from '../../electron/main/ipc';
import { createPipeline, FAILED, type RequestTable } from '../../electron/core/station/requests';

type Handler = (event: unknown, payload: unknown) => Promise<unknown>;

const ALERT_ID = '0b9f2c7e-3a4d-4c1b-9e8f-2d6a7b5c4e3f';

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const services = Object.fromEntries(
    REQUEST_NAMES.map((name) => [name, vi.fn(async () => ({ ok: true, from: name }))]),
  ) as Record<string, Mock<(payload: unknown) => Promise<unknown>>>;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const log = vi.fn();
  // The real pipeline (parse, rule, answer) over handlers that record their calls; every rule passes.
  const table = Object.fromEntries(
    REQUEST_NAMES.map((name) => [
      name,
      { rule: { need: 'nobody' }, handle: (p: unknown) => services[name]!(p) },
    ]),
  ) as unknown as RequestTable;
  const pipeline = createPipeline(table, { refusal: () => null, touched: () => undefined }, log);
  const core: IpcCore = {
    dispatch: pipeline.dispatch,
    onEvent: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(name, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  const emit = <E extends EventName>(name: E, payload: EventMap[E]) => {
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  const contents = { send: vi.fn(), isDestroyed: vi.fn(() => false) };
  let targets: (typeof contents)[] = [contents];
  const dispose = registerIpc(ipcMain, core, { targets: () => targets, log });
  const invoke = (name: string, event: unknown, payload: unknown) =>
    handlers.get(requestChannel(name as never))!(event, payload);
  return {
    handlers,
    ipcMain,
    services,
    listeners,
    emit,
    contents,
    setTargets: (t: (typeof contents)[]) => (targets = t),
    log,
    dispose,
    invoke,
  };
}

const fromApp = (url = 'app://station/index.html') => ({ senderFrame: { url, parent: null } });

describe('registerIpc', () => {
  it('registers exactly one handler per request in the contract', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(REQUEST_NAMES.map((name) => requestChannel(name)).sort());
  });

  it('passes a valid request from the app page to the service, parsed', async () => {
    const { invoke, services } = setup();
    const result = await invoke('signIn', fromApp(), {
      id: '  PC 123 ',
      name: 'Alex Smith',
      role: 'officer',
    });
    expect(result).toEqual({ ok: true, from: 'signIn' });
    // The service receives zod's output (trimmed), not the raw payload.
    expect(services.signIn).toHaveBeenCalledExactlyOnceWith({
      id: 'PC 123',
      name: 'Alex Smith',
      role: 'officer',
    });
  });

  it.each([
    ['another origin', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file page', { senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['a look-alike app host', { senderFrame: { url: 'app://station.evil/index.html', parent: null } }],
    [
      'a subframe of the app',
      { senderFrame: { url: 'app://station/index.html', parent: { url: 'app://station/' } } },
    ],
    ['a destroyed frame', { senderFrame: null }],
    [
      'a frame that throws when read',
      {
        get senderFrame(): never {
          throw new Error('frame gone');
        },
      },
    ],
  ])('refuses %s and never calls the service', async (_label, event) => {
    const { invoke, services, log } = setup();
    const result = await invoke('alertShown', event, { alertId: ALERT_ID });
    expect(result).toMatchObject({ ok: false, error: FORBIDDEN_SENDER });
    expect(services.alertShown).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('refused alertShown'));
  });

  it.each([
    ['a missing field', 'alertShown', {}],
    ['an unknown field', 'getSnapshot', { extra: 1 }],
    ['a wrong type', 'signIn', { id: 'x', name: 'y', role: 'admin' }],
    ['no payload at all', 'welfare', undefined],
    ['a non-uuid alert id', 'alertShown', { alertId: '../../etc/passwd' }],
  ])('rejects %s with an error and never calls the service', async (_label, name, payload) => {
    const { invoke, services } = setup();
    const result = (await invoke(name, fromApp(), payload)) as { ok: boolean; error: string };
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(new RegExp(`^invalid ${name}: `));
    expect(services[name]).not.toHaveBeenCalled();
  });

  it('turns a service failure into a plain refusal (as over the WebSocket) and logs the detail', async () => {
    const { invoke, services, log } = setup();
    services.welfare!.mockRejectedValueOnce(new Error('disk on fire at /secret/path'));
    await expect(invoke('welfare', fromApp(), { action: 'continue' })).resolves.toMatchObject({
      ok: false,
      error: FAILED,
    });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('disk on fire'));
  });

  it('forwards core events to the window, payload only, on the event channels', () => {
    const { emit, contents } = setup();
    emit('clock', { now: '2026-01-01T00:00:00.000Z' });
    expect(contents.send).toHaveBeenCalledExactlyOnceWith(eventChannel('clock'), {
      now: '2026-01-01T00:00:00.000Z',
    });
    const change = { marker: 'change' } as unknown as EventMap['change'];
    emit('change', change);
    expect(contents.send).toHaveBeenLastCalledWith(eventChannel('change'), change);
  });

  it('drops events while there is no live window', () => {
    const { emit, contents, setTargets } = setup();
    contents.isDestroyed.mockReturnValue(true);
    emit('clock', { now: '2026-01-01T00:00:00.000Z' });
    setTargets([]);
    emit('clock', { now: '2026-01-01T00:00:01.000Z' });
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('sends every event to both station windows (main and image window), skipping a closed one', () => {
    const { emit, contents, setTargets } = setup();
    const imageWindow = { send: vi.fn(), isDestroyed: vi.fn(() => false) };
    setTargets([contents, imageWindow]);
    emit('clock', { now: '2026-01-01T00:00:00.000Z' });
    emit('viewerFollow', { alertId: '7b0f5a52-3f4e-4c1a-9c57-1f2d3e4a5b6c' });
    for (const target of [contents, imageWindow]) {
      expect(target.send).toHaveBeenCalledWith(eventChannel('clock'), { now: '2026-01-01T00:00:00.000Z' });
      expect(target.send).toHaveBeenCalledWith(eventChannel('viewerFollow'), {
        alertId: '7b0f5a52-3f4e-4c1a-9c57-1f2d3e4a5b6c',
      });
    }
    imageWindow.isDestroyed.mockReturnValue(true);
    emit('clock', { now: '2026-01-01T00:00:01.000Z' });
    expect(contents.send).toHaveBeenCalledTimes(3);
    expect(imageWindow.send).toHaveBeenCalledTimes(2);
  });

  it("accepts requests from the image window's page, and still refuses a foreign frame", async () => {
    const { invoke, services } = setup();
    services.welfare!.mockResolvedValue({ ok: true });
    await expect(
      invoke('welfare', fromApp('app://station/index.html#images:7b0f5a52-3f4e-4c1a-9c57-1f2d3e4a5b6c'), {
        action: 'continue',
      }),
    ).resolves.toEqual({ ok: true });
    await expect(
      invoke(
        'welfare',
        { senderFrame: { url: 'https://evil.example/#images', parent: null } },
        { action: 'continue' },
      ),
    ).resolves.toMatchObject({ ok: false, error: FORBIDDEN_SENDER });
    expect(services.welfare).toHaveBeenCalledOnce();
  });

  it('dispose removes every handler and event subscription', () => {
    const { dispose, handlers, listeners } = setup();
    expect(EVENT_NAMES.every((name) => listeners.get(name)?.size === 1)).toBe(true);
    dispose();
    expect(handlers.size).toBe(0);
    expect(EVENT_NAMES.every((name) => listeners.get(name)?.size === 0)).toBe(true);
  });
});
