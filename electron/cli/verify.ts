/**
 * npm run verify -- <journal.jsonl> [--trust <file>] [--images <dir>] [--json]
 * One line on stdout that starts with the verdict (journal-v1 "Verifying"). Exit 0
 * verified, 1 tampered or untrusted key, 3 unsealed, 2 usage or read error (a trust
 * file that cannot be read or has a bad line is a usage error: nothing was verified).
 */
import { stat } from 'node:fs/promises';
import { VERDICT_EXIT_CODE, verdictSentence, type Verdict } from '../../shared/journal/verdict';
import { readTrustFile, type TrustEntry } from '../core/journal/trust';
import { verdictOf, verifyJournal, type VerifyReport } from '../core/journal/verify';
import { argsOrExit, runCli, usageError, type Output } from './entry';

export type { Output };

const USAGE = 'usage: npm run verify -- <journal.jsonl> [--trust <file>] [--images <dir>] [--json]';

/** The verdict sentence, then what was checked and whose journal it is. */
export function summaryLine(report: VerifyReport, verdict: Verdict): string {
  if (verdict.kind === 'tampered') return verdictSentence(verdict);
  const { images } = report;
  return (
    `${verdictSentence(verdict)}; ${report.entries} entries, ${report.checkpoints} checkpoints, ` +
    `${images.checked} images checked (${images.purged} purged under retention` +
    `${images.lost?.length ? `, ${images.lost.length} lost while the station ran, journalled then` : ''}); ` +
    `deployment ${report.deploymentId ?? '?'}; station ${report.stationId ?? '?'}`
  );
}

interface Args {
  file: string;
  imagesDir?: string;
  trustFile?: string;
  json: boolean;
}

const VALUE_OPTIONS = { '--images': 'a folder', '--trust': 'a trust file' } as const;
type ValueOption = keyof typeof VALUE_OPTIONS;

function parseArgs(argv: string[]): Args | { help: true } | { error: string } {
  let file: string | undefined;
  const values: Partial<Record<ValueOption, string>> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (name! in VALUE_OPTIONS) {
      const option = name as ValueOption;
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
        return { error: `${option} needs ${VALUE_OPTIONS[option]}` };
      if (values[option] !== undefined) return { error: `${option} given twice` };
      values[option] = value;
    } else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
    else if (file !== undefined) return { error: `only one journal at a time (got ${file} and ${arg})` };
    else file = arg;
  }
  if (file === undefined) return { error: 'no journal file given' };
  return {
    file,
    json,
    ...(values['--images'] !== undefined ? { imagesDir: values['--images'] } : {}),
    ...(values['--trust'] !== undefined ? { trustFile: values['--trust'] } : {}),
  };
}

export async function main(argv: string[], out: Output, err: Output): Promise<number> {
  // From the PostgreSQL archive instead of a file: electron/archive (docs/archive.md).
  if (argv.some((a) => /^--archive(-file)?(=|$)/.test(a)))
    return (await import('./archive-verify')).archiveVerifyMain(argv, out, err, summaryLine);
  const start = argsOrExit(parseArgs(argv), 'verify', USAGE, out, err);
  if ('exit' in start) return start.exit;
  const parsed = start.args;
  const usage = usageError('verify', USAGE, err);
  try {
    const info = await stat(parsed.file);
    if (!info.isFile()) throw new Error('not a file');
  } catch (error) {
    return usage(
      `cannot read ${parsed.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  let trustList: TrustEntry[] | null = null;
  if (parsed.trustFile !== undefined) {
    try {
      trustList = await readTrustFile(parsed.trustFile);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return usage(code ? `cannot read trust file ${parsed.trustFile} (${code})` : (error as Error).message);
    }
    if (trustList.length === 0) return usage(`trust file ${parsed.trustFile} lists no keys`);
  }
  let report: VerifyReport;
  try {
    report = await verifyJournal(
      parsed.file,
      parsed.imagesDir === undefined ? {} : { imagesDir: parsed.imagesDir },
    );
  } catch (error) {
    return usage(`cannot read ${parsed.file}: ${(error as Error).message}`);
  }
  const verdict = verdictOf(report, trustList);
  out.write(`${parsed.json ? JSON.stringify({ ...report, verdict }) : summaryLine(report, verdict)}\n`);
  return VERDICT_EXIT_CODE[verdict.kind];
}

runCli(import.meta.url, 'verify', main);
