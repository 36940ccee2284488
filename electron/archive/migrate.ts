/**
 * `npm run archive -- migrate`: creates or upgrades the archive's schema and group roles
 * with node-pg-migrate (SQL migrations in ./migrations, a lock so two runs never race),
 * then creates the monthly partitions of lfr.entries ahead. Run with the owner's URL; a
 * station never alters the schema.
 */
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations', import.meta.url));

interface MigrateResult {
  applied: string[];
  partitionsCreated: number;
}

interface MigrateOptions {
  /** First month to have a partition (default: 12 months before now). */
  partitionsFrom?: Date;
  /** How many monthly partitions to make sure exist (default 36: a year back, two ahead). */
  months?: number;
  log?: (line: string) => void;
}

export async function migrateArchive(url: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      migrationsSchema: 'public',
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      log: () => undefined,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: (m: string) => opts.log?.(m),
        error: (m: string) => opts.log?.(m),
      },
    });
    const now = new Date();
    const from = opts.partitionsFrom ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1));
    const { rows } = await client.query<{ made: number }>(
      'SELECT lfr.ensure_month_partitions($1::date, $2) AS made',
      [from.toISOString().slice(0, 10), opts.months ?? 36],
    );
    return { applied: applied.map((m) => m.name), partitionsCreated: rows[0]?.made ?? 0 };
  } finally {
    await client.end();
  }
}
