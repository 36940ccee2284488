/**
 * Issue 21 item 5, bundles: an import is named by the bundle's content hash (the same
 * bundle twice is one copy; a genuine bundle after a forged one of the same name is its
 * own import, verified), and imports count against a quota: over it, a bundle is refused
 * with the reason, and unpacking stops before it is written.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Header } from 'tar';
import type { Integrity } from '../../shared/replay';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { BundleError, writeBundle, type ExportBundleInput } from '../../electron/core/replay/bundle';
import { importBundleInto, importedBytes } from '../../electron/core/replay/bundle-import';
import { importBundleFor } from '../../electron/core/replay/imports';
import { loadReplayState } from '../../electron/core/replay/load';
import { writeFixture, type Fixture } from './replay-fixture';

const MiB = 1024 ** 2;
let dir: string;
let signer: Signer;
let fx: Fixture;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-import-'));
  signer = createEphemeralSigner();
  fx = await writeFixture(join(dir, 'station'), signer);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function exportInput(imagesDir = fx.imagesDir): Promise<ExportBundleInput> {
  const state = await loadReplayState({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  return {
    journalFile: fx.file,
    imagesDir,
    journalBytes: state.offset,
    deploymentId: 'dep-fixture',
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    lastCheckpoint: state.integrity.lastCheckpoint,
    images: state.builder.images,
  };
}

/** Import `file` as a supervisor would (the path a dialog chose), and the verdict the listing shows. */
async function importAs(file: string, imports: string, quotaBytes?: number) {
  let verdict: Integrity | null = null;
  const result = await importBundleFor(
    {
      importsDir: imports,
      pickBundle: async () => file,
      quotaBytes,
      trustNow: async () => null,
      imported: (_key, _deployment, _id, integrity) => (verdict = integrity),
      now: () => Date.parse('2026-03-01T12:00:00Z'),
      log: () => undefined,
    },
    { id: 'SGT 1', name: 'Sgt One' },
    {},
  );
  return { result, verdict: verdict as Integrity | null };
}

/** A bundle of a few KiB whose journal unpacks to `mib` MiB of `fill`. */
async function bomb(name: string, mib: number, fill: number): Promise<string> {
  const journal = Buffer.alloc(mib * MiB, fill);
  const manifest = JSON.stringify({
    format: 'lfr-bundle/v1',
    deploymentId: 'dep-bomb',
    publicKey: signer.publicKey,
    journalSha256: createHash('sha256').update(journal).digest('hex'),
  });
  const member = (path: string, body: Buffer) => {
    const header = new Header({ path, mode: 0o644, size: body.length, mtime: new Date(0), type: 'File' });
    header.encode();
    return Buffer.concat([header.block!, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
  };
  const file = join(dir, name);
  await writeFile(
    file,
    gzipSync(
      Buffer.concat([
        member('manifest.json', Buffer.from(manifest)),
        member('public-key.txt', Buffer.from(signer.publicKey)),
        member('journal.jsonl', journal),
        Buffer.alloc(1024),
      ]),
    ),
  );
  return file;
}

describe('imports by content hash', () => {
  it('shows a genuine bundle verified after a forged copy of the same name was imported', async () => {
    // The forgery: the same journal, one face swapped, under the genuine bundle's file name.
    const forgedImages = join(dir, 'forged', 'images');
    await cp(fx.imagesDir, forgedImages, { recursive: true });
    const [swapped] = await readdir(forgedImages);
    await writeFile(join(forgedImages, swapped!), Buffer.from('another face'));
    await mkdir(join(dir, 'from-elsewhere'));
    const forged = join(dir, 'forged', 'dep-fixture.lfrbundle');
    const genuine = join(dir, 'from-elsewhere', 'dep-fixture.lfrbundle');
    await writeBundle(forged, await exportInput(forgedImages));
    await writeBundle(genuine, await exportInput());
    const imports = join(dir, 'imports');

    const first = await importAs(forged, imports);
    expect(first.result.ok).toBe(true);
    expect(first.verdict?.status).toBe('tampered');
    const second = await importAs(genuine, imports);
    expect(second.result.ok).toBe(true);
    expect(second.verdict?.status).not.toBe('tampered');
    expect(second.verdict?.images.altered).toBe(0);
    expect(second.result).not.toEqual(first.result);

    // The genuine one again: the same import, one copy.
    const again = await importBundleInto(genuine, imports);
    expect(again.created).toBe(false);
    expect(`import:${again.importId}`).toBe((second.result as { key: string }).key);
    expect((await readdir(imports)).filter((n) => !n.startsWith('.'))).toHaveLength(2);
  });
});

describe('the import quota', () => {
  it('refuses a bundle that would take imports over the quota, writing none of it; the same bundle again is free', async () => {
    const imports = join(dir, 'imports');
    const quota = 40 * MiB;
    const a = await bomb('a.lfrbundle', 24, 0x61);
    const b = await bomb('b.lfrbundle', 24, 0x62);
    expect((await stat(a)).size).toBeLessThan(200 * 1024);

    const first = await importBundleInto(a, imports, { quotaBytes: quota });
    expect(first.created).toBe(true);
    expect(await importedBytes(imports)).toBeGreaterThanOrEqual(24 * MiB);
    // The same bundle three times is one copy, whatever the quota.
    for (let i = 0; i < 2; i++)
      expect(await importBundleInto(a, imports, { quotaBytes: quota })).toMatchObject({
        importId: first.importId,
        created: false,
      });

    const over = await importAs(b, imports, quota);
    expect(over.result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^bundle refused: it unpacks to more than the 16\.0 MiB left of the import quota \(40\.0 MiB, --import-quota; earlier imports take 24\.0 MiB\)/,
      ),
    });
    expect(await readdir(imports)).toEqual([first.importId]);
    expect(await importedBytes(imports)).toBeLessThan(25 * MiB);
  });

  it('refuses at once when the quota is already taken, and counts imports made before sizes were recorded', async () => {
    const imports = join(dir, 'imports');
    const { importId } = await importBundleInto(await bomb('a.lfrbundle', 3, 0x61), imports);
    // An import recorded before its size was: counted by what its files add up to.
    const record = join(imports, importId, 'import.json');
    const { bytes: _bytes, ...older } = JSON.parse(await readFile(record, 'utf8')) as Record<string, unknown>;
    await rm(record, { force: true });
    await writeFile(record, JSON.stringify(older));
    expect(await importedBytes(imports)).toBeGreaterThanOrEqual(3 * MiB);
    const error = await importBundleInto(await bomb('b.lfrbundle', 1, 0x62), imports, {
      quotaBytes: 3 * MiB,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as Error).message).toMatch(/more than the 0\.0 MiB left of the import quota \(3\.0 MiB/);
  });
});
