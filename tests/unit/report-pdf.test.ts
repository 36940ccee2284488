import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { computeStats } from '../../shared/replay-stats';
import { createEphemeralSigner } from '../../electron/core/identity';
import { loadReplay } from '../../electron/core/replay/load';
import { pdfText, writeReplayPdf } from '../../electron/core/replay/pdf';
import { ALERT_IDS, writeFixture, type Fixture } from './replay-fixture';
import { pdfPageCount, pdfTextRuns } from './report-pdf-text';

let dir: string;
let fx: Fixture;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-pdf-'));
  fx = await writeFixture(dir, createEphemeralSigner());
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const load = () =>
  loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });

/** The value printed right after a label in a table. */
function valueAfter(runs: string[], label: string): string | undefined {
  const i = runs.indexOf(label);
  return i === -1 ? undefined : runs[i + 1];
}

describe('writeReplayPdf', () => {
  it('prints the totals from computeStats as text, and the integrity verdict', async () => {
    const replay = await load();
    const stats = computeStats(replay);
    const file = join(dir, 'report.pdf');
    const { pages, bytes } = await writeReplayPdf(replay, file, {
      generatedBy: 'Sgt Test',
      generatedAt: '2026-03-22T00:00:00Z',
    });
    const pdf = await readFile(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes).toBe(pdf.length);
    expect(pdfPageCount(pdf)).toBe(pages);

    const runs = pdfTextRuns(pdf);
    expect(runs.some((r) => r.startsWith('Integrity: VERIFIED: 47 entries, 17 signed checkpoints'))).toBe(
      true,
    );
    expect(valueAfter(runs, 'Alerts')).toBe(String(stats.totals.alerts));
    expect(valueAfter(runs, 'Undecided')).toBe(String(stats.totals.undecided));
    expect(valueAfter(runs, 'Engage')).toBe(String(stats.totals.engage));
    expect(valueAfter(runs, 'No engage')).toBe(String(stats.totals.noEngage));
    expect(valueAfter(runs, 'Withdrawn')).toBe(String(stats.totals.withdrawn));
    expect(valueAfter(runs, 'Refused at intake')).toBe('2');
    expect(valueAfter(runs, 'Refused: outside the authorised window')).toBe('1');
    expect(valueAfter(runs, 'Confirmed false')).toBe('1');
    expect(valueAfter(runs, 'False alerts')).toBe('2');
    expect(valueAfter(runs, 'Time to decision: median')).toBe('15.0 s');
    expect(runs).toContain('No public notice, and no reason recorded');
    // Officers table: name, id, decisions.
    expect(runs.slice(runs.indexOf('PC One'), runs.indexOf('PC One') + 3)).toEqual(['PC One', 'PC-1', '3']);
    // No images unless asked for.
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(false);
  });

  it('states the tampered verdict with its seq and reason', async () => {
    const entries = (await readFile(fx.file, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as JournalEntry);
    const target = entries.find((e) => e.type === 'outcome' && e.data.result === 'confirmed-false')!;
    (target.data as { result: string }).result = 'confirmed-true';
    await writeFile(fx.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    const replay = await load();
    const file = join(dir, 'tampered.pdf');
    await writeReplayPdf(replay, file, { generatedBy: 'x', generatedAt: 'y' });
    // A long line wraps into several runs.
    const text = pdfTextRuns(await readFile(file))
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain(`Integrity: TAMPERED at seq ${target.seq}: hash does not match the entry`);
  });

  it('includes probe and reference images only when asked, one page per alert', async () => {
    const replay = await load();
    const file = join(dir, 'images.pdf');
    const { pages } = await writeReplayPdf(replay, file, {
      generatedBy: 'x',
      generatedAt: 'y',
      includeImages: true,
      readImage: (sha) => readFile(join(fx.imagesDir, sha)),
    });
    const pdf = await readFile(file);
    const plain = await writeReplayPdf(replay, join(dir, 'plain.pdf'), {
      generatedBy: 'x',
      generatedAt: 'y',
    });
    expect(pages).toBeGreaterThanOrEqual(plain.pages + replay.alerts.length);
    expect(pdf.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    expect(pdfTextRuns(pdf).some((r) => r.includes(ALERT_IDS.A))).toBe(true);
  });

  it('keeps text inside what the standard fonts can print', () => {
    expect(pdfText('≥ 0.80 – “ok”')).toBe('>= 0.80 – "ok"');
    expect(pdfText('Zoë 李')).toBe('Zoë ?');
  });
});
