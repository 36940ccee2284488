import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import {
  BundleError,
  DEFAULT_BUNDLE_LIMITS,
  extractBundle,
  memberProblem,
  writeBundle,
  type ExportBundleInput,
} from '../../electron/core/replay/bundle';
import { importBundleInto } from '../../electron/core/replay/bundle-import';
import { loadReplayState } from '../../electron/core/replay/load';
import { create, Header, type types } from 'tar';
import { writeFixture, type Fixture } from './replay-fixture';

let dir: string;
let signer: Signer;
let fx: Fixture;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  signer = createEphemeralSigner();
  fx = await writeFixture(join(dir, 'station'), signer);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportInput(): Promise<ExportBundleInput> {
  const state = await loadReplayState({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  return {
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
    journalBytes: state.offset,
    deploymentId: 'dep-fixture',
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    lastCheckpoint: state.integrity.lastCheckpoint,
    images: state.builder.images,
  };
}

/** A raw tar member, its header encoded by the tar package itself (hostile ones included). */
function member(name: string, body: Buffer, type: types.EntryTypeName = 'File', linkpath?: string): Buffer {
  const header = new Header({
    path: name,
    mode: 0o644,
    size: body.length,
    mtime: new Date(0),
    type,
    ...(linkpath ? { linkpath } : {}),
  });
  header.encode();
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header.block!, body, pad]);
}

/** A pax extended header record giving the next member another path. */
function paxPath(path: string): Buffer {
  const rest = ` path=${path}\n`;
  let length = rest.length + 1;
  while (`${length}${rest}`.length !== length) length += 1;
  return member('PaxHeader', Buffer.from(`${length}${rest}`), 'ExtendedHeader');
}

const archive = (...members: Buffer[]) => gzipSync(Buffer.concat([...members, Buffer.alloc(1024)]));

describe('bundle export and import', () => {
  it('round-trips journal, images and key; importing again gives the same key', async () => {
    const bundle = join(dir, 'out.lfrbundle');
    const { manifest, bytes } = await writeBundle(bundle, await exportInput());
    expect(bytes).toBe((await stat(bundle)).size);
    const journalBytes = await readFile(fx.file);
    expect(manifest).toMatchObject({
      format: 'lfr-bundle/v1',
      deploymentId: 'dep-fixture',
      stationId: signer.stationId,
      publicKey: signer.publicKey,
      entries: journalBytes.toString('utf8').split('\n').length - 1,
      images: 2,
      journalSha256: createHash('sha256').update(journalBytes).digest('hex'),
    });

    const imports = join(dir, 'imports');
    const first = await importBundleInto(bundle, imports);
    expect(first.created).toBe(true);
    // Named by the bundle's own content hash.
    const bundleSha = createHash('sha256')
      .update(await readFile(bundle))
      .digest('hex');
    expect(first.importId).toBe(`dep-fixture-${bundleSha.slice(0, 16)}`);
    const target = join(imports, first.importId);
    expect((await readFile(join(target, 'journal.jsonl'))).equals(journalBytes)).toBe(true);
    for (const image of Object.values(fx.images))
      expect(
        (await readFile(join(target, 'images', image.sha256))).equals(
          await readFile(join(fx.imagesDir, image.sha256)),
        ),
      ).toBe(true);
    expect((await readFile(join(target, 'public-key.txt'), 'utf8')).trim()).toBe(signer.publicKey);
    expect(JSON.parse(await readFile(join(target, 'checkpoint.json'), 'utf8'))).toMatchObject({
      seq: manifest.entries - 1,
    });
    expect(first.extracted?.report.ok).toBe(true);
    expect(first.extracted?.problems).toEqual([]);

    const again = await importBundleInto(bundle, imports);
    expect(again).toMatchObject({ importId: first.importId, created: false });
    expect((await readdir(imports)).filter((n) => !n.startsWith('.'))).toEqual([first.importId]);
    expect((await readdir(imports)).some((n) => n.startsWith('.incoming'))).toBe(false);
  });

  it('imports a tampered journal, flagged', async () => {
    const entries = (await readFile(fx.file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEntry);
    entries[10]!.at = '2026-01-01T00:00:00.000Z';
    await writeFile(fx.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const bundle = join(dir, 'tampered.lfrbundle');
    await writeBundle(bundle, await exportInput());
    const result = await importBundleInto(bundle, join(dir, 'imports'));
    expect(result.created).toBe(true);
    expect(result.extracted?.report.failure).toEqual({ seq: 11, reason: 'hash does not match the entry' });
  });

  it('flags a journal changed after export (manifest hash)', async () => {
    const input = await exportInput();
    const bundle = join(dir, 'b.lfrbundle');
    const { manifest } = await writeBundle(bundle, input);
    const journal = await readFile(fx.file);
    const rebuilt = archive(
      member('manifest.json', Buffer.from(JSON.stringify({ ...manifest, journalSha256: 'a'.repeat(64) }))),
      member('public-key.txt', Buffer.from(signer.publicKey)),
      member('journal.jsonl', journal),
    );
    await writeFile(bundle, rebuilt);
    const extracted = await extractBundle(bundle, join(dir, 'x'));
    expect(extracted.problems[0]).toMatch(/does not match the journalSha256/);
  });

  it('refuses a bundle whose journal was opened with another key than it carries', async () => {
    const other = createEphemeralSigner();
    const bundle = join(dir, 'other-key.lfrbundle');
    await writeBundle(bundle, { ...(await exportInput()), publicKey: other.publicKey });
    await expect(importBundleInto(bundle, join(dir, 'imports'))).rejects.toThrow(
      /different key than public-key\.txt/,
    );
    expect((await readdir(join(dir, 'imports'))).length).toBe(0);
  });
});

describe('hostile archives', () => {
  const manifestFor = (journal: Buffer) =>
    Buffer.from(
      JSON.stringify({
        format: 'lfr-bundle/v1',
        deploymentId: 'dep-fixture',
        stationId: 's',
        publicKey: signer.publicKey,
        createdAt: '',
        entries: 1,
        journalSha256: createHash('sha256').update(journal).digest('hex'),
        images: 0,
      }),
    );

  async function attempt(bytes: Buffer, limits?: Parameters<typeof extractBundle>[2]) {
    const file = join(dir, 'evil.lfrbundle');
    await writeFile(file, bytes);
    const target = join(dir, 'sandbox', 'x');
    await rm(target, { recursive: true, force: true });
    const outcome = await extractBundle(file, target, limits).then(
      () => null,
      (e: unknown) => e,
    );
    return outcome;
  }

  it('refuses paths that climb out, absolute paths, links and unknown names', async () => {
    const j = await readFile(fx.file);
    const cases: Array<[Buffer, RegExp]> = [
      [member('../evil', Buffer.from('x')), /climbs out/],
      [member('images/../../evil', Buffer.from('x')), /climbs out/],
      [member('/etc/passwd', Buffer.from('x')), /absolute path/],
      [member('C:/windows/x', Buffer.from('x')), /absolute path/],
      [member('journal.jsonl', Buffer.alloc(0), 'SymbolicLink', '/etc/passwd'), /symbolic link/],
      [member('journal.jsonl', Buffer.alloc(0), 'Link', 'manifest.json'), /hard link/],
      [member('images/evil', Buffer.from('x')), /not a file a bundle holds/],
      [member('images', Buffer.alloc(0), 'Directory'), /is a folder/],
      [member('journal.jsonl', Buffer.alloc(0), 'FIFO'), /is a pipe/],
      [member('journal.jsonl', Buffer.alloc(0), 'CharacterDevice'), /is a device/],
      // A pax header renames the member after it: the name that counts is the one it ends up with.
      [Buffer.concat([paxPath('../../evil'), member('journal.jsonl', Buffer.from('x'))]), /climbs out/],
    ];
    for (const [bad, why] of cases) {
      const error = await attempt(archive(member('manifest.json', manifestFor(j)), bad));
      expect(error).toBeInstanceOf(BundleError);
      expect((error as Error).message).toMatch(why);
    }
    // Nothing escaped the sandbox.
    expect(await stat(join(dir, 'evil')).catch(() => null)).toBeNull();
    expect(await stat(join(dir, 'sandbox', 'evil')).catch(() => null)).toBeNull();
  });

  it('refuses duplicates, too many members, oversized members, damage and truncation', async () => {
    const j = await readFile(fx.file);
    const limits = {
      maxMembers: 3,
      maxJournalBytes: 100,
      maxImageBytes: 10,
      maxTotalBytes: 10_000,
      keepFreeBytes: 0,
    };
    expect(
      await attempt(
        archive(member('journal.jsonl', Buffer.from('a')), member('journal.jsonl', Buffer.from('b'))),
      ),
    ).toMatchObject({
      message: expect.stringMatching(/appears twice/),
    });
    const four = Array.from({ length: 4 }, (_, i) =>
      member(`images/${String(i).repeat(64)}`, Buffer.from('x')),
    );
    expect(await attempt(archive(...four), limits)).toMatchObject({
      message: expect.stringMatching(/more than 3 members/),
    });
    expect(await attempt(archive(member('journal.jsonl', j)), limits)).toMatchObject({
      message: expect.stringMatching(/over the limit of 100/),
    });
    expect(await attempt(Buffer.from('not gzip at all'))).toMatchObject({
      message: expect.stringMatching(/not a gzip archive/),
    });
    const whole = Buffer.concat([member('manifest.json', manifestFor(j)), member('journal.jsonl', j)]);
    expect(await attempt(gzipSync(whole.subarray(0, whole.length - 700)))).toMatchObject({
      message: expect.stringMatching(/cut short/),
    });
    const bad = member('journal.jsonl', Buffer.from('x'));
    bad[0] = 'k'.charCodeAt(0);
    expect(await attempt(archive(bad))).toMatchObject({ message: expect.stringMatching(/checksum/) });
  });

  it('knows the names a bundle may hold', () => {
    expect(memberProblem('manifest.json')).toBeNull();
    expect(memberProblem(`images/${'a'.repeat(64)}`)).toBeNull();
    expect(memberProblem('images/sub/x')).toMatch(/not a file/);
    expect(memberProblem('a\\b')).toMatch(/absolute/);
  });
});

describe('import limits', () => {
  /** A bundle of a few KiB whose journal unpacks to `mib` MiB. */
  async function bomb(mib: number): Promise<string> {
    const journal = Buffer.alloc(mib * 1024 * 1024, 0x61);
    const manifest = Buffer.from(
      JSON.stringify({
        format: 'lfr-bundle/v1',
        deploymentId: 'dep-fixture',
        publicKey: signer.publicKey,
        journalSha256: createHash('sha256').update(journal).digest('hex'),
      }),
    );
    const file = join(dir, 'bomb.lfrbundle');
    await writeFile(
      file,
      archive(
        member('manifest.json', manifest),
        member('public-key.txt', Buffer.from(signer.publicKey)),
        member('journal.jsonl', journal),
      ),
    );
    return file;
  }

  /** A small real disk (tmpfs) when this runs as root; else the free space is injected. */
  async function smallDisk(
    mib: number,
  ): Promise<{ dir: string; free?: () => Promise<number>; done(): void }> {
    const mount = join(dir, 'small-disk');
    await mkdir(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m`, 'tmpfs', mount], { stdio: 'ignore' });
      return { dir: mount, done: () => execFileSync('umount', [mount]) };
    } catch {
      return { dir: mount, free: async () => mib * 1024 * 1024, done: () => undefined };
    }
  }

  it('weighs what a bundle unpacks to against the free disk before writing a byte', async () => {
    const file = await bomb(24);
    expect((await stat(file)).size).toBeLessThan(200 * 1024);
    const disk = await smallDisk(8);
    try {
      const imports = join(disk.dir, 'imports');
      const error = await importBundleInto(file, imports, {
        limits: { ...DEFAULT_BUNDLE_LIMITS, keepFreeBytes: 1024 * 1024 },
        ...(disk.free ? { freeBytes: disk.free } : {}),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BundleError);
      expect((error as Error).message).toMatch(
        /unpacks to 24\.0 MiB, and the disk has [\d.]+ MiB free \(an import must leave 1\.0 MiB/,
      );
      // Nothing was unpacked: the folder is as empty as it started.
      expect(await readdir(imports)).toEqual([]);
      const used = Number(execFileSync('du', ['-sk', disk.dir]).toString().split(/\s/)[0]);
      expect(used).toBeLessThan(64);
    } finally {
      disk.done();
    }
  });

  it('takes the same bundle where there is room, and leaves the imported journal read-only', async () => {
    const bundle = join(dir, 'out.lfrbundle');
    await writeBundle(bundle, await exportInput());
    const imports = join(dir, 'imports');
    const { importId } = await importBundleInto(bundle, imports);
    const target = join(imports, importId);
    expect((await stat(join(target, 'journal.jsonl'))).mode & 0o777).toBe(0o400);
    for (const name of await readdir(join(target, 'images')))
      expect((await stat(join(target, 'images', name))).mode & 0o777).toBe(0o400);
    expect((await stat(target)).mode & 0o777).toBe(0o700);
  });
});

describe('archives made by other tools', () => {
  it('refuses real symbolic and hard links packed by tar itself, writing nothing through them', async () => {
    const src = join(dir, 'src');
    await mkdir(src);
    await writeFile(join(src, 'manifest.json'), '{}');
    await symlink('/etc/passwd', join(src, 'journal.jsonl'));
    const bundle = join(dir, 'links.lfrbundle');
    await writeFile(
      bundle,
      Buffer.concat(await create({ gzip: true, cwd: src }, ['manifest.json', 'journal.jsonl']).collect()),
    );
    const error = await extractBundle(bundle, join(dir, 'sandbox')).catch((e: unknown) => e);
    expect(String(error)).toMatch(/"journal\.jsonl" is a symbolic link/);
    expect(await stat(join(dir, 'sandbox')).catch(() => null)).toBeNull();
  });

  it('reads a bundle written by the system tar (plain ustar, gzip)', async () => {
    const tarBinary = (() => {
      try {
        execFileSync('tar', ['--version']);
        return true;
      } catch {
        return false;
      }
    })();
    if (!tarBinary) return;
    const bundle = join(dir, 'out.lfrbundle');
    await writeBundle(bundle, await exportInput());
    const unpacked = join(dir, 'unpacked');
    await mkdir(unpacked);
    execFileSync('tar', ['-xzf', bundle, '-C', unpacked]);
    const repacked = join(dir, 'repacked.lfrbundle');
    execFileSync('tar', ['--format=ustar', '-czf', repacked, '-C', unpacked, '.']);
    // GNU tar adds "./" and folder members: the station refuses folders, so repack file by file.
    const names = (await readdir(join(unpacked, 'images'))).map((n) => `images/${n}`);
    execFileSync('tar', [
      '--format=ustar',
      '-czf',
      repacked,
      '-C',
      unpacked,
      'manifest.json',
      'public-key.txt',
      'checkpoint.json',
      'journal.jsonl',
      ...names,
    ]);
    const extracted = await extractBundle(repacked, join(dir, 'x'));
    expect(extracted.report.ok).toBe(true);
    expect(extracted.problems).toEqual([]);
  });
});
