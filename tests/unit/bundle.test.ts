import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import {
  BundleError,
  extractBundle,
  importBundleInto,
  memberProblem,
  writeBundle,
  type ExportBundleInput,
} from '../../electron/core/replay/bundle';
import { loadReplayState } from '../../electron/core/replay/load';
import { readTar, tarHeader } from '../../electron/core/replay/tar';
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

/** A raw tar member; `type` other than '0' patches the type flag and the checksum. */
function member(name: string, body: Buffer, type = '0'): Buffer {
  const header = tarHeader(name.length > 100 ? 'x' : name, body.length, 0);
  if (name.length <= 100) header.fill(0, 0, 100).write(name, 0, 'utf8');
  header.write(type, 156, 'ascii');
  header.write('        ', 148, 'ascii');
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, pad]);
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
      entries: 31,
      images: 2,
      journalSha256: createHash('sha256').update(journalBytes).digest('hex'),
    });

    const imports = join(dir, 'imports');
    const first = await importBundleInto(bundle, imports);
    expect(first.created).toBe(true);
    expect(first.importId).toBe(`dep-fixture-${manifest.journalSha256.slice(0, 8)}`);
    const target = join(imports, first.importId);
    expect((await readFile(join(target, 'journal.jsonl'))).equals(journalBytes)).toBe(true);
    for (const image of Object.values(fx.images))
      expect(
        (await readFile(join(target, 'images', image.sha256))).equals(
          await readFile(join(fx.imagesDir, image.sha256)),
        ),
      ).toBe(true);
    expect((await readFile(join(target, 'public-key.txt'), 'utf8')).trim()).toBe(signer.publicKey);
    expect(JSON.parse(await readFile(join(target, 'checkpoint.json'), 'utf8'))).toMatchObject({ seq: 30 });
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
      [member('journal.jsonl', Buffer.alloc(0), '2'), /symbolic link/],
      [member('journal.jsonl', Buffer.alloc(0), '1'), /hard link/],
      [member('images/evil', Buffer.from('x')), /not a file a bundle holds/],
      [member('journal.jsonl', Buffer.from('x'), '5'), /not a regular file/],
      [member('pax', Buffer.from('x'), 'x'), /not a regular file/],
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
    const limits = { maxMembers: 3, maxJournalBytes: 100, maxImageBytes: 10, maxTotalBytes: 10_000 };
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

describe('tar', () => {
  it('reads back what it writes, across any chunking', async () => {
    const body = Buffer.from('x'.repeat(1500));
    const tar = Buffer.concat([
      member('journal.jsonl', body),
      member('manifest.json', Buffer.from('{}')),
      Buffer.alloc(1024),
    ]);
    for (const size of [1, 7, 512, 100_000]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < tar.length; i += size) chunks.push(tar.subarray(i, i + size));
      const got = new Map<string, Buffer[]>();
      const count = await readTar(
        (async function* () {
          yield* chunks;
        })(),
        (m) => {
          const parts: Buffer[] = [];
          got.set(m.name, parts);
          return { write: (c) => void parts.push(Buffer.from(c)), end: () => undefined };
        },
        { maxMembers: 10, maxSize: () => 10_000 },
      );
      expect(count).toBe(2);
      expect(Buffer.concat(got.get('journal.jsonl')!).equals(body)).toBe(true);
      expect(Buffer.concat(got.get('manifest.json')!).toString()).toBe('{}');
    }
  });
});
