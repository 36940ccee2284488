/**
 * The station account store: argon2id hashes in a 0600 file, roles, disabled accounts,
 * and a lockout that grows with each failure past the free attempts.
 */
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AccountStore,
  FREE_ATTEMPTS,
  lockDelayMs,
  WRONG_CREDENTIAL,
} from '../../electron/core/auth/account-store';

const PASSWORD = 'correct horse battery';
const fresh = async (now?: () => number) =>
  new AccountStore(await mkdtemp(join(tmpdir(), 'accounts-')), now ? { now } : {});

describe('account store', () => {
  it('stores an argon2id hash (never the password) in a file only its owner can read', async () => {
    const store = await fresh();
    const added = await store.add({
      officerId: 'PC-101',
      name: 'Dana Reyes',
      role: 'supervisor',
      password: PASSWORD,
    });
    expect(added).not.toHaveProperty('passwordHash');
    const text = await readFile(store.file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    const file = JSON.parse(text) as { accounts: { passwordHash: string; role: string }[] };
    expect(file.accounts[0]!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(file.accounts[0]!.role).toBe('supervisor');
    if (process.platform !== 'win32') expect((await stat(store.file)).mode & 0o777).toBe(0o600);
  });

  it('signs in with the right password and takes the role from the account', async () => {
    const store = await fresh();
    await store.add({ officerId: 'PC-7', name: 'Sam Okafor', role: 'officer', password: PASSWORD });
    const ok = await store.authenticate('PC-7', PASSWORD);
    expect(ok).toMatchObject({
      ok: true,
      account: { officerId: 'PC-7', role: 'officer', name: 'Sam Okafor' },
    });
    expect(await store.authenticate('PC-7', 'wrong password!')).toMatchObject({
      ok: false,
      error: WRONG_CREDENTIAL,
    });
    // An unknown ID gets the same answer as a wrong password.
    expect(await store.authenticate('PC-404', PASSWORD)).toMatchObject({
      ok: false,
      error: WRONG_CREDENTIAL,
    });
  });

  it('refuses duplicates, short passwords and bad IDs', async () => {
    const store = await fresh();
    await store.add({ officerId: 'PC-1', name: 'A', role: 'officer', password: PASSWORD });
    await expect(
      store.add({ officerId: 'PC-1', name: 'B', role: 'officer', password: PASSWORD }),
    ).rejects.toThrow(/already has an account/);
    await expect(
      store.add({ officerId: 'PC-2', name: 'B', role: 'officer', password: 'short' }),
    ).rejects.toThrow(/at least 10/);
    await store.add({ officerId: 'PC 4521', name: 'C', role: 'officer', password: PASSWORD });
    for (const bad of ['../x', ' PC', 'PC  1', 'x'.repeat(65)])
      await expect(
        store.add({ officerId: bad, name: 'B', role: 'officer', password: PASSWORD }),
      ).rejects.toThrow(/officer ID/);
  });

  it('locks after the free attempts, longer with each further failure, and refuses even the right password while locked', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const store = await fresh(() => now);
    await store.add({ officerId: 'PC-9', name: 'Lee', role: 'officer', password: PASSWORD });
    for (let i = 1; i < FREE_ATTEMPTS; i++)
      expect((await store.authenticate('PC-9', 'nope nope nope')).ok).toBe(false);
    // Every refusal is the same answer: it does not tell an unknown ID from a locked account.
    const refused = { ok: false, error: WRONG_CREDENTIAL, refusal: { code: 'wrong-credential' } };
    expect(await store.authenticate('PC-9', 'nope nope nope')).toEqual(refused);
    expect((await store.get('PC-9'))!.lockedUntil).toBe(
      new Date(now + lockDelayMs(FREE_ATTEMPTS)).toISOString(),
    );
    expect(await store.authenticate('PC-9', PASSWORD)).toEqual(refused);
    expect(await store.authenticate('PC-404', PASSWORD)).toEqual(refused);
    now += lockDelayMs(FREE_ATTEMPTS) + 1;
    expect(await store.authenticate('PC-9', 'nope nope nope')).toEqual(refused);
    expect((await store.get('PC-9'))!.lockedUntil).toBe(
      new Date(now + lockDelayMs(FREE_ATTEMPTS + 1)).toISOString(),
    );
    expect(lockDelayMs(FREE_ATTEMPTS + 1)).toBe(2 * lockDelayMs(FREE_ATTEMPTS));
    now += lockDelayMs(FREE_ATTEMPTS + 1) + 1;
    expect(await store.authenticate('PC-9', PASSWORD)).toMatchObject({ ok: true });
    // Success clears the count.
    expect((await store.get('PC-9'))!.failedAttempts).toBe(0);
  });

  it('refuses a disabled account, and reset sets a new password and clears the lockout', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    const store = await fresh(() => now);
    await store.add({ officerId: 'PC-3', name: 'Kim', role: 'officer', password: PASSWORD });
    await store.disable('PC-3');
    expect(await store.authenticate('PC-3', PASSWORD)).toMatchObject({
      ok: false,
      error: 'this account is disabled',
    });
    await store.enable('PC-3');
    for (let i = 0; i < FREE_ATTEMPTS; i++) await store.authenticate('PC-3', 'nope nope nope');
    await store.reset('PC-3', 'a brand new passphrase');
    expect(await store.authenticate('PC-3', PASSWORD)).toMatchObject({ ok: false });
    expect(await store.authenticate('PC-3', 'a brand new passphrase')).toMatchObject({ ok: true });
  });

  it('refuses to use or overwrite a store that is not valid', async () => {
    const store = await fresh();
    await writeFile(store.file, '{"version":1,"accounts":[{"officerId":"x"}]}');
    await expect(store.authenticate('x', PASSWORD)).rejects.toThrow(/not a valid account store/);
    await expect(
      store.add({ officerId: 'PC-1', name: 'A', role: 'officer', password: PASSWORD }),
    ).rejects.toThrow(/not a valid/);
    expect(await readFile(store.file, 'utf8')).toBe('{"version":1,"accounts":[{"officerId":"x"}]}');
  });

  it('keeps every concurrent failure (changes are serialised, each re-reads the file)', async () => {
    const store = await fresh();
    await store.add({ officerId: 'PC-5', name: 'Ash', role: 'officer', password: PASSWORD });
    await Promise.all([1, 2].map(() => store.authenticate('PC-5', 'nope nope nope')));
    expect((await store.get('PC-5'))!.failedAttempts).toBe(2);
  });
});
