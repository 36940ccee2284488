/**
 * Issue 26: the CSV export in the report's language. English and "both" keep the
 * machine-readable headers exactly (one header row; scripts read those names); Welsh has
 * Welsh headers. Every code column (tier, decision, reasons, status, outcome...) and every
 * figure and time is the same in each language: only the words change.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayData } from '../../shared/replay';
import { createEphemeralSigner } from '../../electron/core/identity';
import { CSV_COLUMNS, replayCsv } from '../../electron/core/replay/csv';
import { loadReplay } from '../../electron/core/replay/load';
import { writeFixture } from './replay-fixture';
import { parseCsv } from '../helpers/csv';

let dir: string;
let replay: ReplayData;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-language-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  const base = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  // A supervisor verdict on the first decided alert, so the one sentence of the CSV shows.
  const decided = base.alerts.findIndex((a) => a.decisions.length > 0);
  const review = {
    alertId: base.alerts[decided]!.alertId,
    revision: 1,
    verdict: 'disagree' as const,
    comment: 'Reference image too old.',
    by: { id: 'INSP 9', name: 'Morgan Lee' },
    at: '2026-03-21T11:00:00.000Z',
    seq: 900,
  };
  const alerts = base.alerts.map((a, i) => (i === decided ? { ...a, reviews: [review] } : a));
  replay = { ...base, alerts, reviews: [review] };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CSV export in the chosen language', () => {
  it('keeps the English headers exactly in en-GB and in both', () => {
    for (const language of ['en-GB', 'both'] as const)
      expect(parseCsv(replayCsv(replay, language).text)[0]).toEqual([...CSV_COLUMNS]);
    expect(replayCsv(replay).text).toBe(replayCsv(replay, 'en-GB').text);
  });

  it('has Welsh headers in cy, and the same codes, figures and times in every row', () => {
    const english = parseCsv(replayCsv(replay, 'en-GB').text);
    const welsh = parseCsv(replayCsv(replay, 'cy').text);
    expect(welsh[0]).toContain('ID y rhybudd');
    expect(welsh[0]).toContain('Penderfyniad');
    expect(welsh[0]).toContain('Haen');
    expect(welsh[0]).not.toContain('alertId');
    expect(welsh[0]).toHaveLength(CSV_COLUMNS.length);
    expect(welsh).toHaveLength(english.length);
    const verdicts = CSV_COLUMNS.indexOf('supervisorVerdicts');
    for (const [r, row] of welsh.slice(1).entries())
      row.forEach((cell, c) => {
        if (c !== verdicts) expect(cell, `${CSV_COLUMNS[c]} row ${r + 1}`).toBe(english[r + 1]![c]);
      });
    // The verdict sentence in each language, its verdict still the code.
    const csvEn = replayCsv(replay, 'en-GB').text;
    const csvCy = replayCsv(replay, 'cy').text;
    expect(csvEn).toContain(
      'disagree by Morgan Lee (INSP 9) at 2026-03-21T11:00:00.000Z: Reference image too old.',
    );
    expect(csvCy).toContain(
      'disagree gan Morgan Lee (INSP 9) am 2026-03-21T11:00:00.000Z: Reference image too old.',
    );
  });
});
