/**
 * A real PostgreSQL server for a test file: Debian's server binaries, a fresh cluster in a
 * temporary folder, listening on a free loopback port. Started once per file (beforeAll),
 * stopped in afterAll. initdb refuses to run as root, so as root the cluster belongs to the
 * `postgres` user and every server command runs through `runuser -u postgres --`.
 *
 * A missing server fails loudly with how to install it; it never skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  host: string;
  port: number;
  /** URL of the cluster's superuser on database `db` (default postgres). */
  url(db?: string, user?: string, password?: string): string;
  /** A fresh database, owned by the superuser. */
  createDatabase(name: string): Promise<string>;
  query(sql: string, params?: unknown[], db?: string): Promise<pg.QueryResult>;
  stop(): Promise<void>;
  /** Stop without removing the data (a database outage), then start again with start(). */
  halt(): void;
  start(): void;
}

function findBinDir(): string {
  const fromEnv = process.env.LFR_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. The archive tests need a real ' +
        "server: install Debian's with `apt-get install postgresql` (or set LFR_PG_BIN to a folder with initdb and pg_ctl).",
    );
  return join(base, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `durable`: keep PostgreSQL's fsync and synchronous commit (the bench measures with them). */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<TestPostgres> {
  const bin = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args];
    const result = spawnSync(file, argv, { encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`${cmd} failed (${result.status}): ${result.stderr || result.stdout}`);
  };
  const root = mkdtempSync(join(tmpdir(), 'lfr-pg-'));
  chmodSync(root, 0o777);
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'sock');
  if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', 'mkdir', '-p', socketDir]);
  else execFileSync('mkdir', ['-p', socketDir]);
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    '-c listen_addresses=127.0.0.1',
    // A throwaway cluster: durability is the station journal's job, not the test server's.
    ...(opts.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const start = () =>
    run('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(root, 'log'), '-w', '-t', '60', 'start']);
  const halt = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  start();
  const host = '127.0.0.1';
  const url = (db = 'postgres', user = 'postgres', password?: string) =>
    `postgres://${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ''}@${host}:${port}/${db}`;
  const query = async (sql: string, params: unknown[] = [], db = 'postgres') => {
    const client = new pg.Client({ connectionString: url(db) });
    await client.connect();
    try {
      return await client.query(sql, params);
    } finally {
      await client.end();
    }
  };
  let stopped = false;
  return {
    host,
    port,
    url,
    query,
    async createDatabase(name) {
      await query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      return url(name);
    },
    halt,
    start,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        halt();
      } catch {
        // Already stopped (a test halted it); the folder goes anyway.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
