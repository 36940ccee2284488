/**
 * Issue 26: the transparency PDF in English, Welsh or both (`--language`, as the oversight
 * report), on a real PostgreSQL archive. pdftotext reads the Welsh headings in cy, both in
 * `both` (Welsh first), the same totals in each; the lines printed stay English.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as reportMain } from '../../electron/cli/report';
import { createEphemeralSigner } from '../../electron/core/identity';
import {
  createTestArchive,
  withSecretFiles,
  writeDeploymentJournal,
  type TestArchive,
} from '../helpers/archive';
import { ArchiveShipper } from '../../electron/archive/shipper';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { tempDir } from './util';

let server: TestPostgres;
let archive: TestArchive;
const station = createEphemeralSigner('station-A');
const root = tempDir('rs-transp-lang-');
const dir = tempDir('rs-transp-lang-out-');

async function report(language: string | null, pdf: string) {
  let out = '';
  let err = '';
  const argv = [
    '--archive',
    archive.verifierUrl,
    '--from',
    '2026-03-01',
    '--to',
    '2026-03-31',
    '--transparency',
  ];
  if (language) argv.push('--language', language);
  const code = await reportMain(
    withSecretFiles([...argv, '--pdf', join(dir, pdf)]),
    { write: (t: string) => (out += t) },
    { write: (t: string) => (err += t) },
  );
  const text =
    code === 2 ? '' : execFileSync('pdftotext', ['-layout', join(dir, pdf), '-'], { encoding: 'utf8' });
  return { code, out: out.replace(pdf, 'X.pdf'), err, text };
}

/**
 * The figures of the first totals row: its last 14 numbers, watchlist size to the stops'
 * longest (the label and deployment count before them are said once per language).
 */
function totalsFigures(text: string, label: string): string[] {
  const numbers = (l: string) => l.match(/\d+(\.\d+)?/g) ?? [];
  // The first row that starts with the label and holds all the figures (labels may wrap).
  const line = text.split('\n').find((l) => new RegExp(`^\\s*${label}`).test(l) && numbers(l).length >= 14);
  expect(line, `a ${label} row`).toBeDefined();
  return numbers(line!).slice(-14);
}

beforeAll(async () => {
  server = await startPostgres();
  archive = await createTestArchive(server, 'translang', station);
  await writeDeploymentJournal(root, station, {
    deploymentId: 'D1',
    startsAt: '2026-03-02T09:00:00Z',
    place: 'Oxford Circus',
    watchlistSize: 1200,
    tallies: [1000, 2500],
    alerts: [
      { decision: 'engage', result: 'confirmed-true', action: 'arrest', stopMinutes: 12 },
      { decision: 'no-engage', reasons: ['subject-features-differ'] },
    ],
  });
  const shipper = new ArchiveShipper({ url: archive.stationUrl, root });
  shipper.start();
  await shipper.drain();
  await shipper.stop();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

describe('the transparency PDF in the language the supervisor chose', () => {
  it('is in Welsh with --language cy, in both Welsh first, with the same figures and the same printed lines', async () => {
    // A first run verifies and records; the three compared reuse it (the same printed line).
    await report(null, 'first.pdf');
    const english = await report(null, 'en.pdf');
    const welsh = await report('cy', 'cy.pdf');
    const both = await report('both', 'both.pdf');
    expect(english.err + welsh.err + both.err).toBe('');
    expect(welsh.code).toBe(english.code);
    expect(welsh.out.replace(/\d+ pages/, 'N pages')).toBe(english.out.replace(/\d+ pages/, 'N pages'));

    const welshHeadings = [
      'Adnabod wynebau byw: adroddiad tryloywder',
      'Cyfansymiau',
      'Fesul mis',
      'Rhybuddion fesul mis',
      'Defnyddiau',
      'Heb eu cyfrif',
    ];
    const englishHeadings = [
      'transparency report',
      'Totals',
      'By month',
      'Alerts by month',
      'Deployments',
      'Not counted',
    ];
    for (const h of welshHeadings) expect(welsh.text).toContain(h);
    // Every column title whole (wrapped, never cut short with an ellipsis), in each language.
    for (const title of ['Rhybuddion', 'Arestiadau', 'Ymgysylltu', 'Anghywir /', 'Atal (canolrif, mwyaf)'])
      expect(welsh.text).toContain(title);
    for (const text of [welsh.text, english.text, both.text]) expect(text).not.toContain('…');
    for (const h of ['Totals', 'By month', 'Alerts by month', 'Not counted'])
      expect(welsh.text).not.toContain(h);
    for (const h of englishHeadings) expect(english.text).toContain(h);
    englishHeadings.forEach((h, i) => {
      expect(both.text.indexOf(welshHeadings[i]!), `${welshHeadings[i]} before ${h}`).toBeGreaterThan(-1);
      expect(both.text.indexOf(welshHeadings[i]!)).toBeLessThan(both.text.indexOf(h));
    });

    const figures = totalsFigures(english.text, 'Total');
    expect(figures.slice(0, 3)).toEqual(['1200', '3500', '2']); // watchlist, faces, alerts
    expect(totalsFigures(welsh.text, 'Cyfanswm')).toEqual(figures);
    expect(totalsFigures(both.text, 'Cyfansw')).toEqual(figures);
  });

  it('refuses a language it does not have, exit 2, no file', async () => {
    const bad = await report('fr', 'fr.pdf');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--language must be en-GB, cy or both/);
  });
});
