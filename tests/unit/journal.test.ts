import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkpointSigningText, type JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner, verifySignature, type Signer } from '../../electron/core/identity';
import { Journal, JournalTamperedError } from '../../electron/core/journal/journal';
import { verifyJournal } from '../../electron/core/journal/verify';

let dir: string;
let signer: Signer;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-test-'));
  file = join(dir, 'deployments', 'dep-1', 'journal.jsonl');
  signer = createEphemeralSigner();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

function openJournal(extra: Partial<Parameters<typeof Journal.open>[0]> = {}) {
  return Journal.open({ file, deploymentId: 'dep-1', signer, appVersion: '0.1.0-test', ...extra });
}

async function readEntries(): Promise<JournalEntry[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JournalEntry);
}

/** Independent of the code under test: the canonicalize package and node:crypto directly. */
function independentHash(entry: JournalEntry): string {
  const { hash: _hash, ...rest } = entry;
  return createHash('sha256').update(canonicalize(rest)!, 'utf8').digest('hex');
}

async function lines(): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').slice(0, -1);
}

async function writeLines(all: string[]): Promise<void> {
  await writeFile(file, all.map((l) => `${l}\n`).join(''));
}

const alice = { id: 'off-1', name: 'Alice Officer' };

describe('Journal', () => {
  it('creates a journal with journal-opened and keeps one chain across reopen', async () => {
    const times = ['2026-03-22T10:15:00.123Z', '2026-03-22T10:15:01.000Z', '2026-03-22T10:15:02.000Z'];
    let tick = 0;
    const now = () => new Date(times[Math.min(tick++, times.length - 1)]!);
    const first = await openJournal({ now, training: true });
    expect(first.recovered).toBeNull();
    expect(first.entries).toHaveLength(1);
    const opened = first.entries[0]!;
    expect(opened).toMatchObject({
      seq: 1,
      type: 'journal-opened',
      actor: null,
      prev: '0'.repeat(64),
      at: times[0],
    });
    expect(opened.data).toEqual({
      stationId: signer.stationId,
      publicKey: signer.publicKey,
      appVersion: '0.1.0-test',
      deploymentId: 'dep-1',
      training: true,
    });
    const e2 = await first.journal.append('operator-signed-in', alice, { role: 'officer' });
    expect(e2).toMatchObject({ seq: 2, prev: opened.hash, actor: alice, data: { role: 'officer' } });
    // A person's entry is sealed by a checkpoint in the same write.
    expect(first.journal.lastSeq).toBe(3);
    const sealedAt = first.journal.lastHash;
    expect(first.journal.deploymentId).toBe('dep-1');
    await first.journal.close('end-of-shift');

    const onDisk = await readEntries();
    expect(onDisk.map((e) => e.type)).toEqual([
      'journal-opened',
      'operator-signed-in',
      'checkpoint',
      'journal-closed',
      'checkpoint',
    ]);
    expect(onDisk[2]!.data).toMatchObject({ seq: 2, hash: e2.hash });
    expect(onDisk[2]!.hash).toBe(sealedAt);
    expect(onDisk[3]!.data).toEqual({ reason: 'end-of-shift' });
    expect(onDisk[4]!.data).toMatchObject({ seq: 4, hash: onDisk[3]!.hash });

    const second = await openJournal();
    expect(second.entries).toEqual(onDisk);
    expect(second.recovered).toBeNull();
    const e6 = await second.journal.append('operator-signed-in', alice, {});
    expect(e6.seq).toBe(6);
    expect(e6.prev).toBe(onDisk[4]!.hash);
    await second.journal.close();
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('hashes each entry over RFC 8785 canonical JSON without its hash, chained by prev', async () => {
    const { journal } = await openJournal();
    // Key order, unicode and numbers are where canonical forms differ from JSON.stringify.
    await journal.append('alert-received', null, {
      z: 1,
      a: { é: 'ü', b: [3, 1.5, 1e21] },
      m: 'line\nbreak',
    });
    await journal.append('decision', alice, { decision: 'no-engage', rationale: 'not the person' });
    await journal.close();
    const entries = await readEntries();
    let prev = '0'.repeat(64);
    entries.forEach((entry, i) => {
      expect(entry.seq).toBe(i + 1);
      expect(entry.prev).toBe(prev);
      expect(entry.hash).toBe(independentHash(entry));
      expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      prev = entry.hash;
    });
  });

  it('returns entries exactly as a reader will parse them from disk', async () => {
    const { journal } = await openJournal();
    const entry = await journal.append('settings-changed', null, {
      when: new Date('2026-01-01T00:00:00Z'),
      skip: undefined,
      list: [1, undefined],
    });
    await journal.close();
    expect(entry.data).toEqual({ when: '2026-01-01T00:00:00.000Z', list: [1, null] });
    expect((await readEntries())[1]).toEqual(entry);
  });

  it('group-commits concurrent appends: all land in call order, seq contiguous, few fsyncs', async () => {
    const { journal } = await openJournal();
    const handle = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(handle) as { datasync: () => Promise<void> };
    await handle.close();
    const syncs = vi.spyOn(proto, 'datasync');
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => journal.append('alert-shown', null, { i })),
    );
    expect(syncs.mock.calls.length).toBeLessThan(10);
    syncs.mockRestore();
    results.forEach((entry, i) => expect(entry.data).toEqual({ i }));
    await journal.close();
    const entries = await readEntries();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.filter((e) => e.type === 'alert-shown').map((e) => e.data.i)).toEqual(
      Array.from({ length: 120 }, (_, i) => i),
    );
    for (const r of results) expect(entries[r.seq - 1]).toEqual(r);
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('writes a signed checkpoint at least every 50 entries and reports each one', async () => {
    const seen: Array<{
      seq: number;
      hash: string;
      signature: string;
      stationId: string;
      deploymentId: string;
    }> = [];
    const { journal } = await openJournal({ onCheckpoint: (cp) => seen.push(cp) });
    for (let i = 0; i < 130; i++) await journal.append('alert-shown', null, { i });
    await journal.close();
    const entries = await readEntries();
    const checkpoints = entries.filter((e) => e.type === 'checkpoint');
    expect(checkpoints.length).toBe(3); // two on the cadence, one at close
    let run = 0;
    for (const entry of entries) {
      if (entry.type !== 'checkpoint') {
        run += 1;
        expect(run).toBeLessThanOrEqual(50);
        continue;
      }
      run = 0;
      const before = entries[entry.seq - 2]!;
      const data = entry.data as { seq: number; hash: string; signature: string };
      expect(data.seq).toBe(before.seq);
      expect(data.hash).toBe(before.hash);
      const text = checkpointSigningText(signer.stationId, 'dep-1', data.seq, data.hash);
      expect(verifySignature(signer.publicKey, text, data.signature)).toBe(true);
      expect(verifySignature(signer.publicKey, text.replace('dep-1', 'dep-2'), data.signature)).toBe(false);
    }
    expect(seen).toEqual(
      checkpoints.map((c) => ({ stationId: signer.stationId, deploymentId: 'dep-1', ...(c.data as object) })),
    );
    expect(entries.at(-1)!.type).toBe('checkpoint');
    expect(entries.at(-2)!.type).toBe('journal-closed');
  });

  it('keeps the checkpoint cadence across a reopen', async () => {
    const a = await openJournal();
    for (let i = 0; i < 30; i++) await a.journal.append('alert-shown', null, { i });
    // Simulate a crash: no close, so no final checkpoint; release the handle only.
    await (a.journal as unknown as { handle: { close(): Promise<void> } }).handle.close();
    vi.resetModules();
    const { Journal: FreshJournal } = await import('../../electron/core/journal/journal');
    const b = await FreshJournal.open({ file, deploymentId: 'dep-1', signer, appVersion: 'x' });
    for (let i = 0; i < 25; i++) await b.journal.append('alert-shown', null, { i });
    await b.journal.close();
    const entries = await readEntries();
    // 1 opened + 30 + 19 = 50 non-checkpoint entries, so seq 51 is a checkpoint.
    expect(entries[50]!.type).toBe('checkpoint');
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('refuses reserved entry types, a second writer and appends after close', async () => {
    const { journal } = await openJournal();
    await expect(journal.append('checkpoint', null, {})).rejects.toThrow(/written by the journal itself/);
    await expect(journal.append('journal-opened', null, {})).rejects.toThrow();
    await expect(openJournal()).rejects.toThrow(/already open/);
    await expect(journal.append('x', null, { n: Number.NaN })).resolves.toMatchObject({ data: { n: null } });
    await journal.close();
    await expect(journal.append('alert-shown', null, {})).rejects.toThrow(/closed/);
  });

  it('rejects a bad deployment id and a journal of another deployment or station', async () => {
    await expect(openJournal({ deploymentId: '../x' })).rejects.toThrow(/invalid deploymentId/);
    await expect(openJournal({ deploymentId: '..' })).rejects.toThrow(/invalid deploymentId/);
    const { journal } = await openJournal();
    await journal.close();
    await expect(openJournal({ deploymentId: 'dep-2' })).rejects.toThrow(/belongs to deployment dep-1/);
    await expect(openJournal({ signer: createEphemeralSigner() })).rejects.toThrow(/another station key/);
  });

  it('truncates a torn final line and records what was cut in a recovered entry', async () => {
    const { journal } = await openJournal();
    for (let i = 0; i < 5; i++) await journal.append('alert-shown', null, { i });
    await journal.close();
    const all = await lines();
    const goodPrefix = all
      .slice(0, -1)
      .map((l) => `${l}\n`)
      .join('');
    const last = all.at(-1)!;
    const cutAt = Buffer.byteLength(goodPrefix) + Math.floor(Buffer.byteLength(last) / 2);
    await truncate(file, cutAt);
    const torn = (await readFile(file)).subarray(Buffer.byteLength(goodPrefix));

    const reopened = await openJournal();
    expect(reopened.recovered).toEqual({
      bytes: torn.length,
      sha256: createHash('sha256').update(torn).digest('hex'),
      reason: 'line is cut short (no trailing newline)',
    });
    const rec = reopened.entries.at(-1)!;
    expect(rec).toMatchObject({ type: 'recovered', seq: all.length, data: reopened.recovered });
    expect(rec.prev).toBe((JSON.parse(all.at(-2)!) as JournalEntry).hash);
    await reopened.journal.close();
    const text = await readFile(file, 'utf8');
    expect(text.startsWith(goodPrefix)).toBe(true);
    const report = await verifyJournal(file);
    expect(report.failure).toBeNull();
    // recovered, its checkpoint, journal-closed, the closing checkpoint.
    expect(report.lastSeq).toBe(all.length + 3);
  });

  it('recovers a final line whose hash does not verify', async () => {
    const { journal } = await openJournal();
    await journal.append('alert-shown', null, { i: 1 });
    await journal.close();
    const all = await lines();
    const last = JSON.parse(all.at(-1)!) as JournalEntry;
    const bad = JSON.stringify({ ...last, hash: 'f'.repeat(64) });
    all[all.length - 1] = bad;
    await writeLines(all);
    const reopened = await openJournal();
    expect(reopened.recovered).toEqual({
      bytes: Buffer.byteLength(bad) + 1,
      sha256: createHash('sha256').update(`${bad}\n`).digest('hex'),
      reason: 'hash does not match the entry',
    });
    await reopened.journal.close();
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('recovers a torn first line by starting the journal afresh', async () => {
    const { journal } = await openJournal();
    await journal.close();
    await truncate(file, 20);
    const reopened = await openJournal();
    expect(reopened.recovered?.bytes).toBe(20);
    expect(reopened.entries.map((e) => e.type)).toEqual(['journal-opened', 'recovered']);
    await reopened.journal.close();
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('refuses to append to a journal altered in the middle and leaves the file untouched', async () => {
    const { journal } = await openJournal();
    for (let i = 0; i < 24; i++) await journal.append('decision', null, { rationale: `reason ${i}` });
    await journal.close();
    const all = await lines();
    expect(all[16]).toContain('"rationale":"reason 15"');
    all[16] = all[16]!.replace('reason 15', 'reason 1X');
    await writeLines(all);
    const before = await readFile(file);

    const error = await openJournal().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalTamperedError);
    expect(error).toMatchObject({ seq: 17, reason: 'hash does not match the entry' });
    expect((error as Error).message).toBe(
      'journal tampered at seq 17: hash does not match the entry; refusing to append',
    );
    expect(await readFile(file)).toEqual(before);
    const report = await verifyJournal(file);
    expect(report.ok).toBe(false);
    expect(report.failure).toEqual({ seq: 17, reason: 'hash does not match the entry' });
    expect(report.entries).toBe(16);

    // The lock was released: a fixed file opens again.
    await writeFile(file, (await readFile(file, 'utf8')).replace('reason 1X', 'reason 15'));
    const ok = await openJournal();
    await ok.journal.close();
  });

  it('a removed middle line is tampering (seq gap), not a torn tail', async () => {
    const { journal } = await openJournal();
    for (let i = 0; i < 5; i++) await journal.append('alert-shown', null, { i });
    await journal.close();
    const all = await lines();
    all.splice(3, 1);
    await writeLines(all);
    await expect(openJournal()).rejects.toMatchObject({ name: 'JournalTamperedError', seq: 4 });
  });

  it('undoes a failed write so no half line is ever followed by more entries', async () => {
    const { journal } = await openJournal();
    await journal.append('alert-shown', null, { i: 1 });
    const sizeBefore = (await stat(file)).size;
    // The journal writes at once (file-io.ts writeAllSync): half the line goes down, then the disk is full.
    const realWrite = fs.writeSync;
    const halfThenFull = (
      fd: number,
      buf: NodeJS.ArrayBufferView,
      off?: number | null,
      len?: number | null,
      pos?: number | null,
    ): number => {
      realWrite(fd, buf, off ?? 0, Math.floor((len ?? 0) / 2), pos);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(halfThenFull as typeof fs.writeSync);
    await expect(journal.append('alert-shown', null, { i: 2 })).rejects.toThrow(/ENOSPC/);
    expect((await stat(file)).size).toBe(sizeBefore);
    const next = await journal.append('alert-shown', null, { i: 3 });
    expect(next.seq).toBe(3);
    await journal.close();
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('stops taking appends after a failed fsync; a reopen re-verifies from disk', async () => {
    const { journal } = await openJournal();
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    vi.spyOn(proto, 'datasync').mockRejectedValueOnce(
      Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }),
    );
    await expect(journal.append('alert-shown', null, { i: 1 })).rejects.toThrow(/EIO/);
    await expect(journal.append('alert-shown', null, { i: 2 })).rejects.toThrow(/fsync failed/);
    expect(journal.closed).toBe(true);
    await journal.close();
    const again = await openJournal();
    expect(again.entries.map((e) => e.seq)).toEqual([1]);
    await again.journal.close();
  });
});
