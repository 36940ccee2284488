/**
 * npm run archive -- migrate --archive <owner's postgres URL> [--months <n>]
 * npm run archive -- add-station <stationId> --key <publicKey> --login <name> [--label <l>] --archive <owner url>
 * npm run archive -- remove-station <stationId> --archive <owner url>
 * npm run archive -- status  --archive <postgres URL>
 * npm run archive -- purge   --archive <retention job's URL> [--dry-run]
 *
 * migrate: creates or upgrades the archive's schema and group roles (node-pg-migrate, SQL
 * in electron/archive/migrations), then makes sure monthly partitions exist a year back and
 * <n> (default 24) months ahead. Run it as the archive's owner, never as a station.
 * status: each station journal in the archive, its last seq, and any integrity alarms.
 * purge: the retention purge of image bytes (electron/archive/purge.ts), as lfr_retention.
 * add-station: enrols a station (its key, as `npm run trust -- export` prints it, and a
 * login of its own whose password is read from standard input) so it may write its own
 * rows and nothing else; remove-station ends that login's rights and keeps its rows.
 * Every command takes --archive-file <file> (0600) or LFR_ARCHIVE_URL instead of a URL
 * with a password on the command line, which is refused.
 * Exit 0 done, 1 the archive refused or has alarms (status), 2 usage or connection error.
 */
import { checkArchiveUrl, createArchivePool, redactArchiveUrl } from '../archive/connection';
import { archiveUrlOf, parseArgs, type ArgSpec } from './parse-args';
import { addStation, enrolmentProblem, removeStation } from '../archive/enrol';
import { keyFingerprint } from '../core/journal/trust';
import { migrateArchive } from '../archive/migrate';
import { purgeArchive } from '../archive/purge';
import { readPasswordFromStdin } from './accounts';
import { runCli, type Output } from './entry';

const USAGE =
  'usage: npm run archive -- migrate --archive <owner-postgres-url> [--months <n>]\n' +
  '       npm run archive -- add-station <stationId> --key <publicKey> --login <name> [--label <l>] --archive <owner-postgres-url>\n' +
  '       npm run archive -- remove-station <stationId> --archive <owner-postgres-url>\n' +
  '       (any command: --archive-file <file, mode 0600> or LFR_ARCHIVE_URL when the URL holds a password)\n' +
  '       npm run archive -- status --archive <postgres-url>\n' +
  '       npm run archive -- purge --archive <retention-postgres-url> [--dry-run]';

async function status(url: string, out: Output): Promise<number> {
  const db = createArchivePool(url, { application: 'review-station archive status' });
  try {
    const journals = await db.query<{
      station_id: string;
      deployment_id: string;
      last_seq: string;
      entries: string;
    }>(
      `SELECT station_id, deployment_id, max(seq) AS last_seq, count(*) AS entries
       FROM lfr.entry_index GROUP BY station_id, deployment_id ORDER BY deployment_id, station_id`,
    );
    for (const j of journals.rows)
      out.write(
        `journal ${j.deployment_id} station ${j.station_id}: ${j.entries} entries, last seq ${j.last_seq}` +
          `${j.entries === j.last_seq ? '' : ' (GAP: entries missing)'}\n`,
      );
    const conflicts = await db.query<{
      station_id: string;
      deployment_id: string;
      seq: string;
      detected_at: Date;
    }>('SELECT station_id, deployment_id, seq, detected_at FROM lfr.conflicts ORDER BY id');
    for (const c of conflicts.rows)
      out.write(
        `ALARM: station ${c.station_id} offered another entry at seq ${c.seq} of ${c.deployment_id} (${c.detected_at.toISOString()})\n`,
      );
    out.write(`${journals.rowCount} journals, ${conflicts.rowCount} integrity alarms\n`);
    return conflicts.rowCount ? 1 : 0;
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function purge(url: string, dryRun: boolean, out: Output): Promise<number> {
  const db = createArchivePool(url, { application: 'review-station archive purge' });
  try {
    const result = await purgeArchive(db, { now: new Date(), dryRun });
    out.write(
      `${dryRun ? 'would purge' : 'purged'} the bytes of ${result.purged.length} images past retention; ` +
        `${result.held} kept under legal hold\n`,
    );
    return 0;
  } finally {
    await db.end().catch(() => undefined);
  }
}

const COMMANDS: Record<string, ArgSpec> = {
  migrate: { months: 'value' },
  status: {},
  purge: { 'dry-run': 'flag' },
  'add-station': { key: 'value', login: 'value', label: 'value' },
  'remove-station': {},
};

export interface ArchiveCliDeps {
  env?: Record<string, string | undefined>;
  /** The new station login's password (standard input: a pipe, or a prompt without echo). */
  readPassword?: () => Promise<string>;
}

async function enrol(
  url: string,
  stationId: string,
  values: Record<string, string>,
  deps: ArchiveCliDeps,
  out: Output,
): Promise<number | string> {
  if (!values.key || !values.login) return '--key <publicKey> and --login <name> are required';
  const draft = { stationId, publicKey: values.key, login: values.login, label: values.label ?? '' };
  const problem = enrolmentProblem(draft);
  if (problem) return problem;
  const password = await (
    deps.readPassword ?? (() => readPasswordFromStdin(`password for ${values.login}: `))
  )();
  await addStation(url, { ...draft, password });
  out.write(
    `enrolled station ${stationId} (key ${keyFingerprint(values.key)}): login ${values.login} writes its rows only\n`,
  );
  return 0;
}

export async function main(
  argv: string[],
  out: Output,
  err: Output,
  deps: ArchiveCliDeps = {},
): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const usage = (message: string) => {
    err.write(`archive: ${message}\n${USAGE}\n`);
    return 2;
  };
  const spec = command ? COMMANDS[command] : undefined;
  if (!command || !spec) return usage(command ? `unknown command ${command}` : 'no command given');
  const takesStation = command === 'add-station' || command === 'remove-station';
  const stationId = takesStation && args[0] && !args[0].startsWith('--') ? args[0] : null;
  if (takesStation && stationId === null) return usage(`${command} needs a station id`);
  const parsed = parseArgs(stationId === null ? args : args.slice(1), {
    ...spec,
    archive: 'value',
    'archive-file': 'value',
  });
  if ('help' in parsed) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) return usage(parsed.error);
  const source = archiveUrlOf(parsed.values, deps.env ?? process.env);
  if ('error' in source) return usage(source.error);
  if (!source.url)
    return usage('--archive <postgres-url>, --archive-file <file> or LFR_ARCHIVE_URL is required');
  const url = checkArchiveUrl(source.url);
  if (!url.ok) return usage(url.error);
  const where = redactArchiveUrl(url.url);
  try {
    if (command === 'status') return await status(url.url, out);
    if (command === 'purge') return await purge(url.url, parsed.flags.has('dry-run'), out);
    if (command === 'add-station') {
      const done = await enrol(url.url, stationId!, parsed.values, deps, out);
      return typeof done === 'string' ? usage(done) : done;
    }
    if (command === 'remove-station') {
      const login = await removeStation(url.url, stationId!);
      out.write(`removed station ${stationId}: login ${login} may write no more; its rows stay\n`);
      return 0;
    }
    return await migrate(url.url, where, parsed.values.months, out, err, usage);
  } catch (error) {
    const message = (error as Error).message;
    err.write(`archive: ${command} failed on ${where}: ${message}\n`);
    return /permission denied|must be owner|not permitted|not enrolled|exists already/i.test(message) ? 1 : 2;
  }
}

async function migrate(
  url: string,
  where: string,
  monthsOption: string | undefined,
  out: Output,
  err: Output,
  usage: (message: string) => number,
): Promise<number> {
  const months = monthsOption === undefined ? 24 : Number(monthsOption);
  if (!Number.isInteger(months) || months < 1 || months > 240) return usage('--months must be 1-240');
  const now = new Date();
  const result = await migrateArchive(url, {
    partitionsFrom: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)),
    months: 12 + months,
    log: (line) => err.write(`archive: ${line}\n`),
  });
  out.write(
    `migrated ${where}: ${result.applied.length ? `applied ${result.applied.join(', ')}` : 'schema already current'}; ` +
      `${result.partitionsCreated} monthly partitions created\n`,
  );
  return 0;
}

runCli(import.meta.url, 'archive', (argv, out, err) => main(argv, out, err));
