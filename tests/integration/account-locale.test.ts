/**
 * Issue 26: the language an officer chooses at sign-in is remembered with the station
 * account, through the one request pipeline of a real core over the real browser-mode
 * bridge, and comes back with the next sign-in so the screen switches to it. A wrong
 * password or a language the station does not speak changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountStore } from '../../electron/core/auth/account-store';
import { TrainingFeedServer } from '../../electron/simulator/feed-server';
import { startWebServer } from '../../electron/transport/web-server';
import { addAccounts, passwordFor } from '../helpers/accounts';
import { bridgeClient, closeAfterEach, startTestCore } from '../helpers/station';
import { tempDir, waitFor } from './util';

const TOKEN = 'feed-token';
const OFFICER = { id: 'PC 4410', name: 'Riley Shaw', role: 'officer' as const };
const cleanup = closeAfterEach();

async function setUp() {
  const server = await TrainingFeedServer.start({ rate: 0, token: TOKEN, scenes: false });
  cleanup.push(() => server.close());
  const dataDir = tempDir();
  await addAccounts(dataDir, [OFFICER]);
  const core = await startTestCore({ dataDir, feedUrl: server.url, token: TOKEN, log: () => {} });
  cleanup.push(() => core.close());
  const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  const web = await startWebServer({ core, rendererDir, log: () => {}, sso: core.sso });
  cleanup.push(() => web.close());
  const client = await bridgeClient(web.origin, web.token);
  cleanup.push(client.close);
  await waitFor(async () => (await client.call('getSnapshot')).deployment, 'deployment');
  const stored = async () => (await new AccountStore(dataDir).get(OFFICER.id))?.locale;
  return { ...client, stored };
}

const local = (extra: object = {}, password = passwordFor(OFFICER.id)) => ({
  method: 'local',
  id: OFFICER.id,
  password,
  ...extra,
});

describe('the interface language remembered with a station account', () => {
  it('keeps the language chosen at sign-in and answers with it at the next sign-in', async () => {
    const t = await setUp();
    // No choice yet: the account has no language and the screen keeps its own.
    const first = await t.call('signIn', local());
    expect(first).toEqual({ ok: true });
    expect(await t.stored()).toBeUndefined();
    await t.call('signOut', {});

    expect(await t.call('signIn', local({ locale: 'cy' }))).toMatchObject({ ok: true, locale: 'cy' });
    expect(await t.stored()).toBe('cy');
    await t.call('signOut', {});

    // Next time, on a screen where nobody chose: the account's language comes back.
    expect(await t.call('signIn', local())).toMatchObject({ ok: true, locale: 'cy' });
    await t.call('signOut', {});
    expect(await t.call('signIn', local({ locale: 'en-GB' }))).toMatchObject({ ok: true, locale: 'en-GB' });
    expect(await t.stored()).toBe('en-GB');
  });

  it('changes nothing on a wrong password or a language the station does not speak', async () => {
    const t = await setUp();
    expect(await t.call('signIn', local({ locale: 'cy' }))).toMatchObject({ ok: true });
    await t.call('signOut', {});

    const wrong = await t.call('signIn', local({ locale: 'en-GB' }, 'not the password at all'));
    expect(wrong).toMatchObject({ ok: false });
    expect(await t.stored()).toBe('cy');

    for (const locale of ['fr', 'en-XA', 'CY', '', 7])
      expect(await t.call('signIn', local({ locale }))).toMatchObject({ ok: false });
    expect(await t.stored()).toBe('cy');
    // The station is still there and the officer can sign in.
    expect(await t.call('signIn', local())).toMatchObject({ ok: true, locale: 'cy' });
  });
});
