import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateIdentity, verifySignature, type KeyProtector } from '../../electron/core/identity';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'identity-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

/** Stands in for safeStorage: reversible, and visibly not the PEM. */
const xorProtector: KeyProtector = {
  kind: 'test-xor',
  encrypt: (plain) => Buffer.from(plain.map((b) => b ^ 0x5a)),
  decrypt: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)),
};

describe('station identity', () => {
  it('is created once, kept in 0600 files, and the same on every later load', async () => {
    const keysDir = join(dir, 'nested', 'keys');
    const first = await loadOrCreateIdentity(keysDir);
    expect(first.stationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(32);

    const identity = JSON.parse(await readFile(join(keysDir, 'identity.json'), 'utf8'));
    expect(identity).toEqual({
      stationId: first.stationId,
      publicKey: first.publicKey,
      keyFile: 'station-key.pem',
      protectedBy: 'none',
    });
    const pem = await readFile(join(keysDir, 'station-key.pem'), 'utf8');
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    if (posix) expect((await stat(join(keysDir, 'station-key.pem'))).mode & 0o777).toBe(0o600);
    // The PEM really is the key behind the public key.
    const jwk = createPublicKey(createPrivateKey(pem)).export({ format: 'jwk' });
    expect(jwk.x).toBe(first.publicKey);

    const again = await loadOrCreateIdentity(keysDir);
    expect(again.stationId).toBe(first.stationId);
    expect(again.publicKey).toBe(first.publicKey);
    const sig = again.sign('hello');
    expect(verifySignature(first.publicKey, 'hello', sig)).toBe(true);
    expect(verify(null, Buffer.from('hello'), createPrivateKey(pem), Buffer.from(sig, 'base64url'))).toBe(
      true,
    );
  });

  it('gives concurrent first callers the same identity', async () => {
    const [a, b] = await Promise.all([loadOrCreateIdentity(dir), loadOrCreateIdentity(dir)]);
    expect(a.stationId).toBe(b.stationId);
    expect((await loadOrCreateIdentity(dir)).publicKey).toBe(a.publicKey);
  });

  it('seals the key with a protector and needs it to load again', async () => {
    const signer = await loadOrCreateIdentity(dir, xorProtector);
    const sealed = await readFile(join(dir, 'station-key.sealed'));
    expect(sealed.toString('latin1')).not.toContain('PRIVATE KEY');
    if (posix) expect((await stat(join(dir, 'station-key.sealed'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(join(dir, 'identity.json'), 'utf8'))).toMatchObject({
      keyFile: 'station-key.sealed',
      protectedBy: 'test-xor',
    });
    const again = await loadOrCreateIdentity(dir, xorProtector);
    expect(again.publicKey).toBe(signer.publicKey);
    await expect(loadOrCreateIdentity(dir)).rejects.toThrow(/sealed by "test-xor"/);
  });

  it('refuses a key file that does not match identity.json', async () => {
    await loadOrCreateIdentity(dir);
    const other = await loadOrCreateIdentity(join(dir, 'other'));
    const identity = JSON.parse(await readFile(join(dir, 'identity.json'), 'utf8'));
    await writeFile(join(dir, 'identity.json'), JSON.stringify({ ...identity, publicKey: other.publicKey }));
    await expect(loadOrCreateIdentity(dir)).rejects.toThrow(/does not match/);
  });

  it('verifySignature rejects altered text, another key and malformed input', async () => {
    const a = await loadOrCreateIdentity(join(dir, 'a'));
    const b = await loadOrCreateIdentity(join(dir, 'b'));
    const sig = a.sign('lfr-journal-checkpoint/v1\n');
    expect(verifySignature(a.publicKey, 'lfr-journal-checkpoint/v1\n', sig)).toBe(true);
    expect(verifySignature(a.publicKey, 'lfr-journal-checkpoint/v2\n', sig)).toBe(false);
    expect(verifySignature(b.publicKey, 'lfr-journal-checkpoint/v1\n', sig)).toBe(false);
    expect(verifySignature('not-a-key', 'x', sig)).toBe(false);
    expect(verifySignature(a.publicKey, 'x', 'short')).toBe(false);
  });
});
