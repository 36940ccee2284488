import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/journal/entries';
import { main } from '../../electron/cli/report';
import { createEphemeralSigner, type Signer } from '../../electron/core/identity';
import { writeBundle } from '../../electron/core/replay/bundle';
import { loadReplayState } from '../../electron/core/replay/load';
import { writeFixture, type Fixture } from './replay-fixture';
import { pdfTextRuns } from './report-pdf-text';

let dir: string;
let signer: Signer;
let fx: Fixture;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'));
  signer = createEphemeralSigner();
  fx = await writeFixture(join(dir, 'station'), signer);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  return { code, out, err, lines: out.trim().split('\n') };
}

async function tamper(): Promise<number> {
  const entries = (await readFile(fx.file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEntry);
  const target = entries.find((e) => e.type === 'decision')!;
  (target.data as { rationale: string }).rationale = 'rewritten afterwards';
  await writeFile(fx.file, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return target.seq;
}

async function bundle(): Promise<string> {
  const state = await loadReplayState({
    key: 'k',
    source: 'station',
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
    live: false,
  });
  const file = join(dir, 'dep.lfrbundle');
  await writeBundle(file, {
    journalFile: fx.file,
    imagesDir: fx.imagesDir,
    journalBytes: state.offset,
    deploymentId: 'dep-fixture',
    stationId: signer.stationId,
    publicKey: signer.publicKey,
    lastCheckpoint: state.integrity.lastCheckpoint,
    images: state.builder.images,
  });
  return file;
}

describe('npm run report', () => {
  it('verifies, writes CSV and PDF, exits 0', async () => {
    const csv = join(dir, 'out.csv');
    const pdf = join(dir, 'out.pdf');
    const r = await run(fx.file, '--csv', csv, '--pdf', pdf);
    expect(r.code).toBe(0);
    expect(r.lines[0]).toMatch(
      new RegExp(
        `^verified: 47 entries, 17 checkpoints, 2 images checked \\(0 purged under retention\\); deployment dep-fixture; station ${signer.stationId}$`,
      ),
    );
    expect(r.lines[1]).toBe(`csv: ${csv} (9 rows)`);
    expect(r.lines[2]).toBe(`pdf: ${pdf} (6 pages)`);
    expect((await readFile(csv, 'utf8')).split('\r\n')).toHaveLength(11);
    expect(pdfTextRuns(await readFile(pdf))).toContain('False alerts');
  });

  it('flags a tampered journal, still writes the report, exits 1', async () => {
    const seq = await tamper();
    const pdf = join(dir, 'out.pdf');
    const r = await run(fx.file, '--pdf', pdf);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toBe(`TAMPERED at seq ${seq}: hash does not match the entry`);
    expect(r.lines[1]).toMatch(/^pdf: /);
    const text = pdfTextRuns(await readFile(pdf)).join(' ');
    expect(text).toContain(`TAMPERED at seq ${seq}`);
  });

  it('reads a bundle, verified or tampered', async () => {
    const file = await bundle();
    const ok = await run(file, '--csv', join(dir, 'b.csv'), '--images', '--pdf', join(dir, 'b.pdf'));
    expect(ok.code).toBe(0);
    expect(ok.lines[0]).toMatch(/^verified: 47 entries/);
    expect(ok.lines[2]).toBe(`pdf: ${join(dir, 'b.pdf')} (12 pages)`);

    await tamper();
    const bad = await run(await bundle());
    expect(bad.code).toBe(1);
    expect(bad.lines[0]).toMatch(/^TAMPERED at seq \d+: hash does not match the entry$/);
  });

  it('refuses a bundle that cannot vouch for its journal, exit 1', async () => {
    const file = await bundle();
    const other = createEphemeralSigner();
    const state = await loadReplayState({
      key: 'k',
      source: 'station',
      journalFile: fx.file,
      imagesDir: fx.imagesDir,
    });
    await rm(file);
    await writeBundle(file, {
      journalFile: fx.file,
      imagesDir: fx.imagesDir,
      journalBytes: state.offset,
      deploymentId: 'dep-fixture',
      stationId: signer.stationId,
      publicKey: other.publicKey,
      lastCheckpoint: null,
      images: [],
    });
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toMatch(/^REFUSED: bundle refused: its journal was opened with a different key/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run()).code).toBe(2);
    expect((await run(fx.file, '--bogus')).code).toBe(2);
    expect((await run(fx.file, '--csv')).code).toBe(2);
    expect((await run(fx.file, fx.file)).code).toBe(2);
    const missing = await run(join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read .*nope\.jsonl \(ENOENT\)/);
    expect(await stat(join(dir, 'nope.csv')).catch(() => null)).toBeNull();
    expect((await run('--help')).code).toBe(0);
  });

  it('writes the PDF and CSV in Welsh with --language cy, its printed lines the same as in English', async () => {
    const english = await run(fx.file, '--csv', join(dir, 'en.csv'), '--pdf', join(dir, 'en.pdf'));
    const welsh = await run(
      fx.file,
      '--language',
      'cy',
      '--csv',
      join(dir, 'cy.csv'),
      '--pdf',
      join(dir, 'cy.pdf'),
    );
    expect(welsh.code).toBe(english.code);
    // The same lines, but for the file names and the page count (Welsh runs longer).
    const same = (l: string) =>
      l.replace(/\b(en|cy)\.(csv|pdf)\b/, 'X.$2').replace(/\(\d+ pages\)/, '(N pages)');
    expect(welsh.lines.map(same)).toEqual(english.lines.map(same));
    // Welsh embeds DejaVu Sans (glyph ids in the file, not WinAnsi): read it with pdftotext.
    const pdftotext = (file: string) =>
      execFileSync('pdftotext', [join(dir, file), '-'], { encoding: 'utf8' });
    expect(pdftotext('cy.pdf')).toContain('Cyfansymiau');
    expect(await readFile(join(dir, 'cy.csv'), 'utf8')).toContain('ID y rhybudd');
    const both = await run(fx.file, '--language=both', '--pdf', join(dir, 'both.pdf'));
    const text = pdftotext('both.pdf');
    expect(both.code).toBe(english.code);
    expect(text).toContain('Cyfansymiau');
    expect(text).toContain('Totals');
    const bad = await run(fx.file, '--language', 'fr', '--pdf', join(dir, 'fr.pdf'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--language must be en-GB, cy or both/);
    expect(await stat(join(dir, 'fr.pdf')).catch(() => null)).toBeNull();
  });
});
