/**
 * Issue 10 item 5: text that could read differently from what was sent is marked on
 * screen. Both transports pass everything bound for the screen through forDisplay.
 */
import { describe, expect, it, vi } from 'vitest';
import { displayText, forDisplay } from '../../shared/display-text';
import { registerIpc, type IpcCore } from '../../electron/main/ipc';
import { eventChannel, requestChannel } from '../../shared/contract';

describe('displayText', () => {
  it('marks bidirectional overrides, isolates and marks so a name cannot be made to read backwards', () => {
    expect(displayText('Jo\u202Enhoj')).toBe('Jo[U+202E]nhoj');
    expect(displayText('\u2066a\u2069 \u200Fb\u200E \u061Cc')).toBe(
      '[U+2066]a[U+2069] [U+200F]b[U+200E] [U+061C]c',
    );
  });

  it('marks other controls and invisible characters, keeping line breaks, tabs and joiners', () => {
    expect(displayText('a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe(
      'a[U+0000]b[U+0007]c[U+001B]d[U+007F]e[U+0085]f',
    );
    expect(displayText('zero\u200Bwidth\uFEFF')).toBe('zero[U+200B]width[U+FEFF]');
    expect(displayText('line one\nline two\ttabbed\r\n')).toBe('line one\nline two\ttabbed\r\n');
    // Persian and emoji need the non-joiner and joiner to be spelled right.
    expect(displayText('می\u200Cخواهم 👩\u200D💻')).toBe('می\u200Cخواهم 👩\u200D💻');
    expect(displayText('محمد')).toBe('محمد');
  });

  it('forDisplay copies only what changes, deep in objects and arrays', () => {
    const clean = { a: 'x', list: ['y', { z: 'z' }], n: 1, b: true, none: null };
    expect(forDisplay(clean)).toBe(clean);
    const payload = { alerts: [{ subject: { name: 'A\u202Eb', warnings: ['ok', 'x\u202Dy'] } }], count: 2 };
    const shown = forDisplay(payload);
    expect(shown).toEqual({
      alerts: [{ subject: { name: 'A[U+202E]b', warnings: ['ok', 'x[U+202D]y'] } }],
      count: 2,
    });
    expect(payload.alerts[0]!.subject.name).toBe('A\u202Eb'); // the original is untouched
    const bytes = new Uint8Array([1, 2]);
    expect(forDisplay({ bytes }).bytes).toBe(bytes);
  });
});

describe('the Electron transport', () => {
  // Answers are marked by the one request pipeline (station/requests.ts) for both transports;
  // events are the transport's own to mark.
  it('marks hidden characters in events bound for the window, and passes the pipeline’s answers on', async () => {
    const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    let listener: ((payload: unknown) => void) | null = null;
    const core = {
      // The one pipeline answers every request (station/requests.ts); here, the snapshot.
      dispatch: vi.fn(async () => ({ name: 'evil\u202Etxt.exe' })),
      onEvent: (name: string, l: (payload: unknown) => void) => {
        if (name === 'change') listener = l;
        return () => undefined;
      },
    } as unknown as IpcCore;
    const contents = { send: vi.fn(), isDestroyed: () => false };
    registerIpc(
      { handle: (channel: string, h: never) => void handlers.set(channel, h), removeHandler: vi.fn() },
      core,
      { targets: () => [contents] },
    );
    listener!({ deployment: { title: 'Op \u202Edrow' } });
    expect(contents.send).toHaveBeenCalledWith(eventChannel('change'), {
      deployment: { title: 'Op [U+202E]drow' },
    });
    const frame = { senderFrame: { url: 'app://station/index.html', parent: null } };
    expect(await handlers.get(requestChannel('getSnapshot'))!(frame, {})).toEqual({
      name: 'evil\u202Etxt.exe',
    });
    expect(core.dispatch).toHaveBeenCalledWith(expect.anything(), 'getSnapshot', {});
  });
});
