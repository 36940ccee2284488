/**
 * Issue 26: ŵ and ŷ in the PDFs. The standard Helvetica (WinAnsi) has neither, so a Welsh
 * or bilingual report embeds DejaVu Sans, shipped in assets/fonts (pdf-fonts.ts): a Welsh
 * report whose deployment is called "Gŵyl y tŷ" reads back through pdftotext with both
 * letters as they are. The English report keeps the standard fonts (and loses the accents).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportLanguage } from '../../shared/i18n/locale';
import type { ReplayData } from '../../shared/replay';
import { createEphemeralSigner } from '../../electron/core/identity';
import { loadReplay } from '../../electron/core/replay/load';
import { writeReplayPdf } from '../../electron/core/replay/pdf';
import { writeFixture } from './replay-fixture';

let dir: string;
const text: Partial<Record<ReportLanguage, string>> = {};
const fonts: Partial<Record<ReportLanguage, string>> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-welsh-letters-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  const loaded = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  const replay: ReplayData = { ...loaded, deployment: { ...loaded.deployment!, title: 'Gŵyl y tŷ' } };
  for (const language of ['en-GB', 'cy', 'both'] as const) {
    const file = join(dir, `${language}.pdf`);
    await writeReplayPdf(replay, file, {
      generatedBy: 'Sgt Test',
      generatedAt: '2026-03-22T00:00:00Z',
      language,
    });
    text[language] = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    fonts[language] = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  }
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Welsh letters in the oversight PDF', () => {
  it('prints ŵ and ŷ as themselves in Welsh and in both, with DejaVu Sans embedded', () => {
    for (const language of ['cy', 'both'] as const) {
      expect(text[language]).toContain('Gŵyl');
      expect(text[language]).toContain('tŷ');
      expect(fonts[language]).toMatch(/DejaVuSans\s.*\byes\b/);
      expect(fonts[language]).toMatch(/DejaVuSans-Bold\s.*\byes\b/);
      expect(fonts[language]).not.toMatch(/Helvetica/);
    }
  });

  it('keeps the standard fonts in English, where the accents are lost rather than misprinted', () => {
    expect(fonts['en-GB']).toMatch(/Helvetica/);
    expect(fonts['en-GB']).not.toMatch(/DejaVu/);
    expect(text['en-GB']).toContain('Gwyl y ty');
  });
});
