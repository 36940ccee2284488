/**
 * The fast paths of verification (issue 25): a line already canonical is hashed from its
 * own text, checkpoint signatures are checked on worker threads, and replay folds in the
 * same pass. Each must give exactly the verdict of the slow way, so every test here sets
 * the fast path against what canonicalJson, an inline check or journal-v1 says.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { writeSyntheticJournal } from '../../bench/replay';
import { bareVerify } from '../../bench/bare-verify';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { canonicalBodyOfLine } from '../../electron/core/journal/canonical-line';
import { SIGNATURE_FAILS } from '../../electron/core/journal/chain';
import { Journal } from '../../electron/core/journal/journal';
import { verifyJournal, type VerifyReport } from '../../electron/core/journal/verify';
import { loadReplay } from '../../electron/core/replay/load';
import { quickInfo } from '../../electron/core/replay/listing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-verify-fast-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const linesOf = async (file: string) => (await readFile(file, 'utf8')).split('\n').slice(0, -1);

/** A station journal whose second line is an alert with awkward values (non-ASCII, numbers, "/" and U+2028). */
async function stationJournal(
  nested: Record<string, unknown> = { b: [1, { z: true, a: null }], a: 'x' },
): Promise<string> {
  const file = join(dir, 'dep-f', 'journal.jsonl');
  const { journal } = await Journal.open({
    file,
    deploymentId: 'dep-f',
    signer: createEphemeralSigner(),
    appVersion: 't',
  });
  await journal.append('alert-withdrawn', null, {
    alertId: 'a-1',
    note: 'Zoë said “no” / 🙂 line\u2028sep\ttab',
    score: 0.1 + 0.2,
    big: 1e21,
    small: 5e-7,
    zero: 0,
    nested,
  });
  await journal.append(
    'operator-signed-in',
    { id: 'PC-1', name: 'PC Ann Other' },
    { role: 'officer', method: 'local' },
  );
  await journal.close();
  return file;
}

const bodyOf = (line: string) => {
  const { hash: _hash, ...body } = JSON.parse(line) as JournalEntry;
  return canonicalize(body);
};

describe('a line already canonical', () => {
  it('is what the station writes, and is hashed from its own text', async () => {
    const file = await stationJournal();
    for (const line of await linesOf(file)) {
      expect(line).toBe(canonicalize(JSON.parse(line)));
      expect(canonicalBodyOfLine(line, JSON.parse(line))).toBe(bodyOf(line));
    }
    expect(await verifyJournal(file)).toMatchObject({ ok: true, failure: null });
  });

  // Each rewrites the alert line (seq 2) to other text for the same values.
  const SAME_VALUES: Array<[string, (line: string) => string]> = [
    [
      'members in another order',
      (l) =>
        JSON.stringify(
          (({ seq, ...rest }: JournalEntry) => ({ seq, ...rest }))(JSON.parse(l) as JournalEntry),
        ),
    ],
    [
      'nested keys in another order',
      (l) =>
        l.replace(
          '"nested":{"a":"x","b":[1,{"a":null,"z":true}]}',
          '"nested":{"b":[1,{"z":true,"a":null}],"a":"x"}',
        ),
    ],
    ['whitespace between tokens', (l) => l.replace('{"actor":null,', '{ "actor" : null ,')],
    ['a trailing space', (l) => `${l} `],
    ['an integer written as 2.0', (l) => l.replace('"seq":2,', '"seq":2.0,')],
    ['zero written as -0', (l) => l.replace('"zero":0', '"zero":-0')],
    ['a number in exponent form', (l) => l.replace('"zero":0', '"zero":0e5')],
    ['1e21 written as 1E+21', (l) => l.replace('"big":1e+21', '"big":1E+21')],
    ['a letter as a \\u escape', (l) => l.replace('"alertId":"a-1"', '"alertId":"\\u0061-1"')],
    ['ë as a \\u escape', (l) => l.replace('Zoë', 'Zo\\u00eb')],
    ['"/" escaped as \\/', (l) => l.replace(' / ', ' \\/ ')],
    ['U+2028 as a \\u escape', (l) => l.replace('\u2028', '\\u2028')],
    ['a tab as a \\u escape', (l) => l.replace('\\t', '\\u0009')],
    [
      'a member given twice',
      (l) => l.replace('{"actor":null,', '{"actor":{"id":"x","name":"y"},"actor":null,'),
    ],
  ];

  it.each(SAME_VALUES)(
    'is not taken for canonical with %s, and verifies the slow way',
    async (_what, rewrite) => {
      const file = await stationJournal();
      const lines = await linesOf(file);
      const original = lines[1]!;
      const variant = rewrite(original);
      expect(variant).not.toBe(original);
      // Same values: the canonical form, and so the hash, is unchanged.
      expect(bodyOf(variant)).toBe(bodyOf(original));
      expect(canonicalBodyOfLine(variant, JSON.parse(variant))).toBeNull();
      lines[1] = variant;
      await writeFile(file, lines.map((l) => `${l}\n`).join(''));
      expect(await verifyJournal(file)).toMatchObject({ ok: true, failure: null });
    },
  );

  it('with integer-like keys is read in canonical order from the text, and JS order is not canonical', async () => {
    const file = await stationJournal({ '10': 1, '9': 2, a: 'x' });
    const lines = await linesOf(file);
    const canonical = lines[1]!;
    expect(canonical).toContain('"nested":{"10":1,"9":2,"a":"x"}');
    // JS puts integer-like keys first, in numeric order: JSON.stringify writes this one.
    const jsOrder = canonical.replace('"10":1,"9":2', '"9":2,"10":1');
    expect(JSON.stringify(JSON.parse(jsOrder))).toBe(jsOrder);
    expect(canonicalBodyOfLine(canonical, JSON.parse(canonical))).toBe(bodyOf(canonical));
    expect(canonicalBodyOfLine(jsOrder, JSON.parse(jsOrder))).toBeNull();
    for (const line of [canonical, jsOrder]) {
      lines[1] = line;
      await writeFile(file, lines.map((l) => `${l}\n`).join(''));
      expect(await verifyJournal(file)).toMatchObject({ ok: true, failure: null });
    }
  });

  it('is tampering when the same layout carries another value', async () => {
    const file = await stationJournal();
    const lines = await linesOf(file);
    lines[1] = lines[1]!
      .replace('{"actor":null,', '{ "actor": null, ')
      .replace('"alertId":"a-1"', '"alertId":"a-2"');
    await writeFile(file, lines.map((l) => `${l}\n`).join(''));
    expect((await verifyJournal(file)).failure).toEqual({ seq: 2, reason: 'hash does not match the entry' });
  });

  it('with an extra member is hashed the slow way, with the member', async () => {
    const file = await stationJournal();
    const lines = await linesOf(file);
    const parsed = JSON.parse(lines[1]!) as Record<string, unknown>;
    const withExtra = canonicalize({ ...parsed, zz: 1 })!;
    expect(canonicalBodyOfLine(withExtra, JSON.parse(withExtra))).toBeNull();
    lines[1] = withExtra;
    await writeFile(file, lines.map((l) => `${l}\n`).join(''));
    expect((await verifyJournal(file)).failure).toEqual({ seq: 2, reason: 'hash does not match the entry' });
  });

  it('with a lone surrogate escaped is refused as before: canonical JSON cannot carry it', async () => {
    const file = await stationJournal();
    const lines = await linesOf(file);
    // What JSON.stringify writes for a lone surrogate; RFC 8785 (canonicalize) refuses it.
    lines[1] = lines[1]!.replace('Zoë', 'Zo\\ud800');
    expect(JSON.stringify(JSON.parse(lines[1]))).toBe(lines[1]);
    expect(canonicalBodyOfLine(lines[1], JSON.parse(lines[1]))).toBeNull();
    await writeFile(file, lines.map((l) => `${l}\n`).join(''));
    const { failure } = await verifyJournal(file);
    expect(failure?.seq).toBe(2);
    expect(failure?.reason).toMatch(/^hash cannot be recomputed/);
  });
});

/** A signer whose checkpoints for the given seqs are signed by another key (well formed, wrong). */
function signerFailingAt(signer: Signer, seqs: number[]): Signer {
  const other = createEphemeralSigner(signer.stationId);
  return {
    ...signer,
    sign: (text) => (seqs.some((s) => text.includes(`\n${s}\n`)) ? other.sign(text) : signer.sign(text)),
  };
}

/** The parts of a report that say where the chain stands (the image counts can go further on workers). */
const chainOf = (r: VerifyReport) => ({
  failure: r.failure,
  entries: r.entries,
  lastSeq: r.lastSeq,
  lastHash: r.lastHash,
  checkpoints: r.checkpoints,
  lastCheckpoint: r.lastCheckpoint,
  lastSignedAt: r.lastSignedAt,
  lastAt: r.lastAt,
});

describe('checkpoint signatures on worker threads', () => {
  /** Seqs of the entries checkpoints sign, from a clean journal of the same seed (the layout is the same). */
  const signedSeqs = async () =>
    signedSeqsOf(await writeSyntheticJournal(join(dir, 'clean'), { alerts: 200 }));

  it('report a bad signature at its checkpoint, as the inline check does, past the first batch', async () => {
    const signed = await signedSeqs();
    // The 300th checkpoint is in the second batch sent to the pool; an earlier bad one in the same run wins.
    expect(signed.length).toBeGreaterThan(300);
    const bad = signed[299]!;
    const j = await writeSyntheticJournal(join(dir, 'bad'), {
      alerts: 200,
      signer: signerFailingAt(createEphemeralSigner(), [bad]),
    });
    const onWorkers = await verifyJournal(j.file, { signatureWorkers: true });
    const inline = await verifyJournal(j.file, { signatureWorkers: false });
    expect(onWorkers.failure).toEqual({ seq: bad + 1, reason: SIGNATURE_FAILS });
    expect(onWorkers.lastSeq).toBe(bad);
    expect(onWorkers.lastCheckpoint?.seq).toBe(signed[298]);
    expect(chainOf(onWorkers)).toEqual(chainOf(inline));
  });

  it('report the earliest of several bad signatures, whichever batch is answered first', async () => {
    const signed = await signedSeqs();
    const signer = createEphemeralSigner();
    const j = await writeSyntheticJournal(join(dir, 'bad'), {
      alerts: 200,
      signer: signerFailingAt(signer, [signed[10]!, signed[270]!, signed[500]!]),
    });
    const onWorkers = await verifyJournal(j.file, { signatureWorkers: true });
    expect(onWorkers.failure).toEqual({ seq: signed[10]! + 1, reason: SIGNATURE_FAILS });
    expect(chainOf(onWorkers)).toEqual(chainOf(await verifyJournal(j.file, { signatureWorkers: false })));
  });

  it('verify a sound journal as the inline check does', async () => {
    const j = await writeSyntheticJournal(dir, { alerts: 200 });
    const onWorkers = await verifyJournal(j.file, { signatureWorkers: true });
    expect(onWorkers).toMatchObject({ ok: true, failure: null, entries: j.entries });
    expect(onWorkers).toEqual(await verifyJournal(j.file, { signatureWorkers: false }));
  });
});

describe('replay open in one pass', () => {
  it('folds every readable line of a journal whose signature fails, flagged tampered at that checkpoint', async () => {
    const signed = await signedSeqsOf(await writeSyntheticJournal(join(dir, 'clean'), { alerts: 120 }));
    const j = await writeSyntheticJournal(join(dir, 'bad'), {
      alerts: 120,
      signer: signerFailingAt(createEphemeralSigner(), [signed[40]!]),
    });
    const replay = await loadReplay({
      key: `station:${j.deploymentId}`,
      source: 'station',
      journalFile: j.file,
      imagesDir: j.imagesDir,
    });
    expect(replay.integrity).toMatchObject({
      status: 'tampered',
      failure: { seq: signed[40]! + 1, reason: SIGNATURE_FAILS },
    });
    // As before: a tampered journal still shows all it holds, and says where it went wrong.
    expect(replay.alerts).toHaveLength(120);
  });

  it('the deployment list counts alerts in canonical lines and in lines written the old way', async () => {
    const j = await writeSyntheticJournal(dir, { alerts: 30 });
    const canonical = await quickInfo(j.file);
    expect(canonical).toMatchObject({ deploymentId: j.deploymentId, alerts: 30 });
    expect(canonical.decided).toBe(30);
    // The layout lines had before: seq, at, type, actor, data, prev, hash.
    const old = (await linesOf(j.file)).map((l) => {
      const { seq, at, type, actor, data, prev, hash } = JSON.parse(l) as JournalEntry;
      return JSON.stringify({ seq, at, type, actor, data, prev, hash });
    });
    const oldFile = join(dir, 'old.jsonl');
    await writeFile(oldFile, old.map((l) => `${l}\n`).join(''));
    expect(await quickInfo(oldFile)).toEqual(canonical);
  });

  it('the bench’s bare verifier accepts the station’s lines and refuses a changed one', async () => {
    const j = await writeSyntheticJournal(dir, { alerts: 50 });
    expect(await bareVerify(j.file)).toBe(j.entries);
    const lines = await linesOf(j.file);
    lines[5] = lines[5]!.replace('"at":"2026', '"at":"2027');
    await writeFile(j.file, lines.map((l) => `${l}\n`).join(''));
    await expect(bareVerify(j.file)).rejects.toThrow(/seq 6 does not verify/);
  });
});

async function signedSeqsOf(j: { file: string }): Promise<number[]> {
  return (await linesOf(j.file))
    .map((l) => JSON.parse(l) as JournalEntry)
    .filter((e) => e.type === 'checkpoint')
    .map((e) => e.seq - 1);
}
