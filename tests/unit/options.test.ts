import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../electron/cli/options';
import { checkFeedUrl, isLoopbackHost } from '../../electron/core/feed/url-policy';

function secretFile(text: string, mode = 0o600): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rs-opt-')), 'secret');
  writeFileSync(file, `${text}\n`, { mode });
  return file;
}

describe('command-line options', () => {
  it('parses every option, in both --x v and --x=v forms', () => {
    const r = parseOptions(
      [
        '--feed',
        'https://feed.example:8443',
        '--token=abc',
        '--data',
        '/tmp/d',
        '--key-dir=/tmp/k',
        '--port',
        '8080',
      ],
      {},
    );
    expect(r).toEqual({
      ok: true,
      options: {
        feed: 'https://feed.example:8443/',
        token: 'abc',
        data: '/tmp/d',
        keyDir: '/tmp/k',
        port: 8080,
        drills: [],
        rate: null,
        idp: null,
        clientId: null,
        roleClaim: null,
        lockAfterMinutes: null,
        archive: null,
        archiveReader: null,
        help: false,
      },
    });
  });

  it('takes the archive reader as --archive-reader-file or LFR_ARCHIVE_READER_URL, apart from --archive', () => {
    const url = 'postgres://auditor:secret@db.force.example:5432/lfr';
    const given = parseOptions(['--archive-reader-file', secretFile(url)], {});
    expect(given.ok && given.options).toMatchObject({ archiveReader: url, archive: null });
    const plain = parseOptions(['--archive-reader', 'postgres://auditor@db.force.example/lfr'], {});
    expect(plain.ok && plain.options.archiveReader).toBe('postgres://auditor@db.force.example/lfr');
    const env = parseOptions([], { LFR_ARCHIVE_READER_URL: url });
    expect(env.ok && env.options.archiveReader).toBe(url);
    const bad = parseOptions(['--archive-reader', 'mysql://u@h/db'], {});
    expect(!bad.ok && bad.error).toMatch(/--archive-reader must be a postgres:\/\/ URL/);
  });

  it('takes the evidence archive as --archive-file or LFR_ARCHIVE_URL, and refuses what is not a postgres URL', () => {
    const url = 'postgres://station_07:secret@db.force.example:5432/lfr';
    const given = parseOptions(['--archive-file', secretFile(url)], {});
    expect(given.ok && given.options.archive).toBe(url);
    const env = parseOptions([], { LFR_ARCHIVE_URL: url });
    expect(env.ok && env.options.archive).toBe(url);
    expect(parseOptions([], {}).ok && parseOptions([], {})).toMatchObject({ options: { archive: null } });
    for (const bad of ['https://db.force.example/lfr', 'postgres://db.force.example', 'not a url']) {
      const r = parseOptions(['--archive', bad], {});
      expect(r.ok).toBe(false);
    }
    const r = parseOptions(['--archive', 'mysql://u@h/db'], {});
    expect(!r.ok && r.error).toMatch(/postgres:\/\/ URL/);
    const fromEnv = parseOptions([], { LFR_ARCHIVE_URL: 'ftp://x' });
    expect(!fromEnv.ok && fromEnv.error).toMatch(/^LFR_ARCHIVE_URL: /);
  });

  it('refuses a password on the command line, with where to put it instead, and never repeats it', () => {
    for (const [option, env, file] of [
      ['--archive', 'LFR_ARCHIVE_URL', '--archive-file'],
      ['--archive-reader', 'LFR_ARCHIVE_READER_URL', '--archive-reader-file'],
    ] as const)
      for (const url of ['postgres://u:secret@db/lfr', 'postgres://u@db/lfr?password=secret']) {
        const r = parseOptions([option, url], {});
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        expect(r.error).toContain(env);
        expect(r.error).toContain(file);
        expect(r.error).not.toContain('secret');
      }
  });

  it('reads secrets from files only their owner can read', () => {
    const token = secretFile('feed-token-1');
    const r = parseOptions(['--feed', 'https://feed.example', '--token-file', token], {});
    expect(r.ok && r.options.token).toBe('feed-token-1');
    const open = secretFile('feed-token-2', 0o644);
    const refused = parseOptions(['--feed', 'https://feed.example', '--token-file', open], {});
    expect(!refused.ok && refused.error).toMatch(/can be read by others \(mode 644\); chmod 600/);
    const missing = parseOptions(['--archive-file', '/nonexistent/url'], {});
    expect(!missing.ok && missing.error).toMatch(/--archive-file: cannot read \/nonexistent\/url \(ENOENT\)/);
    const empty = parseOptions(['--token-file', secretFile('')], {});
    expect(!empty.ok && empty.error).toMatch(/is empty/);
  });

  it('takes single sign-on as --idp with --client-id (and an optional --role-claim), and a lock time', () => {
    const r = parseOptions(
      [
        '--idp',
        'https://login.force.example/realms/lfr',
        '--client-id',
        'review-station',
        '--role-claim=groups',
        '--lock-after',
        '5',
      ],
      {},
    );
    expect(r.ok && r.options).toMatchObject({
      idp: 'https://login.force.example/realms/lfr',
      clientId: 'review-station',
      roleClaim: 'groups',
      lockAfterMinutes: 5,
    });
    expect(parseOptions(['--idp', 'https://login.force.example'], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/both --idp .* and --client-id/),
    });
    expect(parseOptions(['--idp', 'http://idp.force.example', '--client-id', 'x'], {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/https/),
    });
    expect(parseOptions(['--role-claim', 'roles'], {})).toMatchObject({ ok: false });
    expect(parseOptions(['--lock-after', '0'], {})).toMatchObject({ ok: false });
  });

  it('takes the token from LFR_FEED_TOKEN when --token is absent', () => {
    const r = parseOptions(['--feed', 'https://feed.example'], { LFR_FEED_TOKEN: 'from-env' });
    expect(r.ok && r.options.token).toBe('from-env');
  });

  it.each([
    [['--colour', 'red'], /unknown option --colour/],
    [['--port', 'eighty'], /--port must be a whole number/],
    [['--port'], /--port needs a value/],
    [['--feed', 'http://192.168.1.20:3000', '--token', 't'], /refusing plain http feed/],
    [['--feed', 'https://feed.example'], /needs a credential/],
    [['stray'], /unexpected argument/],
    [['--drill', 'fire'], /unknown drill "fire"/],
  ])('refuses %j with a clear error and a usage line', (argv, message) => {
    const r = parseOptions(argv, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      expect(r.usage).toMatch(/^usage: npm start -- /);
    }
  });
});

describe('feed URL policy', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(checkFeedUrl('https://lfr.force.example/').ok).toBe(true);
    expect(checkFeedUrl('http://127.0.0.1:4000').ok).toBe(true);
    expect(checkFeedUrl('http://127.8.9.10:4000').ok).toBe(true);
    expect(checkFeedUrl('http://[::1]:4000').ok).toBe(true);
    expect(checkFeedUrl('http://localhost:4000').ok).toBe(true);
    expect(checkFeedUrl('http://10.0.0.1:4000').ok).toBe(false);
    expect(checkFeedUrl('http://128.0.0.1').ok).toBe(false);
    expect(checkFeedUrl('ftp://127.0.0.1').ok).toBe(false);
    expect(checkFeedUrl('https://user:pw@host').ok).toBe(false);
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.example.com')).toBe(false);
  });
});
