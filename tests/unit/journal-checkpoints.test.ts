/**
 * When the journal signs (journal-v1 "Checkpoints"): after any write that holds an entry
 * a person made, at least every 50 entries, after recovering a torn tail, and as the
 * last entry on close; each checkpoint is handed to the feed (onCheckpoint).
 */
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { Journal, type CheckpointNotice } from '../../electron/core/journal/journal';
import { verdictOf, verifyJournal } from '../../electron/core/journal/verify';
import { readEntries } from '../helpers/forgery';

let dir: string;
let file: string;
let signer: Signer;
let sent: CheckpointNotice[];
const officer = { id: 'PC-1', name: 'PC One' };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-checkpoints-'));
  file = join(dir, 'dep-c', 'journal.jsonl');
  signer = createEphemeralSigner();
  sent = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () =>
  Journal.open({ file, deploymentId: 'dep-c', signer, appVersion: 't', onCheckpoint: (cp) => sent.push(cp) });

const types = (entries: JournalEntry[]) => entries.map((e) => e.type);

async function verdict() {
  return verdictOf(await verifyJournal(file), [
    { stationId: signer.stationId, publicKey: signer.publicKey, label: null },
  ]);
}

describe('checkpoints', () => {
  it('seal a write with a person’s entry at once, and leave the feed’s own entries for later', async () => {
    const { journal } = await open();
    await journal.append('alert-received', null, { alertId: 'a' });
    expect((await verdict()).kind).toBe('unsealed');
    const decision = await journal.append('decision', officer, { alertId: 'a' });
    const entries = await readEntries(file);
    expect(types(entries)).toEqual(['journal-opened', 'alert-received', 'decision', 'checkpoint']);
    expect(entries[3]!.data).toMatchObject({ seq: decision.seq, hash: decision.hash });
    expect(sent).toEqual([
      expect.objectContaining({ seq: decision.seq, hash: decision.hash, deploymentId: 'dep-c' }),
    ]);
    expect(await verdict()).toMatchObject({ kind: 'verified' });
    await journal.close();
  });

  it('sign a group-committed write once, after its last entry', async () => {
    const { journal } = await open();
    // The first append writes alone; the three that queue behind it share the next write.
    await Promise.all([
      journal.append('alert-received', null, { alertId: 'x' }),
      journal.append('alert-shown', officer, { alertId: 'x' }),
      journal.append('alert-received', null, { alertId: 'b' }),
      journal.append('alert-received', null, { alertId: 'c' }),
    ]);
    const after = types(await readEntries(file)).slice(1);
    expect(after).toEqual([
      'alert-received',
      'alert-shown',
      'alert-received',
      'alert-received',
      'checkpoint',
    ]);
    expect(after.at(-1)).toBe('checkpoint');
    await journal.close();
  });

  it('come at least every 50 entries without a person, and last on close', async () => {
    const { journal } = await open();
    for (let i = 0; i < 60; i++) await journal.append('alert-received', null, { i });
    await journal.close();
    const entries = await readEntries(file);
    expect(entries[50]!.type).toBe('checkpoint');
    expect(types(entries).slice(-2)).toEqual(['journal-closed', 'checkpoint']);
    expect(sent).toHaveLength(2);
  });

  it('seal a journal again right after a torn tail is recovered', async () => {
    let { journal } = await open();
    await journal.append('alert-received', null, { alertId: 'a' });
    await journal.abandon();
    await appendFile(file, '{"seq":3,"at":"2026-');
    ({ journal } = await open());
    const entries = await readEntries(file);
    expect(types(entries).slice(-2)).toEqual(['recovered', 'checkpoint']);
    expect(await verdict()).toMatchObject({ kind: 'verified' });
    await journal.close();
  });
});
