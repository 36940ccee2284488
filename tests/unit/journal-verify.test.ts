import { createHash } from 'node:crypto';
import { mkdtemp, open, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry, StoredImage } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { ensureDirDurable, writeFileDurable } from '../../electron/core/journal/fsync';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { ChainChecker, readLines, verifyJournal } from '../../electron/core/journal/verify';

let dir: string;
let file: string;
let images: ImageStore;
let signer: Signer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-verify-'));
  file = join(dir, 'dep-9', 'journal.jsonl');
  images = new ImageStore(join(dir, 'dep-9', 'images'));
  signer = createEphemeralSigner();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stored(content: string): Promise<StoredImage> {
  const bytes = Buffer.from(content);
  const put = await images.put(bytes);
  return { sha256: put.sha256, mime: 'image/jpeg', width: 10, height: 10, bytes: put.bytes };
}

/** A journal with two alerts (probe, scene, subject image) and some other entries. */
async function buildJournal(extra?: (journal: Journal) => Promise<void>) {
  const { journal } = await Journal.open({ file, deploymentId: 'dep-9', signer, appVersion: 't' });
  const alerts = [];
  for (const n of [1, 2]) {
    const probe = await stored(`probe ${n}`);
    const scene = await stored(`scene ${n}`);
    const subject = await stored(`subject ${n}`);
    const entry = await journal.append('alert-received', null, {
      alertId: `a-${n}`,
      probe,
      scene,
      subject: { entryId: `w-${n}`, image: subject },
    });
    alerts.push({ entry, probe, scene, subject });
  }
  // No actor, so no checkpoint of its own: the counts below stay those of the file's layout.
  await journal.append('decision', null, { alertId: 'a-1', decision: 'no-engage' });
  await extra?.(journal);
  await journal.close();
  return alerts;
}

function rehash(entry: Omit<JournalEntry, 'hash'>): JournalEntry {
  const digest = createHash('sha256').update(canonicalize(entry)!, 'utf8').digest('hex');
  return { ...entry, hash: digest };
}

/** Apply `edit` to the entry at `seq`, then re-chain everything after it so only `edit` is wrong. */
async function editAndRechain(seq: number, edit: (entry: JournalEntry) => JournalEntry): Promise<void> {
  const entries = (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEntry);
  let prev = seq === 1 ? '0'.repeat(64) : entries[seq - 2]!.hash;
  for (let i = seq - 1; i < entries.length; i++) {
    const base = i === seq - 1 ? edit(entries[i]!) : entries[i]!;
    const { hash: _h, ...rest } = base;
    const next = rehash({ ...rest, prev });
    entries[i] = next;
    prev = next.hash;
  }
  await writeFile(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

describe('verifyJournal', () => {
  it('verifies a good journal and reports its identity, checkpoints and images', async () => {
    await buildJournal();
    const progress: Array<[number, number, number]> = [];
    const report = await verifyJournal(file, { onProgress: (...args) => progress.push(args) });
    const size = (await stat(file)).size;
    expect(report).toMatchObject({
      ok: true,
      entries: 6,
      lastSeq: 6,
      checkpoints: 1,
      stationId: signer.stationId,
      deploymentId: 'dep-9',
      publicKey: signer.publicKey,
      images: { checked: 6, purged: 0, missing: [], altered: [], lost: [] },
      failure: null,
    });
    expect(report.lastCheckpoint).toMatchObject({ seq: 5 });
    expect(progress.at(-1)).toEqual([6, size, size]);
  });

  it('reports a missing image with the seq of its alert-received entry', async () => {
    const alerts = await buildJournal();
    await unlink(images.pathOf(alerts[1]!.scene.sha256));
    const report = await verifyJournal(file);
    expect(report.ok).toBe(false);
    expect(report.images.missing).toEqual([alerts[1]!.scene.sha256]);
    expect(report.failure).toEqual({
      seq: alerts[1]!.entry.seq,
      reason: `image ${alerts[1]!.scene.sha256} (scene) named by alert-received at seq 3 is missing`,
    });
  });

  it('reports an altered image', async () => {
    const alerts = await buildJournal();
    await writeFile(images.pathOf(alerts[0]!.subject.sha256), 'something else');
    const report = await verifyJournal(file);
    expect(report.images.altered).toEqual([alerts[0]!.subject.sha256]);
    expect(report.failure?.seq).toBe(2);
    expect(report.failure?.reason).toMatch(/subject\.image.*does not hash to its name/);
  });

  it('counts an image listed by a later retention-purge as purged, not missing', async () => {
    const alerts = await buildJournal();
    const purgedImages = [alerts[0]!.probe.sha256, alerts[0]!.scene.sha256];
    const { journal } = await Journal.open({ file, deploymentId: 'dep-9', signer, appVersion: 't' });
    await journal.append('retention-purge', null, { images: purgedImages });
    await journal.close();
    for (const sha of purgedImages) expect(await images.remove(sha)).toBe(true);
    const report = await verifyJournal(file);
    expect(report.failure).toBeNull();
    expect(report.images).toEqual({ checked: 6, purged: 2, missing: [], altered: [], lost: [] });
  });

  it('does not let a purge excuse an image named again after it', async () => {
    const probe = await stored('probe again');
    const { journal } = await Journal.open({ file, deploymentId: 'dep-9', signer, appVersion: 't' });
    await journal.append('alert-received', null, { probe });
    await journal.append('retention-purge', null, { images: [probe.sha256] });
    await journal.append('alert-received', null, { probe });
    await journal.close();
    await images.remove(probe.sha256);
    const report = await verifyJournal(file);
    expect(report.failure?.seq).toBe(4);
    expect(report.images.missing).toEqual([probe.sha256]);
  });

  it('reports bad JSON at the seq the line should have had', async () => {
    await buildJournal();
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines[2] = '{"seq": 3, "oops';
    await writeFile(file, lines.join('\n'));
    const report = await verifyJournal(file);
    expect(report.failure).toEqual({ seq: 3, reason: 'line is not valid JSON' });
    expect(report.entries).toBe(2);
    expect(report.lastSeq).toBe(2);
  });

  it('reports a prev mismatch and a torn final line', async () => {
    await buildJournal();
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    const { hash: _h, ...fourth } = JSON.parse(lines[3]!) as JournalEntry;
    lines[3] = JSON.stringify(rehash({ ...fourth, prev: 'a'.repeat(64) }));
    await writeFile(file, lines.map((l) => `${l}\n`).join(''));
    expect((await verifyJournal(file)).failure).toEqual({
      seq: 4,
      reason: 'prev does not match the hash of seq 3',
    });

    await writeFile(
      file,
      lines
        .slice(0, 2)
        .map((l) => `${l}\n`)
        .join('') + lines[2]!.slice(0, 40),
    );
    expect((await verifyJournal(file)).failure).toEqual({
      seq: 3,
      reason: 'line is cut short (no trailing newline)',
    });
  });

  it('reports a checkpoint whose signature does not verify, or that names the wrong entry', async () => {
    await buildJournal();
    const checkpointSeq = 6;
    await editAndRechain(checkpointSeq, (e) => ({
      ...e,
      data: { ...e.data, signature: createEphemeralSigner().sign('something') },
    }));
    expect((await verifyJournal(file)).failure).toEqual({
      seq: checkpointSeq,
      reason: 'checkpoint signature does not verify with the journal-opened key',
    });

    await buildJournalAgain();
    await editAndRechain(checkpointSeq, (e) => ({ ...e, data: { ...e.data, seq: 4 } }));
    expect((await verifyJournal(file)).failure).toEqual({
      seq: checkpointSeq,
      reason: 'checkpoint names seq 4, not the entry before it',
    });
  });

  it('requires journal-opened first, and an entry at all', async () => {
    await buildJournal();
    await editAndRechain(1, (e) => ({ ...e, type: 'deployment' }));
    expect((await verifyJournal(file)).failure).toEqual({
      seq: 1,
      reason: 'first entry is "deployment", not journal-opened',
    });
    await writeFile(file, '');
    expect((await verifyJournal(file)).failure).toEqual({ seq: 1, reason: 'journal is empty' });
  });

  it('checks lines fed one by one and does not advance past a failure', async () => {
    await buildJournal();
    const checker = new ChainChecker();
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    for (const line of lines) expect(checker.feed(line).ok).toBe(true);
    expect(checker.lastSeq).toBe(6);
    expect(checker.feed(lines[0]!)).toEqual({
      ok: false,
      seq: 7,
      reason: 'seq 1 where 7 was expected (out of order)',
    });
    expect(checker.lastSeq).toBe(6);
  });

  it('reads lines across chunk boundaries with their byte offsets', async () => {
    const text = 'é first\n\nsecond line\nthird, no newline';
    const path = join(dir, 'lines.txt');
    await writeFile(path, text);
    const handle = await open(path, 'r');
    const got = [];
    try {
      for await (const line of readLines(handle, { chunkBytes: 3 })) got.push(line);
    } finally {
      await handle.close();
    }
    expect(got).toEqual([
      { text: 'é first', start: 0, end: 9, terminated: true },
      { text: '', start: 9, end: 10, terminated: true },
      { text: 'second line', start: 10, end: 22, terminated: true },
      { text: 'third, no newline', start: 22, end: 39, terminated: false },
    ]);
  });
});

async function buildJournalAgain(): Promise<void> {
  await rm(join(dir, 'dep-9'), { recursive: true, force: true });
  images = new ImageStore(join(dir, 'dep-9', 'images'));
  await buildJournal();
}

describe('ImageStore', () => {
  it('stores bytes once under their SHA-256, durably, and never rewrites them', async () => {
    const bytes = Buffer.from('jpeg bytes');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const first = await images.put(bytes);
    expect(first).toEqual({ sha256: sha, bytes: bytes.length, created: true });
    expect(await readFile(images.pathOf(sha))).toEqual(bytes);
    const before = await stat(images.pathOf(sha));
    const second = await images.put(new Uint8Array(bytes));
    expect(second.created).toBe(false);
    expect((await stat(images.pathOf(sha))).ino).toBe(before.ino);
    expect(await images.has(sha)).toBe(true);
    expect((await readdir(images.dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(await images.remove(sha)).toBe(true);
    expect(await images.remove(sha)).toBe(false);
    expect(await images.has(sha)).toBe(false);
  });

  it('refuses names that are not a SHA-256 hex digest', () => {
    expect(() => images.pathOf('../etc/passwd')).toThrow(TypeError);
    expect(() => images.pathOf('A'.repeat(64))).toThrow(TypeError);
    expect(() => images.pathOf('a'.repeat(63))).toThrow(TypeError);
  });
});

describe('fsync helpers', () => {
  it('creates nested folders and replaces a file whole, leaving no temp files', async () => {
    const nested = join(dir, 'a', 'b', 'c');
    await ensureDirDurable(nested);
    expect((await stat(nested)).isDirectory()).toBe(true);
    await ensureDirDurable(nested);
    const target = join(nested, 'f.json');
    await writeFileDurable(target, 'one');
    await writeFileDurable(target, 'two', { mode: 0o600 });
    expect(await readFile(target, 'utf8')).toBe('two');
    if (process.platform !== 'win32') expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(nested)).toEqual(['f.json']);
    await expect(ensureDirDurable(target)).rejects.toThrow(/not a folder/);
  });
});
