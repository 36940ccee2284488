/**
 * Enrolling a station in the archive (`npm run archive -- add-station`), as the archive's
 * owner: its public key (the report's trust list) and the one PostgreSQL login that may
 * write its rows (row-level security, see the stations migration). The password reaches
 * the server only as a SCRAM-SHA-256 verifier, so it never appears in a statement or a
 * server log. Removing a station records the removal and takes the login's rights away;
 * its rows stay, and its key still verifies the journals it shipped.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { labelProblem, publicKeyProblem, stationIdProblem } from '../core/journal/trust';

interface StationEnrolment {
  stationId: string;
  publicKey: string;
  login: string;
  label: string;
  password: string;
}

interface EnrolledStation {
  stationId: string;
  publicKey: string;
  login: string;
  label: string;
  removed: boolean;
}

const LOGIN_RE = /^[a-z_][a-z0-9_]{0,62}$/;
const RESERVED_LOGINS = /^(pg_|lfr_)|^postgres$/;

/** Why an enrolment cannot be made, or null. */
export function enrolmentProblem(
  e: Omit<StationEnrolment, 'password'> & { password?: string },
): string | null {
  const id = stationIdProblem(e.stationId);
  if (id) return id;
  const key = publicKeyProblem(e.publicKey);
  if (key) return `--key: ${key}`;
  if (!LOGIN_RE.test(e.login))
    return '--login is a PostgreSQL name: lower-case letters, digits and _, 63 at most';
  if (RESERVED_LOGINS.test(e.login)) return `--login ${e.login} is reserved`;
  const label = labelProblem(e.label);
  if (label) return `--label: ${label}`;
  if (e.password !== undefined && e.password.length < 12) return 'the password needs at least 12 characters';
  return null;
}

/** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802/7677). */
function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

async function inTransaction<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function addStation(ownerUrl: string, e: StationEnrolment): Promise<void> {
  const problem = enrolmentProblem(e);
  if (problem) throw new Error(problem);
  await inTransaction(ownerUrl, async (c) => {
    const login = pg.escapeIdentifier(e.login);
    const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [e.login]);
    if (exists.rowCount)
      throw new Error(`a role named ${e.login} exists already; enrol each station with a login of its own`);
    await c.query(`CREATE ROLE ${login} LOGIN PASSWORD ${pg.escapeLiteral(scramVerifier(e.password))}`);
    await c.query(`GRANT lfr_station TO ${login}`);
    await c.query('INSERT INTO lfr.stations (station_id, public_key, login, label) VALUES ($1, $2, $3, $4)', [
      e.stationId,
      e.publicKey,
      e.login,
      e.label,
    ]);
  });
}

export async function removeStation(ownerUrl: string, stationId: string): Promise<string> {
  return inTransaction(ownerUrl, async (c) => {
    const { rows } = await c.query<{ login: string }>(
      'SELECT login FROM lfr.stations WHERE station_id = $1',
      [stationId],
    );
    const login = rows[0]?.login;
    if (!login) throw new Error(`station ${stationId} is not enrolled`);
    await c.query('INSERT INTO lfr.station_removals (station_id) VALUES ($1) ON CONFLICT DO NOTHING', [
      stationId,
    ]);
    const role = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
    if (role.rowCount) {
      await c.query(`REVOKE lfr_station FROM ${pg.escapeIdentifier(login)}`);
      await c.query(`ALTER ROLE ${pg.escapeIdentifier(login)} NOLOGIN`);
    }
    return login;
  });
}

/** Every station ever enrolled (removed ones too: their keys still verify what they shipped). */
export async function enrolledStations(db: pg.Pool | pg.Client): Promise<EnrolledStation[]> {
  const { rows } = await db.query<{
    station_id: string;
    public_key: string;
    login: string;
    label: string;
    removed: boolean;
  }>(
    `SELECT s.station_id, s.public_key, s.login, s.label,
       EXISTS (SELECT 1 FROM lfr.station_removals r WHERE r.station_id = s.station_id) AS removed
     FROM lfr.stations s ORDER BY s.station_id`,
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    publicKey: r.public_key,
    login: r.login,
    label: r.label,
    removed: r.removed,
  }));
}
