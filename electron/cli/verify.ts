/**
 * npm run verify -- <journal.jsonl> [--images <dir>] [--json]
 * One line on stdout. Exit 0 verified, 1 failed verification, 2 usage or read error.
 */
import { stat } from 'node:fs/promises';
import { verifyJournal, type VerifyReport } from '../core/journal/verify';
import { runCli, type Output } from './entry';

export type { Output };

const USAGE = 'usage: npm run verify -- <journal.jsonl> [--images <dir>] [--json]';

function summaryLine(report: VerifyReport): string {
  if (report.failure) return `FAILED at seq ${report.failure.seq}: ${report.failure.reason}`;
  const { images } = report;
  return (
    `verified: ${report.entries} entries, ${report.checkpoints} checkpoints, ` +
    `${images.checked} images checked (${images.purged} purged under retention); ` +
    `deployment ${report.deploymentId ?? '?'}; station ${report.stationId ?? '?'}`
  );
}

type Parsed = { file: string; imagesDir?: string; json: boolean } | { help: true } | { error: string };

function parseArgs(argv: string[]): Parsed {
  let file: string | undefined;
  let imagesDir: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return { help: true };
    else if (arg === '--images') {
      const value = argv[++i];
      if (value === undefined || value === '') return { error: '--images needs a folder' };
      imagesDir = value;
    } else if (arg.startsWith('--images=')) {
      imagesDir = arg.slice('--images='.length);
      if (imagesDir === '') return { error: '--images needs a folder' };
    } else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
    else if (file !== undefined) return { error: `only one journal at a time (got ${file} and ${arg})` };
    else file = arg;
  }
  if (file === undefined) return { error: 'no journal file given' };
  return imagesDir === undefined ? { file, json } : { file, imagesDir, json };
}

export async function main(argv: string[], out: Output, err: Output): Promise<number> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) {
    err.write(`verify: ${parsed.error}\n${USAGE}\n`);
    return 2;
  }
  try {
    const info = await stat(parsed.file);
    if (!info.isFile()) throw new Error('not a file');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    err.write(`verify: cannot read ${parsed.file} (${why})\n${USAGE}\n`);
    return 2;
  }
  let report: VerifyReport;
  try {
    report = await verifyJournal(
      parsed.file,
      parsed.imagesDir === undefined ? {} : { imagesDir: parsed.imagesDir },
    );
  } catch (error) {
    err.write(`verify: cannot read ${parsed.file}: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  out.write(`${parsed.json ? JSON.stringify(report) : summaryLine(report)}\n`);
  return report.ok ? 0 : 1;
}

runCli(import.meta.url, 'verify', main);
