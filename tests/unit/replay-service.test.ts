import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayProgress } from '../../shared/contract';
import type { JournalEntry } from '../../shared/journal/entries';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { verifyJournal } from '../../electron/core/journal/verify';
import { createReplayServices, type ReplayServices } from '../../electron/core/replay/service';
import { ALERT_IDS, writeFixture, type Fixture } from './replay-fixture';

const SUP = { id: 'SUP-1', name: 'Sgt Supervisor', role: 'supervisor' as const };
const KEY = 'station:dep-fixture';

let dataDir: string;
let signer: Signer;
let fx: Fixture;
let operator: { id: string; name: string; role: 'officer' | 'supervisor' } | null;
let progress: ReplayProgress[];
let picked: string | null = null;
let services: ReplayServices;

async function entries(file: string): Promise<JournalEntry[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEntry);
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'replay-service-'));
  signer = createEphemeralSigner();
  fx = await writeFixture(dataDir, signer, { keepOpen: true });
  operator = SUP;
  progress = [];
  services = createReplayServices({
    dataDir,
    stationRoot: dataDir,
    signer,
    appVersion: 'test',
    operator: () => operator,
    appendToStation: (deploymentId, type, actor, data) =>
      deploymentId === 'dep-fixture' && !fx.journal!.closed
        ? fx.journal!.appendEntry(type, actor, data)
        : Promise.reject(new Error(`journal ${deploymentId} is not open`)),
    emitProgress: (p) => progress.push(p),
    // What the supervisor picks in main's dialog (the renderer never names a path).
    pickBundle: () => Promise.resolve(picked),
    now: () => Date.parse('2026-03-22T08:09:10.000Z'),
  });
});
afterEach(async () => {
  await services.close();
  if (!fx.journal!.closed) await fx.journal!.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('roles', () => {
  it('is for supervisors only', async () => {
    operator = { id: 'PC-1', name: 'PC One', role: 'officer' };
    expect(await services.openReplay({ key: KEY })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/supervisor/),
    });
    expect(await services.exportReplay({ key: KEY, kind: 'csv' })).toMatchObject({ ok: false });
    expect(await services.listDeployments({})).toMatchObject({ ok: false });
    operator = null;
    expect(
      await services.supervisorReview({
        key: KEY,
        alertId: ALERT_IDS.A,
        revision: 1,
        verdict: 'countersign',
        comment: 'ok',
      }),
    ).toMatchObject({
      ok: false,
    });
    picked = '/nonexistent';
    expect(await services.importBundle({})).toMatchObject({ ok: false });
  });
});

describe('station replays', () => {
  it('lists deployments with counts, and the verdict once opened', async () => {
    const before = await services.listDeployments({});
    expect(before).toMatchObject({
      ok: true,
      deployments: [
        {
          key: KEY,
          source: 'station',
          deploymentId: 'dep-fixture',
          title: 'Fixture deployment, Market Street',
          alerts: 6,
          decided: 4,
          startsAt: '2026-03-21T09:00:00.000Z',
          firstEntryAt: '2026-03-21T10:00:00.000Z',
          integrity: null,
          legalHold: null,
        },
      ],
    });
    await services.openReplay({ key: KEY });
    const after = await services.listDeployments({});
    expect(after.ok && after.deployments[0]!.integrity?.status).toBe('verified');
  });

  it('journals replay-opened with the supervisor before returning, and reports progress', async () => {
    const result = await services.openReplay({ key: KEY });
    if (!result.ok) throw new Error(result.error);
    const opened = (await entries(fx.file)).filter((e) => e.type === 'replay-opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.actor).toEqual({ id: SUP.id, name: SUP.name });
    expect(opened[0]!.data).toEqual({ key: KEY, by: { id: SUP.id, name: SUP.name } });
    expect(result.replay.events.at(-1)).toMatchObject({ type: 'replay-opened', actor: { id: 'SUP-1' } });
    expect(result.replay.integrity.status).toBe('verified');
    expect(progress.some((p) => p.phase === 'verifying' && p.key === KEY)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ phase: 'loading' });

    // Opened again: the cached replay is brought up to date, not verified from scratch.
    progress = [];
    const again = await services.openReplay({ key: KEY });
    if (!again.ok) throw new Error(again.error);
    expect(again.replay.events.filter((e) => e.type === 'replay-opened')).toHaveLength(2);
    expect(progress.some((p) => p.phase === 'verifying')).toBe(false);
  });

  it('journals a supervisor review and shows it in the replay', async () => {
    const r = await services.supervisorReview({
      key: KEY,
      alertId: ALERT_IDS.B,
      revision: 2,
      verdict: 'disagree',
      comment: 'The scar is on the other cheek.',
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.review).toMatchObject({
      alertId: ALERT_IDS.B,
      revision: 2,
      verdict: 'disagree',
      by: { id: 'SUP-1' },
    });
    const last = (await entries(fx.file)).filter((e) => e.type === 'supervisor-review');
    expect(last).toHaveLength(1);
    expect(last[0]!.data).toMatchObject({
      alertId: ALERT_IDS.B,
      revision: 2,
      verdict: 'disagree',
      comment: 'The scar is on the other cheek.',
    });
    expect((last[0]!.data as { decision: { seq: number } }).decision.seq).toBeGreaterThan(0);

    const opened = await services.openReplay({ key: KEY });
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.replay.reviews).toHaveLength(1);
    expect(opened.replay.alerts.find((a) => a.alertId === ALERT_IDS.B)!.reviews[0]!.seq).toBe(r.review.seq);
  });

  it('refuses reviews of what is not there, or of one’s own decision', async () => {
    const review = (alertId: string, revision: number) =>
      services.supervisorReview({ key: KEY, alertId, revision, verdict: 'countersign', comment: 'Fine.' });
    expect(await review('00000000-0000-4000-8000-000000000123', 1)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not in this replay/),
    });
    expect(await review(ALERT_IDS.A, 2)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no decision revision 2/),
    });
    operator = { id: 'PC-1', name: 'PC One', role: 'supervisor' };
    expect(await review(ALERT_IDS.A, 1)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/their own decision/),
    });
    expect((await entries(fx.file)).some((e) => e.type === 'supervisor-review')).toBe(false);
  });

  it('exports CSV, PDF and a bundle under exports/', async () => {
    for (const kind of ['csv', 'pdf', 'bundle'] as const) {
      const r = await services.exportReplay({ key: KEY, kind });
      if (!r.ok) throw new Error(r.error);
      const ext = kind === 'bundle' ? 'lfrbundle' : kind;
      expect(r.path).toBe(join(dataDir, 'exports', `dep-fixture-20260322-080910-GMT.${ext}`));
      expect((await stat(r.path)).size).toBe(r.bytes);
    }
    // Same second, same kind: a new name, never an overwrite.
    const second = await services.exportReplay({ key: KEY, kind: 'csv' });
    expect(second.ok && second.path).toBe(join(dataDir, 'exports', 'dep-fixture-20260322-080910-GMT-2.csv'));
  });

  it('records the opening elsewhere when the journal cannot take it, and shows the tampering', async () => {
    const dir = join(dataDir, 'deployments', 'dep-broken');
    await mkdir(join(dir, 'images'), { recursive: true });
    const lines = (await readFile(fx.file, 'utf8')).split('\n');
    lines[3] = lines[3]!.replace('"role":"officer"', '"role":"supervisor"');
    await writeFile(join(dir, 'journal.jsonl'), lines.join('\n'));
    const r = await services.openReplay({ key: 'station:dep-broken' });
    if (!r.ok) throw new Error(r.error);
    expect(r.replay.integrity).toMatchObject({ status: 'tampered', failure: { seq: 4 } });
    const access = await entries(join(dataDir, 'replay-access', 'journal.jsonl'));
    expect(access.find((e) => e.type === 'replay-opened')).toMatchObject({
      actor: { id: 'SUP-1' },
      data: { key: 'station:dep-broken' },
    });
  });
});

describe('imported bundles', () => {
  it('imports, lists, opens with a review journal beside it, and reviews there', async () => {
    const exported = await services.exportReplay({ key: KEY, kind: 'bundle' });
    if (!exported.ok) throw new Error(exported.error);
    picked = exported.path;
    const imported = await services.importBundle({});
    if (!imported.ok) throw new Error(imported.error);
    expect(imported.key).toMatch(/^import:dep-fixture-[0-9a-f]{16}$/);
    expect(await services.importBundle({})).toEqual({ ok: true, key: imported.key });
    picked = null;
    expect(await services.importBundle({})).toEqual({ ok: false, error: 'no bundle was chosen' });
    expect(await services.importBundle({ upload: 'a'.repeat(32) })).toEqual({
      ok: false,
      error: 'that upload is not on the station (upload the bundle again)',
    });

    const list = await services.listDeployments({});
    const item = list.ok ? list.deployments.find((d) => d.key === imported.key) : undefined;
    expect(item).toMatchObject({
      source: 'import',
      deploymentId: 'dep-fixture',
      alerts: 6,
      integrity: { status: 'verified' },
    });

    const stationEntries = (await entries(fx.file)).length;
    const opened = await services.openReplay({ key: imported.key });
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.replay.source).toBe('import');
    expect(opened.replay.alerts).toHaveLength(6);

    const importDir = join(dataDir, 'imports', imported.key.slice('import:'.length));
    const reviewFile = join(importDir, 'review', 'journal.jsonl');
    const review = await services.supervisorReview({
      key: imported.key,
      alertId: ALERT_IDS.C,
      revision: 1,
      verdict: 'countersign',
      comment: 'Reasonable on what was seen.',
    });
    if (!review.ok) throw new Error(review.error);
    // Nothing went into the station's own journal or the imported one.
    expect((await entries(fx.file)).length).toBe(stationEntries);
    const reviewEntries = await entries(reviewFile);
    // journal-v1: a checkpoint follows every write with an entry a person made.
    expect(reviewEntries.map((e) => e.type)).toEqual([
      'journal-opened',
      'replay-opened',
      'checkpoint',
      'supervisor-review',
      'checkpoint',
    ]);
    expect(reviewEntries[0]!.data).toMatchObject({
      deploymentId: 'dep-fixture',
      publicKey: signer.publicKey,
    });

    const reopened = await services.openReplay({ key: imported.key });
    if (!reopened.ok) throw new Error(reopened.error);
    expect(reopened.replay.reviews.map((r) => r.comment)).toEqual(['Reasonable on what was seen.']);
    expect(reopened.replay.alerts.find((a) => a.alertId === ALERT_IDS.C)!.reviews).toHaveLength(1);
    // Two openings and one review.
    expect(reopened.replay.events.filter((e) => e.summary.startsWith('[review journal]'))).toHaveLength(3);

    expect(services.resolveImportImage('dep-fixture', fx.images.probe.sha256)).toBe(
      join(importDir, 'images', fx.images.probe.sha256),
    );
    expect(services.resolveImportImage('other', fx.images.probe.sha256)).toBeNull();

    await services.close();
    const report = await verifyJournal(reviewFile, { imagesDir: join(importDir, 'review', 'images') });
    expect(report.ok).toBe(true);
  });

  it('answers a refused bundle with the reason', async () => {
    const file = join(dataDir, 'junk.lfrbundle');
    await writeFile(file, 'junk');
    picked = file;
    expect(await services.importBundle({})).toEqual({
      ok: false,
      error: 'bundle refused: not a gzip archive, or damaged',
    });
  });
});
