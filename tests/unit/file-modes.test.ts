/**
 * Issue 10 item 13: what the station writes under its data folder is its own (0600
 * files, 0700 folders) whatever the umask, and a key "sealed" by Linux's basic_text
 * fallback is reported as unprotected.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../electron/core/data-lock';
import { createEphemeralSigner, loadOrCreateIdentity } from '../../electron/core/identity';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { saveSettings, DEFAULT_SETTINGS } from '../../electron/core/settings';
import { keyProtectionOf } from '../../electron/main/safe-storage-protector';
import { tempDir } from '../integration/util';

const posix = process.platform !== 'win32';
let previousUmask = 0;
beforeAll(() => {
  // The usual desktop umask: without explicit modes, files would be 0644 and folders 0755.
  if (posix) previousUmask = process.umask(0o022);
});
afterAll(() => {
  if (posix) process.umask(previousUmask);
});

async function walk(dir: string, found: Array<{ path: string; mode: number; dir: boolean }> = []) {
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path);
    found.push({ path, mode: info.mode & 0o777, dir: info.isDirectory() });
    if (info.isDirectory()) await walk(path, found);
  }
  return found;
}

describe.runIf(posix)('modes under the data folder', () => {
  it('creates every file 0600 and every folder 0700', async () => {
    const data = join(tempDir('rs-modes-'), 'data');
    const lock = await lockDataFolder(data);
    await loadOrCreateIdentity(join(data, 'station'));
    await saveSettings(join(data, 'station', 'settings.json'), { ...DEFAULT_SETTINGS });
    const { journal } = await Journal.open({
      file: join(data, 'deployments', 'dep-1', 'journal.jsonl'),
      deploymentId: 'dep-1',
      signer: createEphemeralSigner(),
      appVersion: 'test',
    });
    await journal.append('note', null, { text: 'hello' });
    await new ImageStore(join(data, 'deployments', 'dep-1', 'images')).put(Buffer.from('image bytes'));
    await journal.close('test');

    expect((await stat(data)).mode & 0o777).toBe(0o700);
    const found = await walk(data);
    expect(found.filter((f) => !f.dir).length).toBeGreaterThanOrEqual(5);
    const wrong = found
      .filter((f) => f.mode !== (f.dir ? 0o700 : 0o600))
      .map((f) => `${f.path.slice(data.length)} ${f.mode.toString(8)}`);
    expect(wrong).toEqual([]);
    await lock.release();
  });
});

describe('key protection', () => {
  const storage = (available: boolean, backend?: string) => ({
    isEncryptionAvailable: () => available,
    ...(backend ? { getSelectedStorageBackend: () => backend as 'basic_text' } : {}),
  });

  it('counts Linux basic_text (and an unknown backend) as no protection, with a warning naming it', () => {
    const basic = keyProtectionOf(storage(true, 'basic_text'), 'linux');
    expect(basic.protected).toBe(false);
    expect(basic.by).toBe('file permissions only (0600)');
    expect(basic.warning).toMatch(/"basic_text" backend/);
    expect(keyProtectionOf(storage(true, 'unknown'), 'linux').protected).toBe(false);
  });

  it('counts a real keyring or keychain as protection', () => {
    expect(keyProtectionOf(storage(true, 'gnome_libsecret'), 'linux')).toEqual({
      protected: true,
      by: 'OS keyring (gnome_libsecret)',
      warning: null,
    });
    expect(keyProtectionOf(storage(true), 'darwin').by).toBe('macOS Keychain');
    expect(keyProtectionOf(storage(false), 'win32').protected).toBe(false);
  });
});
