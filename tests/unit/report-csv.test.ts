import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayData } from '../../shared/replay';
import { createEphemeralSigner } from '../../electron/core/identity';
import { CSV_COLUMNS, csvCell, replayCsv } from '../../electron/core/replay/csv';
import { loadReplay } from '../../electron/core/replay/load';
import { ALERT_IDS, writeFixture } from './replay-fixture';
import { parseCsv } from '../helpers/csv';

let dir: string;
let replay: ReplayData;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-csv-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  replay = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('replayCsv', () => {
  it('writes one row per decision revision and per outcome, an alert row otherwise', () => {
    const { text, rows } = replayCsv(replay);
    expect(text.startsWith('\ufeff')).toBe(true);
    const table = parseCsv(text.slice(1));
    expect(table[0]).toEqual([...CSV_COLUMNS]);
    // A: decision + outcome; B: 2 decisions; C: decision + outcome; D, E: alert rows; F: decision.
    expect(rows).toBe(9);
    expect(table).toHaveLength(10);
    expect(table.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const forAlert = (id: string) => table.filter((r) => r[col('alertId')] === id);
    expect(
      forAlert(ALERT_IDS.B).map((r) => [r[col('record')], r[col('decisionRevision')], r[col('decision')]]),
    ).toEqual([
      ['decision', '1', 'no-engage'],
      ['decision', '2', 'engage'],
    ]);
    expect(forAlert(ALERT_IDS.D).map((r) => r[col('record')])).toEqual(['alert']);
    const f = forAlert(ALERT_IDS.F)[0]!;
    expect(f[col('reasons')]).toBe('subject-age-sex-differ;env-subject-lost');
    expect(f[col('timeToDecisionSec')]).toBe('15');
    expect(f[col('operatorName')]).toBe('PC Two');
    expect(f[col('firstShownById')]).toBe('PC-2');
  });

  it('quotes per RFC 4180 and defuses formulas', () => {
    const { text } = replayCsv(replay);
    const table = parseCsv(text.slice(1));
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const a = table.find((r) => r[col('alertId')] === ALERT_IDS.A && r[col('record')] === 'decision')!;
    expect(a[col('rationale')]).toBe('Same jaw, nose, "eyes", ok');
    expect(text).toContain('"Same jaw, nose, ""eyes"", ok"');
    const b = table.find((r) => r[col('alertId')] === ALERT_IDS.B)!;
    expect(b[col('rationale')]).toBe('Different face shape, line\nbreak');
    const outcome = table.find((r) => r[col('record')] === 'outcome')!;
    expect(outcome[col('outcomeNotes')]).toBe(`'=HYPERLINK("http://x")`);
    const c = table.find((r) => r[col('alertId')] === ALERT_IDS.C && r[col('record')] === 'decision')!;
    expect(c[col('rationale')]).toBe("'+44 looks like the person");
  });

  it('escapes single cells', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=x')).toBe("'\t=x");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('carries no image data', () => {
    const { text } = replayCsv(replay);
    const probe = replay.alerts[0]!.probe.sha256;
    expect(text).not.toContain(probe);
    expect(text).not.toContain('/images/');
  });
});
