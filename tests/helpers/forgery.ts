/**
 * What an attacker with file access does to a journal, done to a real one: read its
 * entries, change them, and rebuild a chain that every hash check accepts (seq, prev
 * and hash recomputed). Only a signature, or a trust list, can tell the result apart.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { checkpointSigningText, GENESIS_HASH, type JournalEntry } from '../../shared/journal/entries';
import { entryHash } from '../../electron/core/journal/chain';
import type { Signer } from '../../electron/core/identity';

export async function readEntries(file: string): Promise<JournalEntry[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}

export async function writeEntries(file: string, entries: JournalEntry[]): Promise<void> {
  await writeFile(file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
}

/**
 * Renumbers from 1 and recomputes every prev and hash. With `signer`, each checkpoint
 * is re-signed for the entry now before it (by whoever holds that key).
 */
export function rechain(entries: JournalEntry[], signer?: Signer): JournalEntry[] {
  const out: JournalEntry[] = [];
  let prev = GENESIS_HASH;
  for (const [i, original] of entries.entries()) {
    const seq = i + 1;
    let data = original.data;
    if (original.type === 'checkpoint' && signer) {
      const opened = out[0]!.data as { stationId: string; deploymentId: string };
      data = {
        seq: seq - 1,
        hash: prev,
        signature: signer.sign(checkpointSigningText(opened.stationId, opened.deploymentId, seq - 1, prev)),
      };
    }
    const body = { seq, at: original.at, type: original.type, actor: original.actor, data, prev };
    const entry = { ...body, hash: entryHash(body) };
    out.push(entry);
    prev = entry.hash;
  }
  return out;
}

/** The whole journal re-signed with another key: journal-opened names it, every checkpoint is signed by it. */
export function resignWith(entries: JournalEntry[], signer: Signer): JournalEntry[] {
  const [opened, ...rest] = entries;
  const data = { ...opened!.data, publicKey: signer.publicKey };
  return rechain([{ ...opened!, data }, ...rest], signer);
}
