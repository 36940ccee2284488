/**
 * Connecting to the archive: the URL checked once (a clear error, never a stack trace), a
 * redacted form for logs (no password ever printed or journalled), and pools with short
 * timeouts so an unreachable server is an outage to retry, not a hang.
 */
import pg from 'pg';

type ArchiveUrlCheck = { ok: true; url: string } | { ok: false; error: string };

export function checkArchiveUrl(value: string): ArchiveUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return { ok: false, error: `--archive must be a postgres:// URL, not "${redactArchiveUrl(value)}"` };
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    return { ok: false, error: `--archive must be a postgres:// URL (got ${parsed.protocol}//)` };
  if (parsed.hostname === '' && !parsed.searchParams.has('host'))
    return { ok: false, error: '--archive needs a host (postgres://user@host:port/database)' };
  if (parsed.pathname === '' || parsed.pathname === '/')
    return { ok: false, error: '--archive needs a database name (postgres://user@host:port/database)' };
  return { ok: true, url: value };
}

/** The URL without its password, for logs and messages. */
export function redactArchiveUrl(value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

export function createArchivePool(url: string, opts: { max?: number; application?: string } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 2,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
    application_name: opts.application ?? 'review-station',
    // bigint seq comes back as a string by default; journal seqs are safe integers.
  });
  // An idle client whose server went away emits 'error' on the pool; without a listener
  // Node would crash the station. The next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}
