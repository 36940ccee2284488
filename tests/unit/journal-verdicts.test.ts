/**
 * The four verdicts of journal-v1, each from a real journal written by the Journal
 * class and then forged the way an attacker with file access would; exit codes come
 * from the real `npm run verify` script in a child process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointSigningText } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { ImageStore } from '../../electron/core/journal/images';
import { Journal } from '../../electron/core/journal/journal';
import { keyFingerprint } from '../../electron/core/journal/trust';
import { verdictOf, verifyJournal } from '../../electron/core/journal/verify';
import { readEntries, rechain, resignWith, writeEntries } from '../helpers/forgery';
import { verdictSentence } from '../../shared/journal/verdict';

const root = resolve(__dirname, '../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
let dir: string;
let clean: string;
let imagesDir: string;
let trustFile: string;
let station: Signer;

/** The real CLI, as `npm run verify` runs it: exit code and its one line. */
async function verifyCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ['electron/cli/verify.ts', ...args], {
      cwd: root,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

async function forged(name: string, entries: Awaited<ReturnType<typeof readEntries>>): Promise<string> {
  const file = join(dir, `${name}.jsonl`);
  await writeEntries(file, entries);
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'journal-verdicts-'));
  clean = join(dir, 'dep-v', 'journal.jsonl');
  imagesDir = join(dir, 'dep-v', 'images');
  station = createEphemeralSigner();
  const probe = await new ImageStore(imagesDir).put(Buffer.from('probe bytes'));
  const { journal } = await Journal.open({
    file: clean,
    deploymentId: 'dep-v',
    signer: station,
    appVersion: 't',
  });
  await journal.append('alert-received', null, {
    alertId: 'a-1',
    probe: { sha256: probe.sha256, mime: 'image/jpeg', width: 1, height: 1, bytes: probe.bytes },
  });
  // Enough entries for a checkpoint in the middle (every 50) as well as the closing one.
  for (let i = 0; i < 60; i++)
    await journal.append('alert-escalated', null, { alertId: 'a-1', undecidedForMs: i });
  await journal.close();
  trustFile = join(dir, 'trust.txt');
  await writeFile(trustFile, `# the real station\n\n${station.stationId} ${station.publicKey} Station A\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verdicts from the verifier CLI', () => {
  it('a clean journal closed normally is verified, with and without a trust file (exit 0)', async () => {
    const [own, trusted] = await Promise.all([
      verifyCli(clean),
      verifyCli(clean, '--trust', trustFile, '--images', imagesDir),
    ]);
    expect(own.code).toBe(0);
    expect(own.out.trim().split('\n')).toHaveLength(1);
    expect(own.out).toMatch(/^verified: signed by the journal's own key \(no trust file given\)/);
    expect(own.out).toContain(keyFingerprint(station.publicKey));
    expect(trusted.code).toBe(0);
    expect(trusted.out).toMatch(/^verified: signed by a trusted key \(Station A\), fingerprint /);
    expect(trusted.out).not.toContain("journal's own key");
  });

  it('checkpoints removed and the chain recomputed: unsealed, naming every entry (exit 3)', async () => {
    const entries = await readEntries(clean);
    const file = await forged('no-checkpoints', rechain(entries.filter((e) => e.type !== 'checkpoint')));
    // Every hash recomputes: only the missing signatures give it away.
    const report = await verifyJournal(file, { imagesDir });
    expect(report.failure).toBeNull();
    const [own, trusted] = await Promise.all([
      verifyCli(file, '--images', imagesDir),
      verifyCli(file, '--images', imagesDir, '--trust', trustFile),
    ]);
    const n = entries.length - 2;
    for (const r of [own, trusted]) {
      expect(r.code).toBe(3);
      expect(r.out).toMatch(new RegExp(`^unsealed: no checkpoint signs any of its ${n} entries`));
    }
  });

  it('the tail cut below the last checkpoint: unsealed from the entry after the checkpoint (exit 3)', async () => {
    const entries = await readEntries(clean);
    const cps = entries.filter((e) => e.type === 'checkpoint').map((e) => e.seq);
    expect(cps.length).toBeGreaterThanOrEqual(2);
    const midCheckpoint = cps[0]!;
    // Cut the closing checkpoint and a few entries before it: what is left is a true prefix.
    const keep = entries.slice(0, entries.length - 4);
    const file = await forged('cut', keep);
    const r = await verifyCli(file, '--images', imagesDir, '--trust', trustFile);
    expect(r.code).toBe(3);
    const unsigned = keep.length - midCheckpoint;
    expect(r.out).toMatch(
      new RegExp(
        `^unsealed: ${unsigned} entries after seq ${midCheckpoint} are not signed \\(from seq ${midCheckpoint + 1} on\\)`,
      ),
    );
  });

  it('re-signed with a new key: verified only against its own key, untrusted against the real one (exit 1)', async () => {
    const attacker = createEphemeralSigner(station.stationId);
    const file = await forged('resigned', resignWith(await readEntries(clean), attacker));
    const [own, trusted] = await Promise.all([
      verifyCli(file, '--images', imagesDir),
      verifyCli(file, '--images', imagesDir, '--trust', trustFile),
    ]);
    // Without a trust file nothing can tell; the verdict says whose key it took.
    expect(own.code).toBe(0);
    expect(own.out).toContain("the journal's own key");
    expect(trusted.code).toBe(1);
    expect(trusted.out).toMatch(
      new RegExp(
        `^untrusted key: signed by key ${keyFingerprint(attacker.publicKey)} for station ${station.stationId}, which is not on the trust list`,
      ),
    );
  });

  it('an edited entry is tampered at its seq (exit 1)', async () => {
    const text = await readFile(clean, 'utf8');
    const file = join(dir, 'edited.jsonl');
    await writeFile(file, text.replace('"undecidedForMs":7}', '"undecidedForMs":8}'));
    const r = await verifyCli(file, '--images', imagesDir);
    expect(r.code).toBe(1);
    expect(r.out).toBe('tampered at seq 10: hash does not match the entry\n');
  });

  it('a trust file it cannot use is a usage error (exit 2), never a verdict', async () => {
    const bad = join(dir, 'bad-trust.txt');
    await writeFile(bad, `${station.stationId} not-a-key\n`);
    const empty = join(dir, 'empty-trust.txt');
    await writeFile(empty, '# nobody\n');
    const [badLine, none, missing] = await Promise.all([
      verifyCli(clean, '--trust', bad),
      verifyCli(clean, '--trust', empty),
      verifyCli(clean, '--trust', join(dir, 'nowhere.txt')),
    ]);
    for (const r of [badLine, none, missing]) {
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
    }
    expect(badLine.err).toContain('line 1: a key is 43 base64url characters');
    expect(none.err).toContain('lists no keys');
  });
});

describe('signatures checked beside the reading', () => {
  it('reports the earliest bad checkpoint signature, as if reading had stopped there', async () => {
    const entries = await readEntries(clean);
    const cps = entries.filter((e) => e.type === 'checkpoint').map((e) => e.seq);
    // The first checkpoint signed by someone else over the right text; everything after it still chains.
    const other = createEphemeralSigner(station.stationId);
    const mixed = entries.map((e) => {
      if (e.seq !== cps[0]) return e;
      const d = e.data as { seq: number; hash: string };
      const signature = other.sign(checkpointSigningText(station.stationId, 'dep-v', d.seq, d.hash));
      return { ...e, data: { ...d, signature } };
    });
    // Rehash from there on so only the signature is wrong.
    const file = await forged('bad-first-signature', rechain(mixed));
    const report = await verifyJournal(file, { imagesDir });
    expect(report.failure).toEqual({
      seq: cps[0],
      reason: 'checkpoint signature does not verify with the journal-opened key',
    });
    expect(report).toMatchObject({
      lastSeq: cps[0]! - 1,
      entries: cps[0]! - 1,
      checkpoints: 0,
      lastCheckpoint: null,
    });
    expect((await verifyCli(file, '--images', imagesDir)).code).toBe(1);
  });
});

describe('the one rule', () => {
  it('gives a forged journal with the victim’s own key and no checkpoints no better than unsealed', async () => {
    // The attack the issue describes: journal-opened names the victim station and its public key.
    const entries = await readEntries(clean);
    const victimForged = rechain(
      entries
        .filter((e) => e.type !== 'checkpoint')
        .map((e) => (e.type === 'alert-escalated' ? { ...e, data: { ...e.data, undecidedForMs: 1 } } : e)),
    );
    const file = await forged('victim', victimForged);
    const report = await verifyJournal(file, { imagesDir });
    const list = [{ stationId: station.stationId, publicKey: station.publicKey, label: null }];
    expect(verdictOf(report, list)).toMatchObject({ kind: 'unsealed', firstUnsignedSeq: 1 });
    expect(verdictOf(report, null)).toMatchObject({ kind: 'unsealed', firstUnsignedSeq: 1 });
  });

  it('trusts a key only for the station id it is listed with', async () => {
    const report = await verifyJournal(clean, { imagesDir });
    const other = [{ stationId: 'another-station', publicKey: station.publicKey, label: null }];
    expect(verdictOf(report, other)).toMatchObject({ kind: 'untrusted-key' });
  });
});

describe('a checkpoint signs the entry before it, not itself', () => {
  const list = () => [{ stationId: station.stationId, publicKey: station.publicKey, label: null }];

  it('names the last signed entry and its time, not the checkpoint’s own', async () => {
    const entries = await readEntries(clean);
    const last = entries.length - 1;
    // The closing checkpoint's own `at` moved a year on: nothing signs it, so nothing changes.
    const moved = rechain(entries.map((e, i) => (i === last ? { ...e, at: '2027-12-31T00:00:00.000Z' } : e)));
    const report = await verifyJournal(await forged('cp-at', moved), { imagesDir });
    const verdict = verdictOf(report, list());
    expect(verdict).toMatchObject({
      kind: 'verified',
      lastSigned: { seq: entries.length - 1, at: entries[last - 1]!.at },
    });
    expect(verdictSentence(verdict)).toContain(
      `the last signed entry is seq ${entries.length - 1} (${entries[last - 1]!.at})`,
    );
    expect(verdictSentence(verdict)).not.toContain('2027-12-31');
  });

  it('a checkpoint with an actor is tampered, even with a good signature (exit 1)', async () => {
    const entries = await readEntries(clean);
    const last = entries.length - 1;
    const withActor = rechain(
      entries.map((e, i) => (i === last ? { ...e, actor: { id: 'sup-1', name: 'A Supervisor' } } : e)),
    );
    const file = await forged('cp-actor', withActor);
    expect(verdictOf(await verifyJournal(file, { imagesDir }), list())).toEqual({
      kind: 'tampered',
      seq: entries.length,
      reason: 'checkpoint has an actor (a checkpoint is written by the station alone)',
    });
    const cli = await verifyCli(file, '--images', imagesDir, '--trust', trustFile);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/^tampered at seq \d+: checkpoint has an actor/);
  });

  it('a checkpoint whose data holds more than seq, hash and signature is tampered', async () => {
    const entries = await readEntries(clean);
    const mid = entries.findIndex((e) => e.type === 'checkpoint');
    const extra = rechain(
      entries.map((e, i) => (i === mid ? { ...e, data: { ...e.data, approvedBy: 'sup-1' } } : e)),
    );
    const report = await verifyJournal(await forged('cp-extra', extra), { imagesDir });
    expect(verdictOf(report, list())).toEqual({
      kind: 'tampered',
      seq: mid + 1,
      reason: 'checkpoint data holds "approvedBy" besides seq, hash and signature',
    });
  });

  it('an unsealed tail names the last signed entry before it', async () => {
    const entries = await readEntries(clean);
    // Cut the closing checkpoint: journal-closed is no longer signed.
    const cut = entries.slice(0, -1);
    const report = await verifyJournal(await forged('cp-cut', cut), { imagesDir });
    const mid = entries.findIndex((e) => e.type === 'checkpoint');
    expect(verdictOf(report, list())).toMatchObject({
      kind: 'unsealed',
      firstUnsignedSeq: mid + 2,
      lastSigned: { seq: mid, at: entries[mid - 1]!.at },
    });
  });
});

describe('`at` goes back only right after a clock-step', () => {
  it('an entry dated before the one it follows, with no clock-step, is tampered there', async () => {
    const entries = await readEntries(clean);
    const at = 5;
    const earlier = new Date(Date.parse(entries[at - 1]!.at) - 3_600_000).toISOString();
    const moved = rechain(entries.map((e, i) => (i === at ? { ...e, at: earlier } : e)));
    const report = await verifyJournal(await forged('at-back', moved), { imagesDir });
    expect(report.failure).toEqual({
      seq: at + 1,
      reason: expect.stringMatching(/is earlier than the entry before it .* and no clock-step precedes it$/),
    });
  });

  it('a clock-step lets the next entry go back; the entry after that may not', async () => {
    let wall = Date.parse('2026-03-22T10:00:00.000Z');
    let mono = 0;
    const { journal } = await Journal.open({
      file: join(dir, 'stepped', 'journal.jsonl'),
      deploymentId: 'stepped',
      signer: station,
      appVersion: 't',
      now: () => new Date(wall),
      mono: () => mono,
    });
    await journal.append('alert-escalated', null, { alertId: 'a', undecidedForMs: 1 });
    wall -= 3_600_000; // put back an hour while a second passes
    mono += 1_000;
    wall += 1_000;
    await journal.append('alert-escalated', null, { alertId: 'a', undecidedForMs: 2 });
    await journal.close();
    const file = join(dir, 'stepped', 'journal.jsonl');
    const written = await readEntries(file);
    const step = written.findIndex((e) => e.type === 'clock-step');
    expect(written[step]!.data).toEqual({
      before: '2026-03-22T10:00:00.000Z',
      after: '2026-03-22T09:00:01.000Z',
      monotonicMs: 1_000,
    });
    expect(written[step + 1]!.at).toBe('2026-03-22T09:00:01.000Z');
    const report = await verifyJournal(file);
    expect(report.failure).toBeNull();
    // Swap the step for an ordinary entry: the same times are now tampering.
    const unstepped = rechain(
      written.map((e, i) => (i === step ? { ...e, type: 'note', data: {} } : e)),
      station,
    );
    const forgedReport = await verifyJournal(await forged('unstepped', unstepped));
    expect(forgedReport.failure).toMatchObject({
      seq: step + 2,
      reason: expect.stringMatching(/no clock-step/),
    });
  });
});
