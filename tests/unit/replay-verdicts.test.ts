/**
 * Replay and bundle import judge journals against the station's trust list: a bundle
 * whose journal was re-signed with another key is "untrusted key" with that key's
 * fingerprint, never "verified"; every export goes on the record before it is handed over.
 */
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { keyFingerprint } from '../../electron/core/journal/trust';
import { writeBundle } from '../../electron/core/replay/bundle';
import { fileDigest } from '../../electron/core/replay/load';
import { createReplayServices, type ReplayServices } from '../../electron/core/replay/service';
import { TrustListStore } from '../../electron/core/trust-list';
import { readEntries, resignWith, writeEntries } from '../helpers/forgery';
import { writeFixture, type Fixture } from './replay-fixture';

const SUP = { id: 'SUP-1', name: 'Sgt Supervisor', role: 'supervisor' as const };
const KEY = 'station:dep-fixture';

let dataDir: string;
let signer: Signer;
let fx: Fixture;
let trust: TrustListStore;
let picked: string | null;
let services: ReplayServices;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'replay-verdicts-'));
  signer = createEphemeralSigner();
  fx = await writeFixture(dataDir, signer, { keepOpen: true });
  trust = new TrustListStore(join(dataDir, 'station'), {
    stationId: signer.stationId,
    publicKey: signer.publicKey,
  });
  picked = null;
  services = createReplayServices({
    dataDir,
    stationRoot: dataDir,
    signer,
    appVersion: 'test',
    operator: () => SUP,
    appendToStation: (deploymentId, type, actor, data) =>
      deploymentId === 'dep-fixture' && !fx.journal!.closed
        ? fx.journal!.appendEntry(type, actor, data)
        : Promise.reject(new Error(`journal ${deploymentId} is not open`)),
    emitProgress: () => undefined,
    pickBundle: async () => picked,
    trustList: () => trust.entries(),
    enrolKey: (entry) => trust.add(entry),
    unenrolKey: (publicKey) => trust.remove(publicKey),
    now: () => Date.parse('2026-03-22T08:09:10.000Z'),
  });
});
afterEach(async () => {
  await services.close();
  if (!fx.journal!.closed) await fx.journal!.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A bundle of the fixture's journal as it is on disk now, optionally with its entries changed first. */
async function bundleOf(name: string, forge?: (entries: JournalEntry[]) => JournalEntry[]): Promise<string> {
  const folder = join(dataDir, name);
  const file = join(folder, 'journal.jsonl');
  await mkdir(folder);
  const entries = await readEntries(fx.file);
  const written = forge ? forge(entries) : entries;
  await writeEntries(file, written);
  const opened = written[0]!.data as { stationId: string; publicKey: string };
  const bundle = join(dataDir, `${name}.lfrbundle`);
  await writeBundle(bundle, {
    journalFile: file,
    imagesDir: fx.imagesDir,
    journalBytes: Buffer.byteLength(await readFile(file)),
    deploymentId: 'dep-fixture',
    stationId: opened.stationId,
    publicKey: opened.publicKey,
    lastCheckpoint: null,
    images: await readdir(fx.imagesDir),
  });
  return bundle;
}

async function importAndOpen(bundle: string) {
  picked = bundle;
  const imported = await services.importBundle({});
  if (!imported.ok) throw new Error(imported.error);
  const opened = await services.openReplay({ key: imported.key });
  if (!opened.ok) throw new Error(opened.error);
  return opened.replay;
}

describe('replay verdicts', () => {
  it('a station journal is verified by a key on the trust list and names it', async () => {
    const r = await services.openReplay({ key: KEY });
    if (!r.ok) throw new Error(r.error);
    expect(r.replay.integrity.verdict).toMatchObject({
      kind: 'verified',
      key: { trust: 'trust-list', label: 'this station', fingerprint: keyFingerprint(signer.publicKey) },
    });
  });

  it('an imported bundle re-signed with another key is untrusted, with that key’s fingerprint', async () => {
    await fx.journal!.close();
    const attacker = createEphemeralSigner(signer.stationId);
    const replay = await importAndOpen(await bundleOf('forged', (e) => resignWith(e, attacker)));
    expect(replay.integrity.status).toBe('untrusted-key');
    expect(replay.integrity.verdict).toMatchObject({
      kind: 'untrusted-key',
      key: { fingerprint: keyFingerprint(attacker.publicKey), stationId: signer.stationId },
    });
    // Once a supervisor enrols that key from the bundle, the same import is judged verified.
    expect(await services.enrolStationKey({ key: replay.key, label: 'Van 2' })).toMatchObject({
      ok: true,
      added: true,
      fingerprint: keyFingerprint(attacker.publicKey),
      stationId: signer.stationId,
    });
    const again = await services.openReplay({ key: replay.key });
    if (!again.ok) throw new Error(again.error);
    expect(again.replay.integrity.verdict).toMatchObject({ kind: 'verified', key: { label: 'Van 2' } });
    // Journalled by the supervisor, beside the import, and listed in its replay.
    const review = await readEntries(
      join(dataDir, 'imports', replay.key.slice('import:'.length), 'review', 'journal.jsonl'),
    );
    expect(review.find((e) => e.type === 'trust-enrolled')).toMatchObject({
      actor: { id: SUP.id },
      data: { source: 'bundle', publicKey: attacker.publicKey, label: 'Van 2', key: replay.key },
    });
  });

  it('an imported bundle cut below its last checkpoint is unsealed, not verified', async () => {
    await fx.journal!.close();
    const replay = await importAndOpen(await bundleOf('cut', (e) => e.slice(0, -3)));
    expect(replay.integrity.verdict).toMatchObject({ kind: 'unsealed', unsignedEntries: 1 });
  });
});

describe('exports on the record', () => {
  it('journals kind, images, SHA-256 and size of each file by the supervisor before handing it over, and replay lists them', async () => {
    const made = [];
    for (const req of [
      { key: KEY, kind: 'csv' as const },
      { key: KEY, kind: 'pdf' as const, includeImages: true },
      { key: KEY, kind: 'bundle' as const },
    ]) {
      const r = await services.exportReplay(req);
      if (!r.ok) throw new Error(r.error);
      made.push({ ...r, digest: await fileDigest(r.path) });
    }
    const exports = (await readEntries(fx.file)).filter((e) => e.type === 'export');
    expect(exports.map((e) => ({ actor: e.actor, data: e.data }))).toEqual([
      {
        actor: { id: SUP.id, name: SUP.name },
        data: { kind: 'csv', includesImages: false, ...made[0]!.digest },
      },
      {
        actor: { id: SUP.id, name: SUP.name },
        data: { kind: 'pdf', includesImages: true, ...made[1]!.digest },
      },
      {
        actor: { id: SUP.id, name: SUP.name },
        data: { kind: 'bundle', includesImages: true, ...made[2]!.digest },
      },
    ]);
    for (const m of made) expect(m.bytes).toBe(m.digest.bytes);
    const r = await services.openReplay({ key: KEY });
    if (!r.ok) throw new Error(r.error);
    const listed = r.replay.events.filter((e) => e.type === 'export').map((e) => e.summary);
    expect(listed).toEqual([
      expect.stringMatching(
        `^Sgt Supervisor exported a CSV file \\(\\d+ bytes, SHA-256 ${made[0]!.digest.sha256}\\)$`,
      ),
      expect.stringMatching(/^Sgt Supervisor exported a PDF report with images/),
      expect.stringMatching(/^Sgt Supervisor exported a bundle with images/),
    ]);
  });

  it('a file that cannot go on the record is not handed over', async () => {
    await fx.journal!.close();
    const r = await services.exportReplay({ key: KEY, kind: 'csv' });
    // The deployment journal is closed: the export is recorded in the access journal instead.
    if (!r.ok) throw new Error(r.error);
    const access = await readEntries(join(dataDir, 'replay-access', 'journal.jsonl'));
    expect(access.find((e) => e.type === 'export')).toMatchObject({
      actor: { id: SUP.id },
      data: { kind: 'csv', key: KEY, ...(await fileDigest(r.path)) },
    });
  });
});

describe('identity in the record', () => {
  it('shows how each person proved who they were', async () => {
    const sso = { id: 'SUP-9', name: 'Insp Nine' };
    await fx.journal!.appendEntry('operator-signed-in', sso, {
      role: 'supervisor',
      method: 'oidc',
      issuer: 'https://idp.example',
      subject: 'sub-9',
      idTokenSha256: 'a'.repeat(64),
    });
    await fx.journal!.appendEntry(
      'operator-signed-in',
      { id: 'PC-7', name: 'PC Seven' },
      { role: 'officer', method: 'local' },
    );
    const r = await services.openReplay({ key: KEY });
    if (!r.ok) throw new Error(r.error);
    const signIns = r.replay.events.filter((e) => e.type === 'operator-signed-in').map((e) => e.summary);
    expect(signIns).toContain(
      `Insp Nine signed in as supervisor: single sign-on (issuer https://idp.example, subject sub-9, ID token SHA-256 ${'a'.repeat(64)})`,
    );
    expect(signIns).toContain('PC Seven signed in as officer: station account and password');
  });
});

describe('enrolling a station key', () => {
  it('takes a pasted trust line from a supervisor, journals it, and refuses bad lines', async () => {
    const other = createEphemeralSigner();
    expect(await services.enrolStationKey({ line: `${other.stationId} not-a-key` })).toMatchObject({
      ok: false,
      error: expect.stringContaining('43 base64url'),
    });
    expect(
      await services.enrolStationKey({ line: `${other.stationId} ${other.publicKey} Van 3` }),
    ).toMatchObject({
      ok: true,
      added: true,
      label: 'Van 3',
    });
    expect((await trust.entries()).map((e) => e.publicKey)).toContain(other.publicKey);
    const access = await readEntries(join(dataDir, 'replay-access', 'journal.jsonl'));
    expect(access.find((e) => e.type === 'trust-enrolled')).toMatchObject({
      actor: { id: SUP.id, name: SUP.name },
      data: { source: 'pasted', stationId: other.stationId, fingerprint: keyFingerprint(other.publicKey) },
    });
  });

  it('is for a signed-in supervisor only', async () => {
    const officer = createReplayServices({
      dataDir,
      stationRoot: dataDir,
      signer,
      appVersion: 'test',
      operator: () => ({ id: 'PC-1', name: 'PC One', role: 'officer' }),
      appendToStation: () => Promise.reject(new Error('no')),
      emitProgress: () => undefined,
      enrolKey: (entry) => trust.add(entry),
    });
    const other = createEphemeralSigner();
    expect(await officer.enrolStationKey({ line: `${other.stationId} ${other.publicKey}` })).toMatchObject({
      ok: false,
      error: expect.stringContaining('supervisor'),
    });
    expect((await trust.entries()).map((e) => e.publicKey)).not.toContain(other.publicKey);
  });
});
