/**
 * The `--archive` branch of `npm run verify`: one line per station journal of the
 * deployment, in the same words as for a file, and the same exit codes (0 all verified,
 * 3 some unsealed and none worse, 1 any tampered or untrusted key, 2 usage or read error).
 * The keys trusted are the --trust file's, else the archive's enrolled stations'.
 */
import { VERDICT_EXIT_CODE } from '../../shared/journal/verdict';
import { readTrustFile, type TrustEntry } from '../core/journal/trust';
import type { Verdict } from '../../shared/journal/verdict';
import type { VerifyReport } from '../core/journal/verify';
import { argsOrExit, usageError, type Output } from './entry';
import { archiveUrlOf, parseArgs } from './parse-args';
import { checkArchiveUrl, createArchivePool, redactArchiveUrl } from '../archive/connection';
import { enrolledTrustList } from '../archive/transparency-verdicts';
import { verifyArchivedDeployment } from '../archive/verify-archive';

export const ARCHIVE_VERIFY_USAGE =
  'usage: npm run verify -- --archive <postgres-url> | --archive-file <file> --deployment <id> [--station <stationId>] [--trust <file>] [--json]';

export function worstExitCode(codes: readonly number[]): number {
  if (codes.includes(1)) return 1;
  if (codes.includes(3)) return 3;
  return 0;
}

/** How `npm run verify` words one journal's result (passed in by the CLI, so both say it the same way). */
export type SummaryLine = (report: VerifyReport, verdict: Verdict) => string;

export async function archiveVerifyMain(
  argv: string[],
  out: Output,
  err: Output,
  summaryLine: SummaryLine,
): Promise<number> {
  const parsed = parseArgs(argv, {
    archive: 'value',
    'archive-file': 'value',
    deployment: 'value',
    station: 'value',
    trust: 'value',
    json: 'flag',
  });
  const start = argsOrExit(parsed, 'verify', ARCHIVE_VERIFY_USAGE, out, err);
  if ('exit' in start) return start.exit;
  const usage = usageError('verify', ARCHIVE_VERIFY_USAGE, err);
  const { values, flags } = start.args;
  const source = archiveUrlOf(values, process.env);
  if ('error' in source) return usage(source.error);
  if (!source.url) return usage('--archive needs a postgres:// URL (or --archive-file <file>)');
  const url = checkArchiveUrl(source.url);
  if (!url.ok) return usage(url.error);
  if (!values.deployment) return usage('--deployment is required with --archive');
  let trustList: TrustEntry[] | null = null;
  if (values.trust !== undefined) {
    try {
      trustList = await readTrustFile(values.trust);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return usage(code ? `cannot read trust file ${values.trust} (${code})` : (error as Error).message);
    }
    if (trustList.length === 0) return usage(`trust file ${values.trust} lists no keys`);
  }
  const db = createArchivePool(url.url, { application: 'review-station verify' });
  try {
    // Without --trust, the archive's enrolled stations are the trust list (a journal of a
    // station nobody enrolled is an untrusted key); an archive with none enrolled yet
    // falls back to each journal's own key.
    if (trustList === null) {
      const enrolled = await enrolledTrustList(db);
      if (enrolled.length > 0) trustList = enrolled;
    }
    const results = await verifyArchivedDeployment(db, {
      deploymentId: values.deployment,
      ...(values.station ? { stationId: values.station } : {}),
      trustList,
    });
    if (results.length === 0) {
      err.write(
        `verify: the archive holds no journal for deployment ${values.deployment}` +
          `${values.station ? ` from station ${values.station}` : ''}\n`,
      );
      return 2;
    }
    for (const r of results) {
      const line = flags.has('json')
        ? JSON.stringify({
            archivedAs: { stationId: r.stationId, deploymentId: r.deploymentId },
            ...r.report,
            verdict: r.verdict,
          })
        : `station ${r.stationId}: ${summaryLine(r.report, r.verdict)}`;
      out.write(`${line}\n`);
    }
    return worstExitCode(results.map((r) => VERDICT_EXIT_CODE[r.verdict.kind]));
  } catch (error) {
    err.write(
      `verify: cannot read the archive at ${redactArchiveUrl(url.url)}: ${(error as Error).message}\n`,
    );
    return 2;
  } finally {
    await db.end().catch(() => undefined);
  }
}
