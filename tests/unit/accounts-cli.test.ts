/**
 * `npm run accounts`: add, list, disable, reset; the password from standard input,
 * never from the command line. One run goes through the real script with a pipe.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/accounts';
import { AccountStore } from '../../electron/core/auth/account-store';
import { capture } from '../helpers/cli';

const root = resolve(__dirname, '../..');
const PASSWORD = 'correct horse battery';

async function run(args: string[], password = PASSWORD) {
  const out = capture();
  const err = capture();
  const code = await main(args, out, err, async () => password);
  return { code, out: out.text, err: err.text };
}

describe('accounts CLI', () => {
  it('adds a supervisor through the real script, the password piped on standard input', async () => {
    const data = await mkdtemp(join(tmpdir(), 'accounts-cli-'));
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli/accounts.ts',
        'add',
        'SGT-1',
        '--name',
        'Dana Reyes',
        '--role',
        'supervisor',
        '--data',
        data,
      ],
      { cwd: root, input: `${PASSWORD}\n`, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('added SGT-1 (supervisor)');
    expect(result.status).toBe(0);
    const text = await readFile(join(data, 'accounts.json'), 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(await new AccountStore(data).authenticate('SGT-1', PASSWORD)).toMatchObject({
      ok: true,
      account: { role: 'supervisor' },
    });
  });

  it('lists, disables, enables and resets', async () => {
    const data = await mkdtemp(join(tmpdir(), 'accounts-cli-'));
    expect(
      (await run(['add', 'PC-7', '--name', 'Sam Okafor', '--role', 'officer', '--data', data])).code,
    ).toBe(0);
    expect((await run(['list', '--data', data])).out).toBe('PC-7\tofficer\tactive\tSam Okafor\n');
    expect((await run(['disable', 'PC-7', '--data', data])).code).toBe(0);
    expect((await run(['list', '--data', data])).out).toContain('\tdisabled\t');
    expect((await run(['enable', 'PC-7', '--data', data])).code).toBe(0);
    expect((await run(['reset', 'PC-7', '--data', data], 'another good password')).code).toBe(0);
    const store = new AccountStore(data);
    expect(await store.authenticate('PC-7', 'another good password')).toMatchObject({ ok: true });
  });

  it('explains bad usage and refusals', async () => {
    const data = await mkdtemp(join(tmpdir(), 'accounts-cli-'));
    expect(await run(['add', 'PC-1', '--name', 'X', '--data', data])).toMatchObject({ code: 2 });
    expect((await run(['add', 'PC-1', '--name', 'X', '--role', 'admin', '--data', data])).err).toMatch(
      /--role is officer or supervisor/,
    );
    expect((await run(['frobnicate'])).code).toBe(2);
    expect(await run(['disable', 'PC-404', '--data', data])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no account/),
    });
    expect(
      await run(['add', 'PC-1', '--name', 'X', '--role', 'officer', '--data', data], 'short'),
    ).toMatchObject({
      code: 1,
      err: expect.stringMatching(/at least 10/),
    });
    expect((await run(['--help'])).out).toContain('usage: npm run accounts -- add <officerId>');
  });
});
