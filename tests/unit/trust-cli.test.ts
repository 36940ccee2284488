/** The station's trust list and `npm run trust`: list, add, remove, export, with --data like the other CLIs. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/trust';
import { createEphemeralSigner, loadOrCreateIdentity, type Signer } from '../../electron/core/identity';
import { Journal } from '../../electron/core/journal/journal';
import { keyFingerprint, parseTrustFile } from '../../electron/core/journal/trust';
import { readOwnKey, TrustListStore } from '../../electron/core/trust-list';
import { capture } from '../helpers/cli';

const root = resolve(__dirname, '../..');
let data: string;
let keyDir: string;
let own: Signer;

async function trust(...args: string[]) {
  const out = capture();
  const err = capture();
  const code = await main([...args, '--data', data, '--key-dir', keyDir], out, err, {});
  return { code, out: out.text, err: err.text };
}

beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'trust-cli-'));
  keyDir = await mkdtemp(join(tmpdir(), 'trust-cli-keys-'));
  // The key lives in the key folder, apart from the data folder (core/key-dir.ts).
  own = await loadOrCreateIdentity(keyDir);
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
  await rm(keyDir, { recursive: true, force: true });
});

describe('npm run trust', () => {
  it('lists the station’s own key first, before anything is enrolled', async () => {
    const r = await trust('list');
    expect(r.code).toBe(0);
    expect(parseTrustFile(r.out)).toEqual([
      { stationId: own.stationId, publicKey: own.publicKey, label: 'this station' },
    ]);
    expect(r.out).toContain(`# fingerprint ${keyFingerprint(own.publicKey)} (this station)`);
  });

  it('adds, relabels and removes keys in a 0600 file that is itself a trust file', async () => {
    const other = createEphemeralSigner();
    expect((await trust('add', other.stationId, other.publicKey, 'Van', '7')).out).toBe(
      `added ${other.stationId} ${other.publicKey} Van 7\n`,
    );
    expect((await trust('add', other.stationId, other.publicKey, 'Van 8')).out).toMatch(/^relabelled /);
    const file = join(data, 'station', 'trust-list.txt');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(parseTrustFile(await readFile(file, 'utf8'))).toEqual([
      { stationId: own.stationId, publicKey: own.publicKey, label: 'this station' },
      { stationId: other.stationId, publicKey: other.publicKey, label: 'Van 8' },
    ]);
    const removed = await trust('remove', keyFingerprint(other.publicKey));
    expect(removed).toMatchObject({ code: 0, out: `removed ${other.stationId} ${other.publicKey} Van 8\n` });
    expect(parseTrustFile((await trust('list')).out)).toHaveLength(1);
  });

  it('adds every key of a trust file', async () => {
    const [a, b] = [createEphemeralSigner(), createEphemeralSigner()];
    const file = join(data, 'incoming.txt');
    await writeFile(
      file,
      `# from the auditor\n${a.stationId} ${a.publicKey} A\n\n${b.stationId}\t${b.publicKey}\n`,
    );
    expect((await trust('add', '--file', file)).code).toBe(0);
    const keys = (await new TrustListStore(join(data, 'station'), await readOwnKey(keyDir)).entries()).map(
      (e) => e.publicKey,
    );
    expect(keys).toEqual([own.publicKey, a.publicKey, b.publicKey]);
  });

  it('refuses bad keys, the station’s own key and unknown removals; usage errors exit 2', async () => {
    expect(await trust('add', 'st-1', 'not-a-key')).toMatchObject({
      code: 1,
      err: expect.stringContaining('43 base64url'),
    });
    expect((await trust('remove', own.publicKey)).code).toBe(1);
    expect((await trust('remove', 'ffff:ffff')).err).toContain('no key ffff:ffff');
    for (const args of [
      ['frobnicate'],
      ['add', 'only-one'],
      ['list', 'extra'],
      ['export', '--file', 'x'],
      ['remove'],
    ])
      expect((await trust(...args)).code).toBe(2);
  });

  it('says a damaged trust list is damaged instead of trusting nothing or everything', async () => {
    await mkdir(join(data, 'station'), { recursive: true });
    await writeFile(join(data, 'station', 'trust-list.txt'), 'garbage line\n');
    const r = await trust('list');
    expect(r.code).toBe(1);
    expect(r.err).toContain("the station's trust list is damaged");
  });

  it('reads the key of a station not yet started with a key folder from its data folder', async () => {
    const older = await loadOrCreateIdentity(join(data, 'station'));
    await rm(keyDir, { recursive: true, force: true });
    expect((await trust('export')).out).toBe(`${older.stationId} ${older.publicKey} this station\n`);
  });

  it('exports this station’s line, which `npm run verify -- --trust` accepts for its journals', async () => {
    const exported = join(data, 'station-a.trust');
    const r = await trust('export', '--out', exported);
    expect(r.code).toBe(0);
    expect(await readFile(exported, 'utf8')).toBe(`${own.stationId} ${own.publicKey} this station\n`);
    expect((await trust('export')).out).toBe(`${own.stationId} ${own.publicKey} this station\n`);

    const journalFile = join(data, 'deployments', 'dep-t', 'journal.jsonl');
    const { journal } = await Journal.open({
      file: journalFile,
      deploymentId: 'dep-t',
      signer: own,
      appVersion: 't',
    });
    await journal.close();
    const verify = await promisify(execFile)(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['electron/cli/verify.ts', journalFile, '--trust', exported],
      { cwd: root },
    );
    expect(verify.stdout).toMatch(/^verified: signed by a trusted key \(this station\)/);
  });

  it('runs as `npm run trust` and says when the data folder has no station yet', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'trust-empty-'));
    try {
      const run = promisify(execFile)(
        join(root, 'node_modules', '.bin', 'tsx'),
        [
          'electron/cli/trust.ts',
          'export',
          '--data',
          empty,
          '--key-dir',
          join(empty, '..', `${basename(empty)}.keys`),
        ],
        { cwd: root },
      );
      await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no key yet') });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
