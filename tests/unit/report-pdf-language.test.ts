/**
 * Issue 26: the oversight PDF in English, in Welsh, and in both (Welsh first, then English).
 * pdftotext reads the Welsh headings in cy, the English ones in en-GB, both in `both`, and
 * the same figures in each; the document's language tag follows the choice, and in both
 * every English part is tagged en-GB. The journal holds codes, so the same journal makes
 * all three.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportLanguage } from '../../shared/i18n/locale';
import type { ReplayData } from '../../shared/replay';
import { computeStats } from '../../shared/replay-stats';
import { createEphemeralSigner } from '../../electron/core/identity';
import { loadReplay } from '../../electron/core/replay/load';
import { writeReplayPdf } from '../../electron/core/replay/pdf';
import { writeFixture } from './replay-fixture';

let dir: string;
let replay: ReplayData;
const text: Partial<Record<ReportLanguage, string>> = {};
const raw: Partial<Record<ReportLanguage, string>> = {};

const ENGLISH_HEADINGS = [
  'LFR deployment oversight report',
  'Totals',
  'Outcome actions',
  'Charts',
  'Officers',
  'Cameras',
  'Score bands',
  'Threshold and safeguard warnings',
  'Refused alerts',
  'Supervisor review',
  'Equality monitoring',
  'Decision record',
];
const WELSH_HEADINGS = [
  'Adroddiad goruchwylio defnydd LFR',
  'Cyfansymiau',
  'Camau ar ôl ymgysylltu',
  'Siartiau',
  'Swyddogion',
  'Camerâu',
  'Bandiau sgôr',
  'Rhybuddion am y trothwy a’r mesurau diogelu'.replace('’', "'"),
  'Rhybuddion a wrthodwyd',
  'Adolygiad y goruchwyliwr',
  'Monitro cydraddoldeb',
  'Cofnod y penderfyniadau',
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-language-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  replay = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  for (const language of ['en-GB', 'cy', 'both'] as const) {
    const file = join(dir, `${language}.pdf`);
    await writeReplayPdf(replay, file, {
      generatedBy: 'Sgt Test',
      generatedAt: '2026-03-22T00:00:00Z',
      language,
    });
    text[language] = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    raw[language] = (await readFile(file)).toString('latin1');
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The figures of the totals table as they are printed after their label, in one language. */
function totalsAfter(all: string, labels: string[]): string[] {
  return labels.map((label) => {
    const at = all.indexOf(` ${label} `);
    expect(at, `"${label}" printed`).toBeGreaterThan(-1);
    return /^ (\d+) /.exec(all.slice(at + label.length + 1))?.[1] ?? 'missing';
  });
}

describe('the oversight PDF in the language the supervisor chose', () => {
  it('is in English in en-GB: English headings, no Welsh ones, tagged en-GB', () => {
    const all = text['en-GB']!;
    for (const h of ENGLISH_HEADINGS) expect(all).toContain(h);
    for (const h of WELSH_HEADINGS) expect(all).not.toContain(h);
    expect(raw['en-GB']).toMatch(/\/Lang \(en-GB\)/);
    expect(raw['en-GB']).not.toMatch(/\/Lang \(cy\)/);
  });

  it('is in Welsh in cy: Welsh headings, months and terms, no English headings, tagged cy', () => {
    const all = text.cy!;
    for (const h of WELSH_HEADINGS) expect(all).toContain(h);
    for (const h of ['Totals', 'Charts', 'Officers', 'Decision record', 'Equality monitoring'])
      expect(all).not.toContain(h);
    // The glossary's terms (decision, tier) and a Welsh date; the integrity verdict in Welsh.
    expect(all).toContain('Peidio ag ymgysylltu');
    expect(all).toContain('Cywirdeb: WEDI');
    expect(all).toMatch(/Haen: (Coch|Ambr|Gwyrdd)/);
    expect(all).toMatch(/\d{1,2} (Ion|Chwef|Maw|Ebr|Mai|Meh|Gorff|Awst|Medi|Hyd|Tach|Rhag) 2026/);
    expect(raw.cy).toMatch(/\/Lang \(cy\)/);
    expect(raw.cy).not.toMatch(/\/Lang \(en-GB\)/);
  });

  it('is in both, Welsh first: each heading in Welsh then English, each part tagged', () => {
    const all = text.both!;
    ENGLISH_HEADINGS.forEach((english, i) => {
      const welsh = WELSH_HEADINGS[i]!;
      expect(all).toContain(english);
      expect(all).toContain(welsh);
      expect(all.indexOf(welsh), `${welsh} before ${english}`).toBeLessThan(all.indexOf(english));
    });
    // The document is Welsh; the English parts say so.
    expect(raw.both).toMatch(/\/Lang \(cy\)/);
    expect(raw.both).toMatch(/\/Lang \(en-GB\)/);
    expect(raw.both).toMatch(/\/S \/Span/);
  });

  it('prints the same figures in each language', () => {
    const t = computeStats(replay).totals;
    const expected = [t.alerts, t.undecided, t.engage, t.noEngage, t.withdrawn].map(String);
    const english = ['Alerts', 'Undecided', 'Engage', 'No engage', 'Withdrawn'];
    const welsh = [
      'Rhybuddion',
      'Heb benderfyniad',
      'Ymgysylltu',
      'Peidio ag ymgysylltu',
      "Wedi'u tynnu'n ôl",
    ];
    expect(totalsAfter(text['en-GB']!, english)).toEqual(expected);
    expect(totalsAfter(text.cy!, welsh)).toEqual(expected);
    // In both, a row's label is Welsh over English and its figure once, beside the Welsh.
    expect(totalsAfter(text.both!, welsh)).toEqual(expected);
    // The integrity counts are the same figures in all three.
    const counts = (all: string) =>
      /(\d+) \D{0,20}(\d+) \D{0,40}(\d+) /.exec(all.slice(all.indexOf(': WEDI') + 1));
    const verified = /VERIFIED: (\d+) entries, (\d+) signed checkpoints, (\d+) images/.exec(text['en-GB']!);
    expect(verified).not.toBeNull();
    for (const all of [text.cy!, text.both!]) expect(counts(all)?.slice(1, 4)).toEqual(verified!.slice(1, 4));
  });

  it('passes qpdf --check in every language', () => {
    for (const language of ['en-GB', 'cy', 'both'])
      expect(execFileSync('qpdf', ['--check', join(dir, `${language}.pdf`)], { encoding: 'utf8' })).toMatch(
        /No syntax or stream encoding errors found/,
      );
  });
});
