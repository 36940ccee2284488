/**
 * Issue 23 item 4: the station's key, kept checkpoints and alarms live in a key folder
 * apart from the data folder (--key-dir; default the per-user config folder), 0700/0600
 * and this user's alone, or the station refuses to start. An old station's key moves out
 * of its data folder at the first start, so it keeps its identity.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateIdentity } from '../../electron/core/identity';
import { defaultKeyDir, KeyDirError, openKeyDir } from '../../electron/core/key-dir';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { closeAfterEach, startTestCore } from '../helpers/station';
import { tempDir, waitFor } from './util';

const TOKEN = 'key-dir-token';
const cleanup = closeAfterEach();
const posix = process.platform !== 'win32';
const mode = (path: string) => statSync(path).mode & 0o777;

describe('where the key folder is', () => {
  it('defaults to the per-user config folder, one folder per data folder, never inside it', () => {
    const env = { XDG_CONFIG_HOME: '/home/pc7/.config', HOME: '/home/pc7' };
    const a = defaultKeyDir('/srv/stations/van 7', env, 'linux');
    expect(a).toMatch(/^\/home\/pc7\/\.config\/review-station\/keys\/van-7-[0-9a-f]{12}$/);
    expect(defaultKeyDir('/srv/stations/van 7/', env, 'linux')).toBe(a);
    expect(defaultKeyDir('/srv/other/van 7', env, 'linux')).not.toBe(a);
    expect(defaultKeyDir('/srv/x', { HOME: '/home/pc8' }, 'linux')).toMatch(
      /^\/home\/pc8\/\.config\/review-station\/keys\/x-/,
    );
  });

  it('refuses a key folder inside the data folder', async () => {
    const data = tempDir('rs-keydir-data-');
    await expect(openKeyDir(join(data, 'keys'), data)).rejects.toThrow(/inside the data folder/);
    await expect(openKeyDir(data, data)).rejects.toBeInstanceOf(KeyDirError);
  });
});

describe.runIf(posix)('a key folder that is not this user’s alone', () => {
  it('is made 0700 when missing, and its files are written 0600', async () => {
    const data = tempDir('rs-keydir-data-');
    const keys = join(tempDir('rs-keydir-'), 'nested', 'keys');
    const previous = process.umask(0o022);
    try {
      await openKeyDir(keys, data);
      await loadOrCreateIdentity(keys);
    } finally {
      process.umask(previous);
    }
    expect(mode(keys)).toBe(0o700);
    for (const name of readdirSync(keys)) expect(mode(join(keys, name)), name).toBe(0o600);
  });

  it('is refused with what to do: group/other bits on the folder or a file, a link, another owner', async () => {
    const data = tempDir('rs-keydir-data-');
    const keys = tempDir('rs-keydir-');
    await loadOrCreateIdentity(keys);
    await expect(openKeyDir(keys, data)).resolves.toBeTruthy();

    chmodSync(keys, 0o750);
    await expect(openKeyDir(keys, data)).rejects.toThrow(
      /mode 750: other users may read or change it.*chmod 700/,
    );
    chmodSync(keys, 0o700);
    chmodSync(join(keys, 'station-key.pem'), 0o644);
    await expect(openKeyDir(keys, data)).rejects.toThrow(/station-key\.pem is mode 644/);
    chmodSync(join(keys, 'station-key.pem'), 0o600);
    symlinkSync('/etc/hostname', join(keys, 'linked'));
    await expect(openKeyDir(keys, data)).rejects.toThrow(/linked is a symbolic link/);

    const other = tempDir('rs-keydir-other-');
    writeFileSync(join(other, 'identity.json'), '{}', { mode: 0o600 });
    // Only root can give a file away; as anyone else the owner check is the same code path.
    if (process.getuid?.() === 0) {
      chownSync(join(other, 'identity.json'), 4242, 4242);
      await expect(openKeyDir(other, data)).rejects.toThrow(/owned by uid 4242, not by this user/);
    }
  });

  it('stops the station from starting, before any journal is opened', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
    cleanup.push(() => server.close());
    const data = tempDir('rs-keydir-data-');
    const keys = tempDir('rs-keydir-');
    chmodSync(keys, 0o755);
    await expect(
      startTestCore({ dataDir: data, keyDir: keys, feedUrl: server.url, token: TOKEN }),
    ).rejects.toThrow(/refusing the key folder/);
    expect(existsSync(join(data, 'deployments'))).toBe(false);
  });
});

describe('the key in the OS key store', () => {
  it('a key kept as a file is sealed once a key store is available, and opens only through it', async () => {
    const keys = tempDir('rs-keydir-');
    const plain = await loadOrCreateIdentity(keys);
    // Stands in for Electron's safeStorage (the Electron binary is the one thing mocked).
    const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
    const store = { kind: 'electron-safeStorage', encrypt: xor, decrypt: xor };
    const sealed = await loadOrCreateIdentity(keys, store);
    expect(sealed.publicKey).toBe(plain.publicKey);
    expect(readdirSync(keys).sort()).toEqual(['identity.json', 'station-key.sealed']);
    expect(JSON.parse(readFileSync(join(keys, 'identity.json'), 'utf8'))).toMatchObject({
      protectedBy: 'electron-safeStorage',
    });
    await expect(loadOrCreateIdentity(keys)).rejects.toThrow(/sealed by "electron-safeStorage"/);
    expect((await loadOrCreateIdentity(keys, store)).publicKey).toBe(plain.publicKey);
  });
});

describe('an existing station with its key in the data folder', () => {
  it('moves it out at the first start and keeps its identity; the old files are gone', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
    cleanup.push(() => server.close());
    const data = tempDir('rs-keydir-data-');
    // A station as made before the key folder: key, ledger and alarms in <data>/station.
    const before = await loadOrCreateIdentity(join(data, 'station'));
    writeFileSync(join(data, 'station', 'checkpoints.json'), '{"version":1,"journals":{}}\n', {
      mode: 0o600,
    });
    const keys = join(tempDir('rs-keydir-'), 'keys');
    const lines: string[] = [];
    const core = await startTestCore({
      dataDir: data,
      keyDir: keys,
      feedUrl: server.url,
      token: TOKEN,
      log: (l) => lines.push(l),
    });
    cleanup.push(() => core.close());
    let deployment: unknown = null;
    core.onEvent('state', (s) => (deployment = s.deployment));
    await waitFor(() => deployment, 'the deployment, journalled under the moved key');
    expect(lines.some((l) => /station key moved out of the data folder/.test(l))).toBe(true);
    for (const name of ['identity.json', 'station-key.pem', 'checkpoints.json'])
      expect(existsSync(join(data, 'station', name)), name).toBe(false);
    const after = await loadOrCreateIdentity(keys);
    expect(after.stationId).toBe(before.stationId);
    expect(after.publicKey).toBe(before.publicKey);
    expect(readdirSync(keys)).toEqual(
      expect.arrayContaining(['identity.json', 'station-key.pem', 'checkpoints.json']),
    );
  });

  it('refuses to start when the data folder holds a different key from the key folder', async () => {
    const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
    cleanup.push(() => server.close());
    const data = tempDir('rs-keydir-data-');
    const keys = tempDir('rs-keydir-');
    await loadOrCreateIdentity(join(data, 'station'));
    await loadOrCreateIdentity(keys);
    await expect(
      startTestCore({ dataDir: data, keyDir: keys, feedUrl: server.url, token: TOKEN }),
    ).rejects.toThrow(/not the one in the key folder/);
    expect(existsSync(join(data, 'station', 'identity.json'))).toBe(true);
  });
});
