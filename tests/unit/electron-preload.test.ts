import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, eventChannel, requestChannel } from '../../shared/contract';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, payload: unknown) => ({ channel, payload })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: electron.ipcRenderer,
}));

type Bridge = Record<string, (...args: unknown[]) => unknown>;
let bridge: Bridge;

beforeAll(async () => {
  await import('../../electron/preload/preload');
  bridge = electron.exposed.get('station') as Bridge;
});

function emit(channel: string, payload: unknown) {
  const ipcEvent = { sender: electron.ipcRenderer, ports: [] };
  for (const listener of electron.listeners.get(channel) ?? []) listener(ipcEvent, payload);
}

describe('preload bridge', () => {
  it('exposes only window.station', () => {
    expect([...electron.exposed.keys()]).toEqual(['station']);
  });

  it('has exactly one function per request plus one subscription per event', () => {
    expect(Object.keys(bridge).sort()).toEqual(
      [...REQUEST_NAMES, 'onClock', 'onChange', 'onReplayProgress', 'onViewerFollow', 'onFacesAhead'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer', () => {
    for (const value of Object.values(bridge)) expect(value).not.toBe(electron.ipcRenderer);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('sends each request on its own channel with the payload', async () => {
    for (const name of REQUEST_NAMES) {
      const payload = { probe: name };
      await expect(bridge[name]!(payload)).resolves.toEqual({ channel: requestChannel(name), payload });
    }
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const states: unknown[][] = [];
    const clocks: unknown[][] = [];
    const offState = bridge.onChange!((...args: unknown[]) => states.push(args)) as () => void;
    const offClock = bridge.onClock!((...args: unknown[]) => clocks.push(args)) as () => void;

    emit(eventChannel('change'), { revision: 1 });
    emit(eventChannel('clock'), { now: 'T' });
    expect(states).toEqual([[{ revision: 1 }]]);
    expect(clocks).toEqual([[{ now: 'T' }]]);

    offState();
    offClock();
    emit(eventChannel('change'), { revision: 2 });
    emit(eventChannel('clock'), { now: 'T2' });
    expect(states).toHaveLength(1);
    expect(clocks).toHaveLength(1);
    expect(electron.listeners.get(eventChannel('change'))?.size).toBe(0);
  });
});
