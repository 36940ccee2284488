/**
 * Journal.open with a visitor (issue 25.5): each verified entry is handed over as it is
 * read, never collected, and the station folds while reading (openDeployment). What the
 * array-returning open guarantees must still hold: a torn last line is recovered,
 * tampering anywhere before it throws with the file untouched, a foreign journal is refused.
 */
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { foldEntries } from '../../shared/journal/fold';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { Journal, JournalTamperedError } from '../../electron/core/journal/journal';
import { verifyJournal } from '../../electron/core/journal/verify';
import { entryHash } from '../../electron/core/journal/chain';
import { openDeployment } from '../../electron/core/station/deployments';
import { plainContentSha256 } from '../../electron/core/feed/alert-content';
import { writeSyntheticJournal } from '../../bench/replay';

let dir: string;
let signer: Signer;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-stream-'));
  file = join(dir, 'deployments', 'dep-1', 'journal.jsonl');
  signer = createEphemeralSigner();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function openJournal(extra: Partial<Parameters<typeof Journal.open>[0]> = {}) {
  return Journal.open({ file, deploymentId: 'dep-1', signer, appVersion: '0.1.0-test', ...extra });
}

/** Opens with a visitor; what it was handed, and the result (or the error). */
async function openVisiting(extra: Partial<Parameters<typeof Journal.open>[0]> = {}) {
  const seen: JournalEntry[] = [];
  const result = await openJournal({ ...extra, onEntry: (e) => seen.push(e) }).catch((e: unknown) => e);
  return { seen, result };
}

async function lines(): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n').slice(0, -1);
}

/** The bench's synthetic journal of a deployment, as entries. */
async function syntheticEntries(path: string): Promise<JournalEntry[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JournalEntry);
}

/** The station core's start-up over `bench-deployment` in `root`. */
const openBenchDeployment = (root: string, by: Signer) =>
  openDeployment(
    { root, signer: by, appVersion: '0.1.0-test', training: false, mode: 'browser' },
    'bench-deployment',
    () => Date.now(),
    () => undefined,
  );

async function writeJournal(appends: number): Promise<void> {
  const { journal } = await openJournal();
  for (let i = 0; i < appends; i++) await journal.append('alert-shown', null, { i });
  await journal.close();
}

describe('Journal.open with onEntry', () => {
  it('hands over every entry of the file in order, and the result holds none', async () => {
    await writeJournal(40);
    const onDisk = (await lines()).map((l) => JSON.parse(l) as JournalEntry);
    const { seen, result } = await openVisiting();
    const opened = result as Awaited<ReturnType<typeof openJournal>>;
    expect(opened.entries).toEqual([]);
    expect(seen).toEqual(onDisk);
    // The clock continues from the newest entry, as when the entries were collected.
    expect(opened.journal.lastEntryAtOpen).toBe(Date.parse(onDisk.at(-1)!.at));
    expect(opened.journal.lastSeq).toBe(onDisk.length);
    await opened.journal.close();
  });

  it('hands over the journal-opened a new journal writes', async () => {
    const { seen, result } = await openVisiting();
    expect(seen.map((e) => e.type)).toEqual(['journal-opened']);
    await (result as Awaited<ReturnType<typeof openJournal>>).journal.close();
  });

  it('a torn last line: the good entries, then the recovered entry written for it', async () => {
    await writeJournal(5);
    const all = await lines();
    const goodBytes = all.slice(0, -1).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    await truncate(file, goodBytes + 10);
    const { seen, result } = await openVisiting();
    const opened = result as Awaited<ReturnType<typeof openJournal>>;
    expect(opened.recovered?.bytes).toBe(10);
    expect(seen.slice(0, -1)).toEqual(all.slice(0, -1).map((l) => JSON.parse(l) as JournalEntry));
    expect(seen.at(-1)).toMatchObject({ type: 'recovered', seq: all.length, data: opened.recovered });
    await opened.journal.close();
    expect((await verifyJournal(file)).ok).toBe(true);
  });

  it('a line altered mid-file: open throws after the visitor saw the lines before it, the file untouched', async () => {
    await writeJournal(24);
    const all = await lines();
    all[16] = all[16]!.replace('"i":15', '"i":99');
    await writeFile(file, all.map((l) => `${l}\n`).join(''));
    const before = await readFile(file);
    const { seen, result } = await openVisiting();
    expect(result).toBeInstanceOf(JournalTamperedError);
    expect(result).toMatchObject({ seq: 17 });
    // Only what verified was handed over; the caller drops it with the error.
    expect(seen.map((e) => e.seq)).toEqual([...Array(16).keys()].map((i) => i + 1));
    expect(await readFile(file)).toEqual(before);
    // The file was released: put right, it opens again.
    await writeFile(file, (await readFile(file, 'utf8')).replace('"i":99', '"i":15'));
    const again = await openVisiting();
    await (again.result as Awaited<ReturnType<typeof openJournal>>).journal.close();
    expect(again.seen.length).toBe(all.length);
  });

  it('a journal of another station is refused before any entry is handed over', async () => {
    await writeJournal(3);
    const { seen, result } = await openVisiting({ signer: createEphemeralSigner() });
    expect(String(result)).toMatch(/another station key/);
    expect(seen).toEqual([]);
  });

  it('an edited first line is tampering, not a foreign journal, as when the file is read whole', async () => {
    await writeJournal(3);
    const all = await lines();
    // Another key named in journal-opened, its hash made again: read alone, the first line
    // is a well-formed journal of another station; only the second line shows the edit.
    const first = JSON.parse(all[0]!) as JournalEntry;
    const edited = { ...first, data: { ...first.data, publicKey: createEphemeralSigner().publicKey } };
    all[0] = JSON.stringify({ ...edited, hash: entryHash(edited) });
    await writeFile(file, all.map((l) => `${l}\n`).join(''));
    const whole = await openJournal().catch((e: unknown) => e);
    const { seen, result } = await openVisiting();
    expect(whole).toBeInstanceOf(JournalTamperedError);
    expect(result).toBeInstanceOf(JournalTamperedError);
    expect(result).toMatchObject({ seq: 2 });
    expect(whole).toMatchObject({ seq: 2 });
    expect(seen).toEqual([]);
  });

  it('what the visitor throws fails the open, with a torn tail left as found', async () => {
    await writeJournal(5);
    const size = Buffer.byteLength(await readFile(file));
    await truncate(file, size - 7);
    const before = await readFile(file);
    const refusal = new Error('does not read');
    const result = await openJournal({
      onEntry: (e) => {
        if (e.seq === 3) throw refusal;
      },
    }).catch((e: unknown) => e);
    expect(result).toBe(refusal);
    expect(await readFile(file)).toEqual(before);
    // Released: opened again it recovers the tail.
    const again = await openJournal();
    expect(again.recovered?.bytes).toBeGreaterThan(0);
    await again.journal.close();
  });
});

describe('openDeployment folds while reading', () => {
  it('gives the state foldEntries gives over the whole file', async () => {
    const deploymentDir = join(dir, 'deployments', 'bench-deployment');
    const synthetic = await writeSyntheticJournal(deploymentDir, { alerts: 60, signer, seed: 3 });
    const entries = await syntheticEntries(synthetic.file);
    const expected = foldEntries('bench-deployment', entries);
    const slot = await openBenchDeployment(dir, signer);
    try {
      expect(slot.state.alerts.size).toBe(60);
      expect(slot.state).toEqual(expected);
      const someAlert = entries.find((e) => e.type === 'alert-received')!;
      expect(slot.contents.sha256(String(someAlert.data.alertId))).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await slot.journal.close();
    }
  });

  it('keeps a decided alert’s content as its hash only (issue 25.5), the hash its data gives', async () => {
    const deploymentDir = join(dir, 'deployments', 'bench-deployment');
    const synthetic = await writeSyntheticJournal(deploymentDir, { alerts: 20, signer, seed: 5 });
    const received = (await syntheticEntries(synthetic.file)).filter((e) => e.type === 'alert-received');
    const slot = await openBenchDeployment(dir, signer);
    try {
      // Every alert of the bench's journal is decided: none keeps its entry's data.
      const held = Reflect.get(slot.contents, 'byAlert') as Map<string, unknown>;
      expect(held.size).toBe(20);
      for (const value of held.values()) expect(typeof value).toBe('string');
      for (const entry of received)
        expect(slot.contents.sha256(String(entry.data.alertId))).toBe(plainContentSha256(entry.data));
    } finally {
      await slot.journal.close();
    }
  });
});
