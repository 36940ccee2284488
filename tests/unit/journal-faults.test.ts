/**
 * Issue 10 items 7 and 8 at the journal: a journal file deleted or replaced under the
 * station is detected before the next write and not written into; `at` never goes
 * backwards whatever the clock does (the clock is injected).
 */
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner } from '../../electron/core/identity';
import { Journal, JournalFileError } from '../../electron/core/journal/journal';
import { verifyJournal } from '../../electron/core/journal/verify';
import { tempDir } from '../integration/util';

const signer = createEphemeralSigner();

async function openAt(dir: string, now?: () => Date) {
  const file = join(dir, 'deployments', 'dep-1', 'journal.jsonl');
  const { journal } = await Journal.open({
    file,
    deploymentId: 'dep-1',
    signer,
    appVersion: 'test',
    ...(now ? { now } : {}),
  });
  return { journal, file };
}

const entries = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEntry);

describe('a journal file taken away under the station', () => {
  it('gone from its path while linked elsewhere: refused as moved, nothing written into the old file', async () => {
    const dir = tempDir('rs-jfault-');
    const { journal, file } = await openAt(dir);
    await journal.append('note', null, { n: 1 });
    // Keep the inode reachable to look at it afterwards. Unlinked at its path with another
    // link left is what a move is (a rename is a link and an unlink): refused as "moved", and
    // taken up again only if the very same file comes back (issue 28; storage-restore.test.ts).
    const keep = join(dir, 'kept.jsonl');
    await link(file, keep);
    const before = (await stat(keep)).size;
    await unlink(file);
    const error = await journal.append('note', null, { n: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalFileError);
    expect((error as JournalFileError).problem).toBe('moved');
    expect(journal.failed).toBe(error);
    expect((await stat(keep)).size).toBe(before);
    // It stays refused: no later append finds its way into the old file.
    await expect(journal.append('note', null, { n: 3 })).rejects.toBeInstanceOf(JournalFileError);
    expect((await stat(keep)).size).toBe(before);
  });

  it('deleted with no other link (nlink 0): refused too', async () => {
    const dir = tempDir('rs-jfault-');
    const { journal, file } = await openAt(dir);
    await unlink(file);
    await expect(journal.append('note', null, {})).rejects.toMatchObject({ problem: 'deleted' });
  });

  it('replaced by another file: refused, and neither file is written', async () => {
    const dir = tempDir('rs-jfault-');
    const { journal, file } = await openAt(dir);
    await journal.append('note', null, { n: 1 });
    const keep = join(dir, 'kept.jsonl');
    await link(file, keep);
    const original = await readFile(keep);
    const other = join(dir, 'other.jsonl');
    await writeFile(other, original);
    await rename(other, file);
    const error = await journal.append('note', null, { n: 2 }).catch((e: unknown) => e);
    expect((error as JournalFileError).problem).toBe('replaced');
    expect((await readFile(keep)).equals(original)).toBe(true);
    expect((await readFile(file)).equals(original)).toBe(true);
  });
});

describe('entry times', () => {
  it('never go backwards when the clock is stepped back, and the journal still verifies', async () => {
    const dir = tempDir('rs-jclock-');
    let clock = Date.parse('2026-05-01T12:00:00.000Z');
    const { journal, file } = await openAt(dir, () => new Date(clock));
    await journal.append('note', null, { n: 1 });
    clock -= 3_600_000; // stepped back an hour
    await journal.append('note', null, { n: 2 });
    clock += 10_000;
    await journal.append('note', null, { n: 3 });
    await journal.close('test');
    const ats = (await entries(file)).map((e) => Date.parse(e.at));
    for (let i = 1; i < ats.length; i++) expect(ats[i]).toBeGreaterThanOrEqual(ats[i - 1]!);
    expect((await verifyJournal(file)).ok).toBe(true);

    // Reopened on a clock behind the journal's last entry: the step is journalled
    // (no monotonic reading spans a restart), and `at` follows the clock after it.
    clock = Date.parse('2026-05-01T09:00:00.000Z');
    const again = await openAt(dir, () => new Date(clock));
    await again.journal.append('note', null, { n: 4 });
    await again.journal.close('test');
    const all = await entries(file);
    const step = all.findIndex((e) => e.type === 'clock-step');
    expect(all[step]!.data).toMatchObject({
      after: '2026-05-01T09:00:00.000Z',
      monotonicMs: null,
      acrossRestart: true,
    });
    expect(all[step + 1]).toMatchObject({ type: 'note', at: '2026-05-01T09:00:00.000Z' });
    expect((await verifyJournal(file)).ok).toBe(true);
  });
});
