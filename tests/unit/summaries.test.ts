/**
 * Memory bounded by what is open (issue 25.5, electron/core/station/summaries.ts): decided
 * alerts that need not stay whole are summarised at start-up and read back from the journal
 * when asked. The read-back must give exactly what folding the whole file gives; the bound
 * must hold; a line changed on disk after open must be refused; and each appended entry's
 * place in the file must be right across group commits, checkpoints and a clock step.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID, createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor, JournalEntry } from '../../shared/journal/entries';
import { foldEntries } from '../../shared/journal/fold';
import { answerKey, type FoldedDeployment } from '../../shared/journal/folded';
import { RECENT_DECIDED } from '../../shared/screen';
import type { StationAlert } from '../../shared/view';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { Journal, placeOf } from '../../electron/core/journal/journal';
import { entryLine } from '../../electron/core/journal/canonical-line';
import { openDeployment } from '../../electron/core/station/deployments';
import type { OpenDeployment } from '../../electron/core/station/context';
import {
  hasUnanswered,
  lastTouched,
  promote,
  readBack,
  ReadBackRefused,
  summaryImages,
  wholeAlert,
} from '../../electron/core/station/summaries';
import { writeSyntheticJournal } from '../../bench/replay';
import { purgeDeployment } from '../../electron/core/retention';
import { recordLoss } from '../../electron/core/station/image-loss';
import { reviewedCast } from '../../shared/reviewed-cast';

let root: string;
let signer: Signer;
const DEP = 'dep-1';
const journalFile = () => join(root, 'deployments', DEP, 'journal.jsonl');

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'summaries-'));
  signer = createEphemeralSigner();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const open = (deploymentId = DEP) =>
  openDeployment(
    { root, signer, appVersion: '0.1.0-test', training: false, mode: 'browser' },
    deploymentId,
    () => Date.now(),
    () => undefined,
  );

async function entriesOnDisk(file = journalFile()): Promise<JournalEntry[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as JournalEntry);
}

const officer: Actor = { id: 'PC-1', name: 'PC One' };
const elsewhere = { stationId: 'station-b', label: 'Seat B', operator: { id: 'PC-9', name: 'PC Nine' } };
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function received(alertId: string, n: number) {
  return {
    v: 1,
    alertId,
    seq: n,
    deploymentId: DEP,
    capturedAt: new Date(Date.parse('2026-03-21T09:00:00Z') + n * 60_000).toISOString(),
    camera: { id: `CAM-${n % 3}`, label: `Camera ${n % 3}` },
    score: 0.7,
    threshold: 0.64,
    probe: { sha256: sha(`probe-${n}`), mime: 'image/jpeg', width: 320, height: 320, bytes: 1000 },
    ...(n % 2 === 0
      ? {
          scene: {
            sha256: sha(`scene-${n}`),
            mime: 'image/jpeg',
            width: 1280,
            height: 720,
            bytes: 5000,
            box: { x: 1, y: 2, w: 3, h: 4 },
          },
        }
      : {}),
    subject: {
      entryId: `WL-${n % 50}`,
      category: 'wanted-court-warrant',
      tier: (['red', 'amber', 'green'] as const)[n % 3],
      reason: 'Failed to appear at court.',
      warnings: [],
      image: { sha256: sha(`subject-${n % 40}`), mime: 'image/jpeg', width: 400, height: 400, bytes: 2000 },
    },
  };
}

function decision(alertId: string, n: number, revision: number, engage: boolean) {
  return {
    alertId,
    deploymentId: DEP,
    revision,
    decision: engage ? ('engage' as const) : ('no-engage' as const),
    reasons: engage ? ['strong-likeness'] : ['face-shape-differs'],
    rationale: `decision ${revision} on alert ${n}`,
    operator: officer,
    confirmedBy: null,
    shownAt: '2026-03-21T09:00:00.000Z',
    decidedAt: new Date(Date.parse('2026-03-21T10:00:00Z') + n * 60_000 + revision * 1000).toISOString(),
    evidence: {
      probeSha256: sha(`probe-${n}`),
      subjectSha256: sha(`subject-${n % 40}`),
      score: 0.7,
      threshold: 0.64,
    },
  };
}

function outcome(alertId: string, revision: number) {
  return {
    v: 1,
    alertId,
    deploymentId: DEP,
    revision,
    result: revision === 1 ? ('not-located' as const) : ('confirmed-false' as const),
    notes: `outcome ${revision}`,
    recordedBy: officer,
    recordedAt: '2026-03-21T11:00:00.000Z',
  };
}

/**
 * A journal written through the real Journal (group commits, checkpoints), with notes,
 * claims, settlement elsewhere, withdrawals, a purge, amendments, rejections, conflicts and
 * escalations; some alerts old in the file are touched again at its end.
 */
async function writeRichJournal(count: number, withDeployment = false): Promise<string[]> {
  // The bench's journal of one alert first, for its deployment record (retention needs one).
  if (withDeployment)
    await writeSyntheticJournal(join(root, 'deployments', DEP), { alerts: 1, signer, deploymentId: DEP });
  const { journal } = await Journal.open({ file: journalFile(), deploymentId: DEP, signer, appVersion: 't' });
  const ids: string[] = [];
  const a = (type: string, actor: Actor | null, data: object) => journal.append(type, actor, data);
  for (let start = 1; start <= count; start += 50) {
    const writes: Array<Promise<unknown>> = [];
    for (let n = start; n < start + 50 && n <= count; n++) {
      const id = randomUUID();
      ids.push(id);
      const shown = { alertId: id, probeSha256: sha(`probe-${n}`), subjectSha256: sha(`subject-${n % 40}`) };
      writes.push(a('alert-received', null, received(id, n)));
      writes.push(
        a('alert-shown', officer, {
          ...shown,
          status: 'pending',
          ...(n % 9 === 0
            ? { imagesNotShown: [{ role: 'probe', sha256: shown.probeSha256, onDisk: false }] }
            : {}),
        }),
      );
      if (n % 7 === 0)
        writes.push(a('alert-shown', officer, { ...shown, status: 'pending', note: `note ${n}` }));
      if (n % 11 === 0) {
        writes.push(
          a('claim', null, { alertId: id, status: 'held', by: elsewhere, since: '2026-03-21T09:30:00.000Z' }),
        );
        writes.push(a('claim', null, { alertId: id, status: 'granted' }));
      }
      if (n % 29 === 0) {
        writes.push(a('escalation', officer, { alertId: id, note: 'please look' }));
        writes.push(a('alert-escalated', null, { alertId: id, undecidedForMs: 60_000 }));
        writes.push(
          a('alert-conflict', null, { alertId: id, storedSha256: sha('a'), receivedSha256: sha('b') }),
        );
      }
      if (n > count - 6) continue; // the last few wait
      if (n % 13 === 0) {
        writes.push(
          a('alert-settled', null, {
            alertId: id,
            by: elsewhere,
            decision: 'no-engage',
            revision: 1,
            decidedAt: '2026-03-21T09:40:00.000Z',
            journal: { seq: 7, hash: sha('x') },
          }),
        );
        writes.push(a('claim-released', null, { alertId: id, reason: 'settled', by: 'server' }));
        continue;
      }
      if (n % 17 === 0) {
        writes.push(a('alert-withdrawn', null, { alertId: id, reason: 'sent in error' }));
        continue;
      }
      const engage = n % 3 === 0;
      writes.push(a('decision', officer, decision(id, n, 1, engage)));
      // The very last decided alerts keep an unanswered decision.
      if (n > count - 10) continue;
      writes.push(
        a('decision-recorded', null, {
          alertId: id,
          revision: 1,
          status: n % 19 === 0 ? 'rejected' : 'recorded',
          ...(n % 19 === 0 ? { reason: 'server said no' } : {}),
        }),
      );
      if (n % 5 === 0) {
        writes.push(a('decision', officer, decision(id, n, 2, engage)));
        writes.push(a('decision-recorded', null, { alertId: id, revision: 2, status: 'recorded' }));
      }
      if (engage && n % 4 !== 0) {
        writes.push(a('outcome', officer, outcome(id, 1)));
        writes.push(a('outcome-recorded', null, { alertId: id, revision: 1, status: 'recorded' }));
        if (n % 10 === 0) {
          writes.push(a('outcome', officer, outcome(id, 2)));
          writes.push(a('outcome-recorded', null, { alertId: id, revision: 2, status: 'recorded' }));
        }
      }
      if (n % 23 === 0)
        writes.push(a('alert-withdrawn', null, { alertId: id, reason: 'withdrawn after decision' }));
    }
    // Images of an early alert purged part way through the file.
    if (start === 51) writes.push(a('retention-purge', null, { images: [sha('probe-2'), sha('scene-2')] }));
    await Promise.all(writes);
  }
  // Old alerts touched again at the end of the file (read back during start-up).
  const [first, second, third] = [ids[0]!, ids[1]!, ids[3]!];
  await a('decision', officer, decision(first, 1, 2, false));
  await a('decision-recorded', null, { alertId: first, revision: 2, status: 'recorded' });
  await a('alert-shown', officer, {
    alertId: second,
    probeSha256: sha('probe-2'),
    subjectSha256: sha('subject-2'),
    status: 'decided',
    note: 'late note',
  });
  await a('claim-released', null, { alertId: third, reason: 'expired', by: 'server' });
  await journal.close();
  return ids;
}

/** The live set summaries.ts promises: pending, recent, unanswered (an engage awaiting its outcome is summarised, flagged). */
function expectedLive(full: FoldedDeployment): Set<string> {
  const live = new Set<string>();
  const decided: StationAlert[] = [];
  for (const a of full.alerts.values()) {
    if (a.status === 'pending') live.add(a.alertId);
    else decided.push(a);
    if (hasUnanswered(full, a)) live.add(a.alertId);
  }
  decided.sort((x, y) => lastTouched(y).localeCompare(lastTouched(x)));
  for (const a of decided.slice(0, RECENT_DECIDED)) live.add(a.alertId);
  return live;
}

describe('summarised alerts', () => {
  it('read back exactly as folding the whole journal gives them, touched late in the file too', async () => {
    const ids = await writeRichJournal(800);
    const slot = await open();
    const full = foldEntries(DEP, await entriesOnDisk());
    expect(full.alerts.size).toBe(800);
    const { state } = slot;
    expect(state.summaries.size).toBeGreaterThan(300);
    expect(state.alerts.size + state.summaries.size).toBe(800);
    for (const id of ids) {
      const whole = full.alerts.get(id);
      expect(state.alerts.has(id) !== state.summaries.has(id)).toBe(true);
      const got = state.alerts.get(id) ?? readBack(slot, id).alert;
      expect(got, id).toEqual(whole);
    }
    // The alerts touched at the end of the file were summarised before and read back then.
    expect(
      state.alerts.get(ids[0]!)?.decisions.map((d) => d.revision) ??
        readBack(slot, ids[0]!).alert.decisions.map((d) => d.revision),
    ).toEqual([1, 2]);
    // Everything else the fold holds is the same (answered keys of summarised alerts aside).
    expect(state.purged).toEqual(full.purged);
    expect(state.seqs).toEqual(full.seqs);
    expect(state.lastSeq).toBe(full.lastSeq);
    for (const key of state.answered) expect(full.answered.has(key)).toBe(true);
    expect(new Set(state.alerts.keys())).toEqual(expectedLive(full));
    // A summary names the alert's images (retention and the start-up image check use them).
    for (const [id, summary] of state.summaries) {
      const a = full.alerts.get(id)!;
      expect(summaryImages(summary)).toEqual(
        [a.probe, a.scene, a.subject.image].filter((r) => r).map((r) => r!.sha256),
      );
      expect(summary.status).toBe(a.status);
      expect(summary.tier).toBe(a.subject.tier);
      expect(summary.outcomeAwaited).toBe(
        a.status === 'decided' && a.decisions.at(-1)?.decision === 'engage' && a.outcomes.length === 0,
      );
    }
    await slot.journal.close();
  }, 120_000);

  it('promoted, an alert is whole again with its answered keys, and the fold takes its entries', async () => {
    const ids = await writeRichJournal(300);
    const slot = await open();
    const full = foldEntries(DEP, await entriesOnDisk());
    const id = ids.find((x) => slot.state.summaries.has(x) && full.alerts.get(x)!.decisions.length === 2)!;
    expect(id).toBeDefined();
    expect(slot.state.answered.has(answerKey('decision', id, 2))).toBe(false);
    const alert = promote(slot, id)!;
    expect(alert).toEqual(full.alerts.get(id));
    expect(slot.state.summaries.has(id)).toBe(false);
    expect(slot.state.answered.has(answerKey('decision', id, 2))).toBe(true);
    await slot.journal.close();
  }, 60_000);

  it('keeps whole only the waiting, recent and unanswered alerts of 10,000', async () => {
    const dir = join(root, 'deployments', 'bench-deployment');
    await writeSyntheticJournal(dir, { alerts: 10_000, signer });
    const slot = await open('bench-deployment');
    const full = foldEntries('bench-deployment', await entriesOnDisk(join(dir, 'journal.jsonl')));
    const live = expectedLive(full);
    expect(live.size).toBeLessThan(2000);
    expect(new Set(slot.state.alerts.keys())).toEqual(live);
    expect(slot.state.summaries.size).toBe(10_000 - live.size);
    // No summarised alert keeps its entry's data (nor its hash as text) in StoredContents.
    for (const id of slot.state.summaries.keys()) expect(slot.contents.kept(id)).toBeUndefined();
    for (const a of slot.state.alerts.values())
      expect(slot.contents.kept(a.alertId)).toBe(a.status === 'pending' ? 'data' : 'sha256');
    await slot.journal.close();
  }, 120_000);

  it('refuses a summarised alert whose line changed on disk after open, and marks the journal tampered', async () => {
    const ids = await writeRichJournal(300);
    const slot: OpenDeployment = await open();
    const id = ids.find((x) => slot.state.summaries.has(x))!;
    const text = await readFile(journalFile(), 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"type":"decision"') && l.includes(id));
    expect(at).toBeGreaterThan(0);
    // Same length, one character of the rationale changed: only the hash can tell.
    lines[at] = lines[at]!.replace(/decision 1 on alert/, 'decision 1 on alerT');
    await writeFile(journalFile(), lines.join('\n'));
    const ctx = { tampered: new Map<string, string>(), log: () => undefined, schedulePush: () => undefined };
    expect(() => wholeAlert(ctx, slot, id)).toThrow(ReadBackRefused);
    expect(ctx.tampered.get(DEP)).toMatch(/changed on disk/);
    // Nothing read was taken in: the alert is still summarised.
    expect(slot.state.summaries.has(id)).toBe(true);
    expect(slot.state.alerts.has(id)).toBe(false);
    await slot.journal.close();
  }, 60_000);
});

describe('images of summarised alerts', () => {
  /** Every image the whole fold's alerts name. */
  const allImages = (full: FoldedDeployment) =>
    new Set(
      [...full.alerts.values()].flatMap((a) =>
        [a.probe, a.scene, a.subject.image].filter((r) => r !== null).map((r) => r.sha256),
      ),
    );

  it('are purged by retention, and those of waiting alerts kept', async () => {
    await writeRichJournal(300, true);
    const slot = await open();
    expect(slot.state.summaries.size).toBeGreaterThan(100);
    const full = foldEntries(DEP, await entriesOnDisk());
    const pendingImages = new Set(
      [...full.alerts.values()]
        .filter((a) => a.status === 'pending')
        .flatMap((a) => [a.probe, a.scene, a.subject.image].filter((r) => r !== null).map((r) => r.sha256)),
    );
    const result = await purgeDeployment(
      {
        state: slot.state,
        images: slot.images,
        journal: slot.journal,
        append: (type, data) => slot.journal.appendEntry(type, null, data),
      },
      Date.parse('2027-01-01T00:00:00Z'),
    );
    expect(result.status).toBe('purged');
    const due = new Set(result.status === 'purged' ? result.images : []);
    const expected = [...allImages(full)].filter((h) => !pendingImages.has(h) && !full.purged.has(h));
    expect(due).toEqual(new Set(expected));
    await slot.journal.close();
  }, 60_000);

  it('are looked for when the image folder is checked', async () => {
    await writeRichJournal(300);
    const slot = await open();
    const full = foldEntries(DEP, await entriesOnDisk());
    const lost: string[][] = [];
    const ctx = {
      append: (_slot: unknown, _type: unknown, _actor: unknown, data: { images: string[] }) => {
        lost.push(data.images);
        return Promise.resolve();
      },
      schedulePush: () => undefined,
      log: () => undefined,
      now: () => Date.now(),
    };
    // No image file was ever written: every image named and not purged is lost.
    expect(
      await recordLoss(
        reviewedCast<Parameters<typeof recordLoss>[0]>(ctx, 'a Writer that records what is appended'),
        slot,
      ),
    ).toBe(true);
    expect(new Set(lost.flat())).toEqual(new Set([...allImages(full)].filter((h) => !full.purged.has(h))));
    await slot.journal.close();
  }, 60_000);
});

describe('where appended entries are', () => {
  it('is right across group commits, checkpoints and a clock step written in the same batch', async () => {
    let wall = Date.parse('2026-03-21T09:00:00Z');
    let mono = 0;
    const { journal } = await Journal.open({
      file: journalFile(),
      deploymentId: DEP,
      signer,
      appVersion: 't',
      now: () => new Date(wall),
      mono: () => mono,
    });
    const appended: JournalEntry[] = [];
    for (let round = 0; round < 4; round++) {
      // The wall clock steps back an hour while the monotonic clock moves a second.
      if (round === 2) {
        wall -= 3_600_000;
        mono += 1000;
      }
      const batch = Array.from({ length: 130 }, (_, i) =>
        journal.append('alert-shown', i % 17 === 0 ? officer : null, {
          alertId: `a-${round}-${i}`,
          note: 'é✓'.repeat(i % 4),
        }),
      );
      appended.push(...(await Promise.all(batch)));
      wall += 1000;
      mono += 1000;
    }
    await journal.close();
    const bytes = await readFile(journalFile());
    const types = new Set((await entriesOnDisk()).map((e) => e.type));
    expect(types.has('checkpoint')).toBe(true);
    expect(types.has('clock-step')).toBe(true);
    for (const entry of appended) {
      const place = placeOf(entry)!;
      expect(place).toBeDefined();
      expect(bytes.subarray(place.start, place.end).toString('utf8')).toBe(`${entryLine(entry)}\n`);
    }
  }, 60_000);
});
