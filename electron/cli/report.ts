/**
 * npm run report -- <journal.jsonl | bundle.lfrbundle> [--csv <file>] [--pdf <file>] [--images]
 *   [--language en-GB|cy|both] (the PDF's and CSV's language; the lines printed and the usage
 *   line stay as they were: outside checkers read them)
 *
 * For auditors: verifies the journal (and its images) first, prints one verdict line,
 * then writes the CSV and/or the oversight report PDF and one line for each.
 * Exit as `npm run verify` does (0 verified, 1 tampered or untrusted key, 3 unsealed; the
 * files are still written, with the verdict in the PDF, so the auditor has a report of
 * what is there), 1 when the bundle is refused, 2 usage or read error. The key is the
 * journal's own (this command takes no trust file; `npm run verify -- --trust` does).
 */
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { VERDICT_EXIT_CODE, verdictSentence } from '../../shared/journal/verdict';
import type { ReplayData } from '../../shared/replay';
import { BundleError, extractBundle, withBundleProblems } from '../core/replay/bundle';
import { replayCsv } from '../core/replay/csv';
import { loadReplayState, replayFromState } from '../core/replay/load';
import type { ReportLanguage } from '../../shared/i18n/locale';
import { languageOf } from './report-language';
import { argsOrExit, runCli, type Output } from './entry';

export type { Output };

const USAGE =
  'usage: npm run report -- <journal.jsonl | bundle.lfrbundle> [--csv <file>] [--pdf <file>] [--images]';

interface Args {
  input: string;
  csv?: string;
  pdf?: string;
  images: boolean;
  /** The PDF's and CSV's language (issue 26; English unless asked). The lines printed stay English. */
  language: ReportLanguage;
}

function parseArgs(argv: string[]): Args | { help: true } | { error: string } {
  let input: string | undefined;
  let csv: string | undefined;
  let pdf: string | undefined;
  let images = false;
  let language: ReportLanguage = 'en-GB';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--images') images = true;
    else if (arg === '--language' || arg.startsWith('--language=')) {
      const chosen = languageOf(arg === '--language' ? argv[++i] : arg.slice('--language='.length));
      if (typeof chosen !== 'string') return chosen;
      language = chosen;
    } else if (arg === '--csv' || arg === '--pdf') {
      const value = argv[++i];
      if (value === undefined || value === '' || value.startsWith('--'))
        return { error: `${arg} needs a file name` };
      if (arg === '--csv') csv = value;
      else pdf = value;
    } else if (arg.startsWith('--csv=')) csv = arg.slice(6);
    else if (arg.startsWith('--pdf=')) pdf = arg.slice(6);
    else if (arg.startsWith('-')) return { error: `unknown option ${arg}` };
    else if (input !== undefined)
      return { error: `only one journal or bundle at a time (got ${input} and ${arg})` };
    else input = arg;
  }
  if (input === undefined) return { error: 'no journal or bundle given' };
  if (csv === '' || pdf === '') return { error: 'an output file name is empty' };
  return { input, images, language, ...(csv ? { csv } : {}), ...(pdf ? { pdf } : {}) };
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export function verdictLine(replay: ReplayData, stationId: string | null): string {
  const i = replay.integrity;
  if (i.status === 'tampered')
    return `TAMPERED at seq ${i.failure?.seq ?? '?'}: ${i.failure?.reason ?? 'unknown'}`;
  // Unsealed or signed by an unknown key: the verifier's own sentence (shared/journal/verdict.ts).
  if (i.status === 'unsealed' || i.status === 'untrusted-key') return verdictSentence(i.verdict);
  return (
    `verified: ${i.entries} entries, ${i.checkpoints} checkpoints, ` +
    `${i.images.checked} images checked (${i.images.purged} purged under retention); ` +
    `deployment ${replay.deploymentId}; station ${stationId ?? '?'}`
  );
}

export async function main(argv: string[], out: Output, err: Output): Promise<number> {
  // From the PostgreSQL archive instead of a file: electron/archive (docs/archive.md).
  if (argv.some((a) => /^--archive(-file)?(=|$)/.test(a)))
    return (await import('./archive-report')).archiveReportMain(argv, out, err);
  const start = argsOrExit(parseArgs(argv), 'report', USAGE, out, err);
  if ('exit' in start) return start.exit;
  const parsed = start.args;
  try {
    if (!(await stat(parsed.input)).isFile()) throw new Error('not a file');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    err.write(`report: cannot read ${parsed.input} (${why})\n${USAGE}\n`);
    return 2;
  }

  let temp: string | null = null;
  try {
    let journalFile = parsed.input;
    let imagesDir = join(dirname(parsed.input), 'images');
    let problems: string[] = [];
    let source: 'station' | 'import' = 'station';
    if (await isGzip(parsed.input)) {
      temp = await mkdtemp(join(tmpdir(), 'lfr-report-'));
      try {
        const bundle = await extractBundle(parsed.input, join(temp, 'bundle'));
        problems = bundle.problems;
      } catch (error) {
        if (!(error instanceof BundleError)) throw error;
        out.write(`REFUSED: ${error.message}\n`);
        return 1;
      }
      journalFile = join(temp, 'bundle', 'journal.jsonl');
      imagesDir = join(temp, 'bundle', 'images');
      source = 'import';
    }
    // An auditor's copy is not being written to: a cut-short last line is a failure here.
    const state = await loadReplayState({ key: 'report', source, journalFile, imagesDir, live: false });
    const base = replayFromState(state);
    const replay = { ...base, integrity: withBundleProblems(base.integrity, problems) };
    out.write(`${verdictLine(replay, state.identity?.stationId ?? null)}\n`);

    if (parsed.csv) {
      const { text, rows } = replayCsv(replay, parsed.language);
      await writeFile(parsed.csv, text);
      out.write(`csv: ${parsed.csv} (${rows} rows)\n`);
    }
    if (parsed.pdf) {
      await rm(parsed.pdf, { force: true });
      const purged = state.builder.state.purged;
      // Loaded only when a PDF is asked for (pdfkit and fontkit take 0.1 s to load).
      const { writeReplayPdf } = await import('../core/replay/pdf');
      const { pages } = await writeReplayPdf(replay, parsed.pdf, {
        generatedBy: 'npm run report',
        generatedAt: new Date().toISOString(),
        includeImages: parsed.images,
        readImage: async (sha) =>
          purged.has(sha) || !/^[0-9a-f]{64}$/.test(sha)
            ? null
            : readFile(join(imagesDir, sha)).catch(() => null),
        publicKey: state.identity?.publicKey ?? null,
        stationId: state.identity?.stationId ?? null,
        language: parsed.language,
      });
      out.write(`pdf: ${parsed.pdf} (${pages} pages)\n`);
    }
    return VERDICT_EXIT_CODE[replay.integrity.verdict.kind];
  } catch (error) {
    err.write(`report: ${(error as Error).message}\n`);
    return 2;
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

runCli(import.meta.url, 'report', main);
