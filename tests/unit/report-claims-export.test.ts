/**
 * Issue 22 item 5 in the supervisor's export: a replay of a shared deployment (alerts with
 * claim holds, one taken over by a supervisor, one decided at two stations) gives the
 * oversight PDF a "Claims" part (from alert to claim and from claim to decision: median,
 * 90th percentile, longest; take-overs; alerts decided at more than one station), in
 * English and in Welsh, read back with pdftotext; the CSV keeps every earlier column where it
 * was and appends the first claim time and who held the alert at each decision. A replay
 * without claims has neither the part nor anything in the new columns.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportLanguage } from '../../shared/i18n/locale';
import type { ReplayData } from '../../shared/replay';
import { computeStats } from '../../shared/replay-stats';
import { ukStamp } from '../../shared/uk-time';
import { createEphemeralSigner } from '../../electron/core/identity';
import { CSV_COLUMNS, replayCsv } from '../../electron/core/replay/csv';
import { loadReplay } from '../../electron/core/replay/load';
import { writeReplayPdf } from '../../electron/core/replay/pdf';
import { writeFixture } from './replay-fixture';
import { parseCsv } from '../helpers/csv';

let dir: string;
let plain: ReplayData;
let shared: ReplayData;
const SERGEANT = { id: 'PS 310', name: 'Morgan Hale' };
const OTHER = { id: 'PC 77', name: 'Rhys Price' };

const iso = (ms: number) => new Date(ms).toISOString();

/** The fixture's replay as a shared deployment: holds on the decided alerts, one take-over, one disagreement. */
function withClaims(replay: ReplayData): ReplayData {
  const decided = replay.alerts.filter((a) => a.decisions.length > 0);
  expect(decided.length).toBeGreaterThanOrEqual(2);
  const alerts = replay.alerts.map((a) => {
    if (!decided.includes(a)) return a;
    const t0 = Date.parse(a.receivedAt);
    const t1 = Date.parse(a.decisions[0]!.decidedAt);
    const d = a.decisions[0]!;
    if (a === decided[0])
      // Another seat claimed it first; the sergeant took it over and decided it.
      return {
        ...a,
        holds: [
          {
            operator: OTHER,
            from: iso(t0 + (t1 - t0) / 4),
            to: iso(t0 + (t1 - t0) / 2),
            takeOver: false,
            ended: { released: 'taken over' },
          },
          {
            operator: SERGEANT,
            from: iso(t0 + (t1 - t0) / 2),
            to: d.decidedAt,
            takeOver: true,
            ended: 'decided' as const,
          },
        ],
      };
    const holds = [
      {
        operator: d.operator,
        from: iso(t0 + (t1 - t0) / 3),
        to: d.decidedAt,
        takeOver: false,
        ended: 'decided' as const,
      },
    ];
    // The second decided alert was also decided at another station (a feed without claims).
    return a === decided[1]
      ? { ...a, holds, decidedAtStations: { stations: ['st-1', 'st-2'], differ: true } }
      : { ...a, holds };
  });
  return { ...replay, alerts };
}

async function pdfText(replay: ReplayData, language: ReportLanguage): Promise<string> {
  const file = join(dir, `${language}-${replay === plain ? 'plain' : 'shared'}.pdf`);
  await writeReplayPdf(replay, file, {
    generatedBy: 'Sgt Test',
    generatedAt: '2026-03-22T00:00:00Z',
    language,
  });
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const fmt = (ms: number | null) =>
  ms === null ? '-' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-claims-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  plain = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  shared = withClaims(plain);
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('claim times in the oversight PDF', () => {
  it('prints the Claims part in English with the statistics’ figures', async () => {
    const claims = computeStats(shared).claims!;
    const decided = shared.alerts.filter((a) => a.decisions.length > 0).length;
    expect(claims).toMatchObject({ claimed: decided, takeOvers: 1, decidedAtSeveralStations: 1 });
    const text = await pdfText(shared, 'en-GB');
    expect(text).toContain(' Claims ');
    expect(text).toMatch(/ Time Median 90th percentile Longest /);
    const row = (d: typeof claims.toClaim) => `${fmt(d.p50Ms)} ${fmt(d.p90Ms)} ${fmt(d.maxMs)}`;
    expect(text).toContain(`From alert to claim ${row(claims.toClaim)}`);
    expect(text).toContain(`From claim to decision ${row(claims.claimToDecision)}`);
    expect(text).toContain('Take-overs by a supervisor: 1');
    expect(text).toContain('Alerts decided at more than one station: 1');
    expect(text).toContain(`Claimed alerts: ${decided}.`);
  }, 60_000);

  it('prints it in Welsh, with the same figures', async () => {
    const claims = computeStats(shared).claims!;
    const text = await pdfText(shared, 'cy');
    expect(text).toContain(' Hawliadau ');
    expect(text).toContain(`O'r rhybudd i'r hawliad ${fmt(claims.toClaim.p50Ms)}`);
    expect(text).toContain(`O'r hawliad i'r penderfyniad ${fmt(claims.claimToDecision.p50Ms)}`);
    expect(text).toContain('Achosion o oruchwyliwr yn cymryd drosodd: 1');
    expect(text).toContain('Rhybuddion y penderfynwyd arnynt mewn mwy nag un orsaf: 1');
    expect(text).not.toContain('From alert to claim');
  }, 60_000);

  it('has no Claims part when nothing was claimed', async () => {
    expect(computeStats(plain).claims).toBeNull();
    const text = await pdfText(plain, 'en-GB');
    expect(text).not.toContain('From alert to claim');
    expect(text).not.toContain('Take-overs by a supervisor');
  }, 60_000);
});

describe('claim columns in the CSV', () => {
  it('appends the first claim time and who held the alert at each decision after every earlier column', () => {
    // Only the clock column (appended after them) follows.
    expect(CSV_COLUMNS.slice(-5, -1)).toEqual([
      'firstClaimedAt',
      'firstClaimedAtUK',
      'heldAtDecisionById',
      'heldAtDecisionByName',
    ]);
    // The columns before them are where they were (docs/replay.md: append only).
    expect(CSV_COLUMNS.indexOf('observedEthnicity')).toBe(CSV_COLUMNS.length - 6);
    const table = parseCsv(replayCsv(shared).text);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    expect(table[0]).toEqual([...CSV_COLUMNS]);
    const before = parseCsv(replayCsv(plain).text);
    expect(table).toHaveLength(before.length);
    // Every earlier cell is as it was without claims; the new ones are empty there.
    // (The claim columns are the four before the last, the clock column.)
    const claimCells = (cells: string[]) => cells.slice(-5, -1);
    const otherCells = (cells: string[]) => [...cells.slice(0, -5), ...cells.slice(-1)];
    for (const [r, cells] of before.entries()) {
      expect(otherCells(table[r]!)).toEqual(otherCells(cells));
      if (r > 0) expect(claimCells(cells)).toEqual(['', '', '', '']);
    }
    const takenOver = shared.alerts.find((a) => a.holds?.some((h) => h.takeOver))!;
    const rows = table.filter((r) => r[col('alertId')] === takenOver.alertId);
    expect(rows.length).toBeGreaterThan(0);
    const firstFrom = takenOver.holds![0]!.from;
    for (const r of rows) {
      expect(r[col('firstClaimedAt')]).toBe(firstFrom);
      expect(r[col('firstClaimedAtUK')]).toBe(ukStamp(firstFrom));
    }
    const decisionRow = rows.find((r) => r[col('record')] === 'decision')!;
    expect(decisionRow[col('heldAtDecisionById')]).toBe(SERGEANT.id);
    expect(decisionRow[col('heldAtDecisionByName')]).toBe(SERGEANT.name);
    for (const r of rows.filter((x) => x[col('record')] !== 'decision'))
      expect(r[col('heldAtDecisionById')]).toBe('');
  });
});
