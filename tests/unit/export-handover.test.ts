/**
 * Electron's hand-over of an export: after the core has written and journalled it, a copy
 * goes where the supervisor chose in main's save dialog; cancelling leaves the station's
 * copy only, and a place that cannot be written is a clear failure, not a lost file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handOverExport } from '../../electron/core/replay/exports';

function written() {
  const dir = mkdtempSync(join(tmpdir(), 'rs-handover-'));
  const path = join(dir, 'dep-1-20261129-231500.csv');
  writeFileSync(path, 'record,alertId\n');
  return { dir, path, result: { ok: true as const, path, bytes: 15 } };
}

describe('handOverExport', () => {
  it('saves a copy where the supervisor chose, asking with the station’s own file name', async () => {
    const { dir, path, result } = written();
    const asked: string[] = [];
    const target = join(dir, 'chosen.csv');
    const out = await handOverExport(
      result,
      async (name) => (asked.push(name), target),
      () => undefined,
    );
    expect(asked).toEqual(['dep-1-20261129-231500.csv']);
    expect(out).toEqual({ ...result, savedTo: target });
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(path, 'utf8'));
  });

  it('keeps the station copy only when cancelled, and says so when the chosen place fails', async () => {
    const { dir, result } = written();
    expect(
      await handOverExport(
        result,
        async () => null,
        () => undefined,
      ),
    ).toEqual({ ...result, savedTo: null });
    const lines: string[] = [];
    const out = await handOverExport(
      result,
      async () => join(dir, 'no-such-folder', 'x.csv'),
      (l) => lines.push(l),
    );
    expect(out).toMatchObject({
      ok: false,
      error: expect.stringMatching(/on the station at .*could not be saved/),
    });
    expect(lines.join('\n')).toMatch(/could not save a copy/);
  });

  it('asks nothing without a dialog (browser mode) or when the export failed', async () => {
    const { result } = written();
    let asked = 0;
    const ask = async () => (asked++, null);
    expect(await handOverExport(result, undefined, () => undefined)).toBe(result);
    const failed = { ok: false as const, error: 'disk full' };
    expect(await handOverExport(failed, ask, () => undefined)).toBe(failed);
    expect(asked).toBe(0);
  });
});
