/** Issue 21 item 7: `exports/` is 0700, whatever the umask, also when an older version made it 0755. */
import { mkdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportPath } from '../../electron/core/replay/exports';
import { tempDir } from '../integration/util';

describe.skipIf(process.platform === 'win32')('exports folder', () => {
  it('is made 0700, and an existing 0755 one is narrowed', async () => {
    const previous = process.umask(0o022);
    try {
      const fresh = join(tempDir(), 'exports');
      await exportPath(fresh, 'dep-1', 'csv', Date.UTC(2026, 0, 1));
      expect((await stat(fresh)).mode & 0o777).toBe(0o700);
      const old = join(tempDir(), 'exports');
      mkdirSync(old, { mode: 0o755 });
      expect((await stat(old)).mode & 0o777).toBe(0o755);
      await exportPath(old, 'dep-1', 'pdf', Date.UTC(2026, 0, 1));
      expect((await stat(old)).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });
});
