/**
 * Issue 24: the oversight PDF is the record. A deployment with 30 decisions, spanning the
 * change to British Summer Time: each decision's officer, reasons and whole rationale
 * are in the text pdftotext reads, qpdf --check passes, the PDF is tagged with a
 * language, and the times are UK local time with their zone, the same as in the CSV.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../shared/decision-rules';
import type { ReplayAlert, ReplayData } from '../../shared/replay';
import { createEphemeralSigner } from '../../electron/core/identity';
import { replayCsv } from '../../electron/core/replay/csv';
import { loadReplay } from '../../electron/core/replay/load';
import { writeReplayPdf } from '../../electron/core/replay/pdf';
import { writeFixture } from './replay-fixture';

let dir: string;
let replay: ReplayData;
let text: string;
let pdf: Buffer;

/** 00:40 UTC on the last Sunday of March 2026, ten minutes a step: GMT until 01:00 UTC, then BST. */
const START = Date.parse('2026-03-29T00:40:00Z');
const iso = (i: number, plusSec = 0) => new Date(START + i * 600_000 + plusSec * 1000).toISOString();

function rationale(i: number): string {
  // Long enough to wrap over several lines, and unique, so a cut would show.
  return `Decision ${i}: compared the ears, the jawline and the scar above the left eyebrow; the hairline and the set of the eyes ${i % 2 ? 'match the reference closely' : 'differ from the reference'}, and the location fits. End of rationale ${i}.`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-record-'));
  const fx = await writeFixture(dir, createEphemeralSigner());
  const base = await loadReplay({
    key: 'station:dep-fixture',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
  });
  const template = base.alerts.find((a) => a.decisions.length > 0)!;
  const alerts: ReplayAlert[] = Array.from({ length: 30 }, (_, i) => {
    const officer = { id: `PC ${1000 + i}`, name: `Officer Number${i}` };
    const reasons = [
      REASON_CODES[i % REASON_CODES.length]!.code,
      REASON_CODES[(i + 5) % REASON_CODES.length]!.code,
    ];
    const decision = i % 2 ? ('engage' as const) : ('no-engage' as const);
    return {
      ...template,
      alertId: `alert-${String(i).padStart(2, '0')}-0000-0000-000000000000`,
      seq: i + 1,
      capturedAt: iso(i),
      receivedAt: iso(i, 1),
      shownAt: iso(i, 2),
      status: 'decided',
      decisions: [
        {
          ...template.decisions[0]!,
          revision: 1,
          decision,
          reasons,
          rationale: rationale(i),
          operator: officer,
          confirmedBy: null,
          shownAt: iso(i, 2),
          decidedAt: iso(i, 30),
        },
      ],
      outcomes: [],
      reviews:
        i === 3
          ? [
              {
                alertId: `alert-03`,
                revision: 1,
                verdict: 'disagree' as const,
                comment: `A long disagreement comment that the old table cut off mid-word: the reference image was six years old and the officer did not say why it could still be relied on. End of comment.`,
                by: { id: 'INSP 9', name: 'Morgan Lee' },
                at: iso(i, 300),
                seq: 900,
              },
            ]
          : [],
    };
  });
  replay = { ...base, alerts, reviews: alerts.flatMap((a) => a.reviews) };
  const file = join(dir, 'record.pdf');
  await writeReplayPdf(replay, file, { generatedBy: 'Sgt Test', generatedAt: iso(31) });
  pdf = await readFile(file);
  text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** pdftotext's text with line breaks and runs of spaces folded, so wrapped text reads on. */
const flat = () => text.replace(/\s+/g, ' ');

describe('the oversight PDF as the record', () => {
  it("holds each of the 30 decisions' officer, reasons and whole rationale", () => {
    const all = flat();
    for (const [i, a] of replay.alerts.entries()) {
      const d = a.decisions[0]!;
      expect(all).toContain(`${d.operator.name} (${d.operator.id})`);
      for (const code of d.reasons) expect(all).toContain(REASON_CODES.find((r) => r.code === code)!.label);
      expect(all, `rationale ${i} in full`).toContain(rationale(i));
    }
    expect(all).toContain('End of comment.');
    expect(all).toContain('Disagreed (revision 1) by Morgan Lee (INSP 9)');
  });

  it('passes qpdf --check and is tagged, with a language and its title shown', () => {
    const out = execFileSync('qpdf', ['--check', join(dir, 'record.pdf')], { encoding: 'utf8' });
    expect(out).toMatch(/No syntax or stream encoding errors found/);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/S \/H1/);
    expect(raw).toMatch(/\/S \/Table/);
    expect(raw).toMatch(/\/S \/Figure/);
  });

  it('writes UK local time with its zone across the change to BST, the same in the CSV', () => {
    const all = flat();
    // Alert 1 at 00:50 UTC is 00:50 GMT; alert 2 at 01:00 UTC is 02:00 BST.
    expect(all).toContain('captured 29 Mar 2026, 00:50:00 GMT');
    expect(all).toContain('captured 29 Mar 2026, 02:00:00 BST');
    expect(all).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    const csv = replayCsv(replay).text;
    expect(csv).toContain('2026-03-29T00:50:00.000Z,2026-03-29 00:50:00 GMT');
    expect(csv).toContain('2026-03-29T01:00:00.000Z,2026-03-29 02:00:00 BST');
  });
});
