/**
 * The `--archive` branch of `npm run report`: the transparency report across deployments.
 *   npm run report -- --archive <url> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --transparency
 *                     [--csv <file>] [--pdf <file>] [--language en-GB|cy|both] [--reverify]
 *   (--language: the PDF's, as for the oversight report; the lines printed, and the usage line, stay as they were)
 * Prints one line with the totals, one per deployment or journal not counted (NOT COUNTED,
 * IN PROGRESS, SET APART), then one per file written. Exit 0 written and everything
 * finished is counted; 1 written, but some deployment or journal is not counted (it does
 * not verify, stations disagree, or a journal is not an enrolled station's: listed in the
 * files; deployments in progress alone do not make it 1); 2 usage or archive error.
 *
 * With --deployment instead: one replay across the deployment's stations (replay-archive.ts),
 * one verdict line per station, then the CSV and oversight PDF as for a journal file, with
 * the exit code of the worst station's verdict.
 */
import { rm, writeFile } from 'node:fs/promises';
import { VERDICT_EXIT_CODE, verdictSentence } from '../../shared/journal/verdict';
import { replayCsv } from '../core/replay/csv';
import { worstExitCode } from './archive-verify';
import { loadArchivedReplay } from '../archive/replay-archive';
import { argsOrExit, usageError, type Output } from './entry';
import { languageOf } from './report-language';
import { archiveUrlOf, parseArgs } from './parse-args';
import { checkArchiveUrl, createArchivePool, redactArchiveUrl } from '../archive/connection';
import { buildTransparencyReport, journalLine } from '../archive/transparency';
import { transparencyCsv } from '../archive/transparency-csv';
import { disagreementSentence } from '../archive/transparency-disagreements';
import type { ClaimFigures } from '../archive/transparency-totals';

export const TRANSPARENCY_USAGE =
  'usage: npm run report -- --archive <postgres-url> | --archive-file <file> --from <YYYY-MM-DD> --to <YYYY-MM-DD> --transparency [--csv <file>] [--pdf <file>] [--reverify [--from-scratch]]\n' +
  '       npm run report -- --archive <postgres-url> | --archive-file <file> --deployment <id> [--csv <file>] [--pdf <file>] [--images]';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(value: string): boolean {
  return DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

export async function archiveReportMain(argv: string[], out: Output, err: Output): Promise<number> {
  const parsed = parseArgs(argv, {
    archive: 'value',
    'archive-file': 'value',
    from: 'value',
    to: 'value',
    csv: 'value',
    pdf: 'value',
    transparency: 'flag',
    reverify: 'flag',
    'from-scratch': 'flag',
    deployment: 'value',
    images: 'flag',
    language: 'value',
  });
  const start = argsOrExit(parsed, 'report', TRANSPARENCY_USAGE, out, err);
  if ('exit' in start) return start.exit;
  const usage = usageError('report', TRANSPARENCY_USAGE, err);
  const { values, flags } = start.args;
  const source = archiveUrlOf(values, process.env);
  if ('error' in source) return usage(source.error);
  const url = checkArchiveUrl(source.url ?? '');
  if (!url.ok) return usage(url.error);
  if (values.deployment !== undefined) {
    if (flags.has('transparency')) return usage('--deployment and --transparency are two different reports');
    return deploymentReport(url.url, values.deployment, values, flags.has('images'), out, err);
  }
  if (!flags.has('transparency'))
    return usage('with --archive, say which report: --transparency, or --deployment <id>');
  if (!values.from || !validDate(values.from)) return usage('--from needs a date, YYYY-MM-DD');
  if (!values.to || !validDate(values.to)) return usage('--to needs a date, YYYY-MM-DD');
  if (values.from > values.to) return usage('--from is after --to');
  // The PDF's language, parsed as the oversight report's; the lines printed stay English.
  const language = values.language === undefined ? 'en-GB' : languageOf(values.language);
  if (typeof language !== 'string') return usage(language.error);
  // Three connections: the verification's snapshot (held while the verifier threads read in
  // it), the figures computed meanwhile, and the verdicts recorded as they come.
  const db = createArchivePool(url.url, { application: 'review-station report', max: 3 });
  try {
    const report = await buildTransparencyReport(db, {
      from: values.from,
      to: values.to,
      reverify: flags.has('reverify'),
      fromScratch: flags.has('from-scratch'),
      url: url.url,
    });
    const v = report.verification;
    const t = report.totals;
    out.write(
      `transparency ${report.from}..${report.to}: ${report.rows.length} deployments counted, ` +
        `${report.unverified.length} not counted (a journal does not verify, or stations disagree), ` +
        `${report.inProgress.length} in progress, ${report.training.length} training, ` +
        `${report.setApart.length} journals set apart; ` +
        `${t.faces} faces compared, ${t.alerts} alerts, ${t.falseAlerts} false alerts, ${t.arrests} arrests; ` +
        `journals ${v.verifiedNow} verified now, ${v.reused} unchanged since recorded ` +
        `(${v.resumed} picked up at a recorded checkpoint; ${v.linesHashed} lines hashed)\n`,
    );
    if (t.claims) out.write(`${claimsLine(t.claims)}\n`);
    for (const u of report.unverified)
      out.write(
        `NOT COUNTED ${u.deploymentId}: ${[...u.disagreements.map(disagreementSentence), ...u.journals.map(journalLine)].join('; ')}\n`,
      );
    for (const u of report.inProgress)
      out.write(`IN PROGRESS ${u.deploymentId}: ${u.journals.map(journalLine).join('; ')}\n`);
    for (const j of report.setApart) out.write(`SET APART ${j.deploymentId}: ${journalLine(j)}\n`);
    if (values.csv) {
      const { text, rows } = transparencyCsv(report);
      await writeFile(values.csv, text);
      out.write(`csv: ${values.csv} (${rows} rows)\n`);
    }
    if (values.pdf) {
      await rm(values.pdf, { force: true });
      // The PDF library (pdfkit, fontkit) is loaded only when a PDF is asked for: 0.1 s of every run's start.
      const { writeTransparencyPdf } = await import('../archive/transparency-pdf');
      const { pages } = await writeTransparencyPdf(
        report,
        values.pdf,
        'npm run report --transparency',
        language,
      );
      out.write(`pdf: ${values.pdf} (${pages} pages)\n`);
    }
    const apart = report.unverified.length + report.setApart.length + report.withoutRecord.length;
    return apart > 0 ? 1 : 0;
  } catch (error) {
    err.write(
      `report: cannot make the transparency report from ${redactArchiveUrl(url.url)}: ${(error as Error).message}\n`,
    );
    return 2;
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function deploymentReport(
  url: string,
  deploymentId: string,
  values: Record<string, string>,
  images: boolean,
  out: Output,
  err: Output,
): Promise<number> {
  const db = createArchivePool(url, { application: 'review-station report', max: 2 });
  try {
    const replay = await loadArchivedReplay(db, deploymentId).catch((error: Error) => {
      if (/no station journals/.test(error.message)) return null;
      throw error;
    });
    if (!replay) {
      err.write(`report: the archive holds no journal for deployment ${deploymentId}\n`);
      return 2;
    }
    for (const s of replay.stations ?? [])
      out.write(`station ${s.stationId}: ${verdictSentence(s.integrity.verdict)}\n`);
    out.write(
      `deployment ${deploymentId}: ${replay.stations?.length ?? 0} stations, ${replay.alerts.length} alerts, ${replay.events.length} events on one timeline\n`,
    );
    if (values.csv) {
      const { text, rows } = replayCsv(replay);
      await writeFile(values.csv, text);
      out.write(`csv: ${values.csv} (${rows} rows)\n`);
    }
    if (values.pdf) {
      await rm(values.pdf, { force: true });
      const { writeReplayPdf } = await import('../core/replay/pdf');
      const { pages } = await writeReplayPdf(replay, values.pdf, {
        generatedBy: 'npm run report --archive',
        generatedAt: new Date().toISOString(),
        includeImages: images,
        readImage: async (sha) =>
          /^[0-9a-f]{64}$/.test(sha)
            ? ((
                await db.query<{ bytes: Buffer | null }>('SELECT bytes FROM lfr.images WHERE sha256 = $1', [
                  sha,
                ])
              ).rows[0]?.bytes ?? null)
            : null,
        stationId: (replay.stations ?? []).map((s) => s.stationId).join(', '),
      });
      out.write(`pdf: ${values.pdf} (${pages} pages)\n`);
    }
    return worstExitCode((replay.stations ?? []).map((s) => VERDICT_EXIT_CODE[s.integrity.verdict.kind]));
  } catch (error) {
    err.write(
      `report: cannot replay ${deploymentId} from ${redactArchiveUrl(url)}: ${(error as Error).message}\n`,
    );
    return 2;
  } finally {
    await db.end().catch(() => undefined);
  }
}

const seconds = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(1)} s`);

/** Shared deployments' claim times and take-overs (issue 22), pooled over the counted deployments. */
function claimsLine(c: ClaimFigures): string {
  return (
    `claims: ${c.deployments} shared deployments, ${c.claimed} alerts claimed; ` +
    `to claim median ${seconds(c.toClaim.p50Ms)} (90th ${seconds(c.toClaim.p90Ms)}); ` +
    `claim to decision median ${seconds(c.claimToDecision.p50Ms)} (90th ${seconds(c.claimToDecision.p90Ms)}); ` +
    `${c.takeOvers} taken over by a supervisor`
  );
}
