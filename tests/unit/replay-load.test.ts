import { appendFile, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplayProgress } from '../../shared/contract';
import type { JournalEntry } from '../../shared/journal/entries';
import { translatorFor } from '../../shared/i18n/translator';
import { replayLineText, type ReplayLine } from '../../shared/replay-lines';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import {
  loadReplay,
  loadReplayState,
  refreshReplayState,
  replayFromState,
} from '../../electron/core/replay/load';
import { ALERT_IDS, PC1, at, writeFixture } from './replay-fixture';

/** An event's line as a code; a test failure if it has none. */
function lineOf(event: { line?: ReplayLine } | undefined): ReplayLine {
  if (!event?.line) throw new Error('the event has no line code');
  return event.line;
}

let dir: string;
let signer: Signer;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-load-'));
  signer = createEphemeralSigner();
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = (
  fx: { file: string; imagesDir: string },
  extra: Partial<Parameters<typeof loadReplay>[0]> = {},
) =>
  loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
    ...extra,
  });

async function lines(file: string): Promise<JournalEntry[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEntry);
}

describe('loadReplay', () => {
  it('verifies, then folds a journal written by the Journal class', async () => {
    const fx = await writeFixture(dir, signer);
    const progress: ReplayProgress[] = [];
    const replay = await load(fx, { onProgress: (p) => progress.push(p) });

    expect(replay.integrity).toMatchObject({
      status: 'verified',
      failure: null,
      images: { checked: 2, purged: 0, missing: 0, altered: 0 },
    });
    // The fixture's officers act often: each of their writes is sealed by a checkpoint.
    const written = (await readFile(fx.file, 'utf8'))
      .split('\n')
      .filter((l) => l.includes('"type":"checkpoint"'));
    expect(replay.integrity.checkpoints).toBe(written.length);
    expect(replay.integrity.verdict).toMatchObject({ kind: 'verified', key: { trust: 'journal-own-key' } });
    expect(replay.deploymentId).toBe('dep-fixture');
    expect(replay.deployment?.title).toBe('Fixture deployment, Market Street');
    expect(replay.alerts).toHaveLength(6);

    const b = replay.alerts.find((a) => a.alertId === ALERT_IDS.B)!;
    expect(b.decisions.map((d) => [d.revision, d.decision, d.operator.id])).toEqual([
      [1, 'no-engage', 'PC-1'],
      [2, 'engage', 'PC-2'],
    ]);
    expect(b.shown).toEqual([{ at: new Date(at(2, 1)).toISOString(), operator: PC1 }]);
    expect(b.probe.url).toBe(`/images/dep-fixture/${fx.images.probe.sha256}`);

    expect(replay.rejected.map((r) => r.code)).toEqual(['outside-window', 'invalid']);
    expect(replay.safeguards).toHaveLength(1);
    expect(replay.operators.map((o) => [o.operator.id, o.from, o.to])).toEqual([
      ['PC-1', new Date(at(0)).toISOString(), new Date(at(8)).toISOString()],
      ['PC-2', new Date(at(8)).toISOString(), new Date(at(10)).toISOString()],
    ]);
    const summaries = replay.events.map((e) => e.summary);
    expect(summaries).toContain('PC Two decided engage on alert #2 (revision 2)');
    expect(summaries).toContain('alert #1 shown to PC One');
    // Issue 26: the same lines as codes, said in Welsh on a Welsh screen (the English unchanged above).
    const cy = translatorFor('cy');
    const decided = replay.events.find((e) => e.summary === 'PC Two decided engage on alert #2 (revision 2)');
    expect(decided?.line).toEqual({
      code: 'decided',
      who: 'PC Two',
      alert: { seq: '2' },
      values: { decision: 'engage', revision: '2' },
    });
    expect(replayLineText(cy, lineOf(decided))).toBe(
      'penderfynodd PC Two ymgysylltu ynghylch rhybudd #2 (diwygiad 2)',
    );
    const shown = replay.events.find((e) => e.summary === 'alert #1 shown to PC One');
    expect(replayLineText(cy, lineOf(shown))).toBe('dangoswyd rhybudd #1 i PC One');
    // The server's plain acknowledgements are not events; checkpoints neither.
    expect(replay.events.some((e) => e.type === 'decision-recorded' || e.type === 'checkpoint')).toBe(false);

    expect(progress[0]).toMatchObject({ key: 'station:dep-fixture', phase: 'verifying', done: 0 });
    const last = progress.at(-1)!;
    expect(last.phase).toBe('loading');
    expect(last.done).toBe(last.total);
    expect(progress.findIndex((p) => p.phase === 'loading')).toBeGreaterThan(0);
  });

  it('flags a tampered journal with the seq and reason, and still shows what it can', async () => {
    const fx = await writeFixture(dir, signer);
    const entries = await lines(fx.file);
    const target = entries.find((e) => e.type === 'decision' && e.data.alertId === ALERT_IDS.A)!;
    (target.data as { decision: string }).decision = 'no-engage';
    await writeFile(fx.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));

    const replay = await load(fx);
    expect(replay.integrity.status).toBe('tampered');
    expect(replay.integrity.failure).toEqual({ seq: target.seq, reason: 'hash does not match the entry' });
    // Everything after the break is still folded, as written.
    expect(replay.alerts).toHaveLength(6);
    expect(replay.alerts.find((a) => a.alertId === ALERT_IDS.A)!.decisions[0]!.decision).toBe('no-engage');
    expect(replay.alerts.find((a) => a.alertId === ALERT_IDS.F)!.decisions).toHaveLength(1);
  });

  it('skips lines that are not JSON in a tampered journal', async () => {
    const fx = await writeFixture(dir, signer);
    const text = (await readFile(fx.file, 'utf8')).split('\n');
    text.splice(5, 0, 'this is not json');
    await writeFile(fx.file, text.join('\n'));
    const replay = await load(fx);
    expect(replay.integrity.status).toBe('tampered');
    expect(replay.integrity.failure?.seq).toBe(6);
    expect(replay.alerts).toHaveLength(6);
  });

  it('reports images purged under retention as purged, not tampered', async () => {
    let probe = '';
    const fx = await writeFixture(dir, signer, {
      extra: async (journal, clock) => {
        clock.ms = at(9, 30);
        const first = (await lines(journal.file)).find((e) => e.type === 'alert-received')!;
        probe = (first.data.probe as { sha256: string }).sha256;
        await journal.append('retention-purge', null, { images: [probe] });
      },
    });
    await unlink(join(fx.imagesDir, probe));
    const replay = await load(fx);
    expect(replay.integrity.status).toBe('purged');
    expect(replay.integrity.images.purged).toBe(1);
    expect(replay.alerts[0]!.probe.url).toBeNull();
  });

  it('flags a missing image (not purged) at the alert that named it', async () => {
    const fx = await writeFixture(dir, signer);
    await unlink(join(fx.imagesDir, fx.images.subject.sha256));
    const replay = await load(fx);
    expect(replay.integrity.status).toBe('tampered');
    expect(replay.integrity.failure?.seq).toBe(fx.seqOf.A);
    expect(replay.integrity.failure?.reason).toMatch(/subject\.image.*is missing/);
  });

  it('treats an unterminated last line as a write in progress only for a live journal', async () => {
    const fx = await writeFixture(dir, signer);
    await appendFile(fx.file, '{"seq":99,"at":"2026');
    expect((await load(fx)).integrity.status).toBe('verified');
    const audit = await load(fx, { live: false });
    expect(audit.integrity.status).toBe('tampered');
    expect(audit.integrity.failure?.reason).toMatch(/cut short/);
  });
});

describe('refreshReplayState', () => {
  it('folds only the new lines of a journal that grew, and reloads when old bytes change', async () => {
    const fx = await writeFixture(dir, signer, { keepOpen: true });
    const journal = fx.journal!;
    try {
      const state = await loadReplayState({
        key: 'station:dep-fixture',
        source: 'station',
        journalFile: fx.file,
        imagesDir: fx.imagesDir,
      });
      expect(await refreshReplayState(state)).toBe('same');
      const entriesBefore = state.integrity.entries;
      const checkpointsBefore = state.integrity.checkpoints;

      // 60 entries by a person, each sealed by a checkpoint the refresh verifies like any other.
      for (let i = 0; i < 60; i++)
        await journal.append(
          'supervisor-review',
          { id: 'SUP-1', name: 'Sgt Sup' },
          {
            alertId: ALERT_IDS.A,
            revision: 1,
            verdict: 'countersign',
            comment: `ok ${i}`,
          },
        );
      expect(await refreshReplayState(state)).toBe('updated');
      const replay = replayFromState(state);
      expect(replay.reviews).toHaveLength(60);
      expect(replay.alerts.find((a) => a.alertId === ALERT_IDS.A)!.reviews).toHaveLength(60);
      expect(state.integrity.entries).toBe(entriesBefore + 120);
      expect(state.integrity.checkpoints).toBe(checkpointsBefore + 60);

      // Same length, one byte different in an old line: only a full load can say what it is now.
      const text = await readFile(fx.file, 'utf8');
      await writeFile(fx.file, text.replace('Market Street', 'Market Streex'));
      expect(await refreshReplayState(state)).toBe('reload');
    } finally {
      await journal.close();
    }
  });
});
