/**
 * npm run archive -- migrate --archive <owner's postgres URL> [--months <n>]
 * npm run archive -- status  --archive <postgres URL>
 * npm run archive -- purge   --archive <retention job's URL> [--dry-run]
 *
 * migrate: creates or upgrades the archive's schema and group roles (node-pg-migrate, SQL
 * in electron/archive/migrations), then makes sure monthly partitions exist a year back and
 * <n> (default 24) months ahead. Run it as the archive's owner, never as a station.
 * status: each station journal in the archive, its last seq, and any integrity alarms.
 * purge: the retention purge of image bytes (electron/archive/purge.ts), as lfr_retention.
 * Exit 0 done, 1 the archive refused or has alarms (status), 2 usage or connection error.
 */
import { parseArgs } from './parse-args';
import { checkArchiveUrl, createArchivePool, redactArchiveUrl } from '../archive/connection';
import { migrateArchive } from '../archive/migrate';
import { purgeArchive } from '../archive/purge';
import { runCli, type Output } from './entry';

const USAGE =
  'usage: npm run archive -- migrate --archive <owner-postgres-url> [--months <n>]\n' +
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

export async function main(argv: string[], out: Output, err: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const usage = (message: string) => {
    err.write(`archive: ${message}\n${USAGE}\n`);
    return 2;
  };
  if (command !== 'migrate' && command !== 'status' && command !== 'purge')
    return usage(command ? `unknown command ${command}` : 'no command given');
  const parsed = parseArgs(
    rest,
    command === 'migrate'
      ? { archive: 'value', months: 'value' }
      : command === 'purge'
        ? { archive: 'value', 'dry-run': 'flag' }
        : { archive: 'value' },
  );
  if ('help' in parsed) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if ('error' in parsed) return usage(parsed.error);
  const given = parsed.values.archive ?? process.env.LFR_ARCHIVE_URL;
  if (!given) return usage('--archive <postgres-url> (or LFR_ARCHIVE_URL) is required');
  const url = checkArchiveUrl(given);
  if (!url.ok) return usage(url.error);
  const where = redactArchiveUrl(url.url);
  try {
    if (command === 'status') return await status(url.url, out);
    if (command === 'purge') return await purge(url.url, parsed.flags.has('dry-run'), out);
    const months = parsed.values.months === undefined ? 24 : Number(parsed.values.months);
    if (!Number.isInteger(months) || months < 1 || months > 240) return usage('--months must be 1-240');
    const now = new Date();
    const result = await migrateArchive(url.url, {
      partitionsFrom: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)),
      months: 12 + months,
      log: (line) => err.write(`archive: ${line}\n`),
    });
    out.write(
      `migrated ${where}: ${result.applied.length ? `applied ${result.applied.join(', ')}` : 'schema already current'}; ` +
        `${result.partitionsCreated} monthly partitions created\n`,
    );
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    err.write(`archive: ${command} failed on ${where}: ${message}\n`);
    return /permission denied|must be owner|not permitted/i.test(message) ? 1 : 2;
  }
}

runCli(import.meta.url, 'archive', main);
