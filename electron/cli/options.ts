/** Command-line options shared by `npm start` (Electron) and `npm run web` (browser mode). */
import type { SsoSettings } from '../core/auth/identity-gate';
import { issuerProblem } from '../core/auth/oidc';
import { checkArchiveUrl } from '../archive/connection';
import { passwordInArgvAdvice, readSecretFile, SecretFileError, urlHasPassword } from './secret-file';
import { checkFeedUrl } from '../core/feed/url-policy';
import { DRILL_NAMES, type DrillName } from '../simulator/drills';

export interface StationOptions {
  feed: string | null;
  token: string | null;
  data: string | null;
  /** The key folder, apart from the data folder (core/key-dir.ts); null: the per-user default for the data folder. */
  keyDir: string | null;
  port: number | null;
  /** Drills for the built-in training feed (ignored with --feed). */
  drills: DrillName[];
  /** Alerts per minute from the built-in training feed. */
  rate: number | null;
  /** Single sign-on: the force's OpenID Connect issuer and this station's client ID there. */
  idp: string | null;
  clientId: string | null;
  /** The ID token claim that carries lfr-officer / lfr-supervisor (default "roles"). */
  roleClaim: string | null;
  /** Minutes without input before the screen locks (default 15). */
  lockAfterMinutes: number | null;
  /** The PostgreSQL evidence archive the station ships its journals to (docs/archive.md); null: none. */
  archive: string | null;
  /** The archive read with its reader role, for supervisors' replays across stations; null: none. */
  archiveReader: string | null;
  help: boolean;
}

export const USAGE =
  'usage: npm start -- [--feed <https-url>] [--token <token>] [--data <dir>] [--key-dir <dir>] [--port <n>] [--drill <name>[,<name>]] [--rate <alerts/min>]' +
  ' [--idp <issuer-url> --client-id <id> [--role-claim <claim>]] [--lock-after <minutes>] [--archive <postgres-url>] [--archive-reader <postgres-url>]' +
  '\n  secrets: --token-file <file>, --archive-file <file>, --archive-reader-file <file> (mode 0600), or LFR_FEED_TOKEN, LFR_ARCHIVE_URL, LFR_ARCHIVE_READER_URL;' +
  ' an archive URL with a password on the command line is refused';

type Parsed = { ok: true; options: StationOptions } | { ok: false; error: string; usage: string };

/** Every option name `npm start` takes (Electron's main passes these through from its argv). */
export const STATION_OPTION_NAMES: readonly string[] = [
  'feed',
  'token',
  'data',
  'key-dir',
  'port',
  'drill',
  'rate',
  'idp',
  'client-id',
  'role-claim',
  'lock-after',
  'archive',
  'archive-reader',
  'token-file',
  'archive-file',
  'archive-reader-file',
];

/** The options whose value is a secret read from a 0600 file, and the option it stands for. */
const SECRET_FILES: Record<string, 'token' | 'archive' | 'archive-reader'> = {
  'token-file': 'token',
  'archive-file': 'archive',
  'archive-reader-file': 'archive-reader',
};

const URL_ENV: Record<'archive' | 'archive-reader', string> = {
  archive: 'LFR_ARCHIVE_URL',
  'archive-reader': 'LFR_ARCHIVE_READER_URL',
};

const fail = (error: string): Parsed => ({ ok: false, error, usage: USAGE });

export function parseOptions(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Parsed {
  const options: StationOptions = {
    feed: null,
    token: null,
    data: null,
    keyDir: null,
    port: null,
    drills: [],
    rate: null,
    idp: null,
    clientId: null,
    roleClaim: null,
    lockAfterMinutes: null,
    archive: null,
    archiveReader: null,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      options.help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) return fail(`unexpected argument "${arg}"`);
    const name = match[1]!;
    if (!STATION_OPTION_NAMES.includes(name)) return fail(`unknown option --${name}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--')))
      return fail(`--${name} needs a value`);
    const secret = secretValue(name, value);
    if ('error' in secret) return fail(secret.error);
    const applied = applyOption(options, secret.name, secret.value);
    if (applied) return fail(applied);
  }
  return finish(options, env);
}

/** A --*-file option read into the value of the option it stands for; a URL password in argv refused. */
function secretValue(name: string, value: string): { name: string; value: string } | { error: string } {
  const standsFor = SECRET_FILES[name];
  if (standsFor) {
    try {
      return { name: standsFor, value: readSecretFile(value, `--${name}`) };
    } catch (error) {
      if (error instanceof SecretFileError) return { error: error.message };
      throw error;
    }
  }
  if ((name === 'archive' || name === 'archive-reader') && urlHasPassword(value))
    return { error: passwordInArgvAdvice(`--${name}`, URL_ENV[name], `--${name}-file`) };
  return { name, value };
}

/** Sets one option; the problem with its value, or null. */
function applyOption(options: StationOptions, name: string, value: string): string | null {
  switch (name) {
    case 'feed': {
      const checked = checkFeedUrl(value);
      if (!checked.ok) return checked.error;
      options.feed = checked.url.toString();
      break;
    }
    case 'archive': {
      const checked = checkArchiveUrl(value);
      if (!checked.ok) return checked.error;
      options.archive = checked.url;
      break;
    }
    case 'archive-reader': {
      const checked = checkArchiveUrl(value);
      if (!checked.ok) return checked.error.replace('--archive ', '--archive-reader ');
      options.archiveReader = checked.url;
      break;
    }
    case 'token':
      options.token = value;
      break;
    case 'data':
      options.data = value;
      break;
    case 'key-dir':
      options.keyDir = value;
      break;
    case 'port': {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return `--port must be a whole number 0-65535, not "${value}"`;
      options.port = port;
      break;
    }
    case 'rate': {
      const rate = Number(value);
      if (!Number.isFinite(rate) || rate < 0 || rate > 6000)
        return `--rate must be 0-6000 alerts a minute, not "${value}"`;
      options.rate = rate;
      break;
    }
    case 'idp': {
      const problem = issuerProblem(value);
      if (problem) return problem;
      options.idp = value;
      break;
    }
    case 'client-id':
      options.clientId = value;
      break;
    case 'role-claim':
      if (!/^[A-Za-z0-9_:./-]{1,100}$/.test(value)) return `--role-claim "${value}" is not a claim name`;
      options.roleClaim = value;
      break;
    case 'lock-after': {
      const minutes = Number(value);
      if (!Number.isFinite(minutes) || minutes < 1 || minutes > 240)
        return `--lock-after must be 1-240 minutes, not "${value}"`;
      options.lockAfterMinutes = minutes;
      break;
    }
    case 'drill': {
      for (const drill of value.split(',')) {
        if (!(DRILL_NAMES as readonly string[]).includes(drill))
          return `unknown drill "${drill}"; drills: ${DRILL_NAMES.join(', ')}`;
        options.drills.push(drill as DrillName);
      }
      break;
    }
  }
  return null;
}

function finish(options: StationOptions, env: Record<string, string | undefined>): Parsed {
  if (options.token === null && env.LFR_FEED_TOKEN) options.token = env.LFR_FEED_TOKEN;
  if (options.archive === null && env.LFR_ARCHIVE_URL) {
    const checked = checkArchiveUrl(env.LFR_ARCHIVE_URL);
    if (!checked.ok) return fail(`LFR_ARCHIVE_URL: ${checked.error}`);
    options.archive = checked.url;
  }
  if (options.archiveReader === null && env.LFR_ARCHIVE_READER_URL) {
    const checked = checkArchiveUrl(env.LFR_ARCHIVE_READER_URL);
    if (!checked.ok) return fail(`LFR_ARCHIVE_READER_URL: ${checked.error}`);
    options.archiveReader = checked.url;
  }
  if (options.feed && !options.token)
    return fail('--feed needs a credential: --token <token> or LFR_FEED_TOKEN');
  if ((options.idp === null) !== (options.clientId === null))
    return fail('single sign-on needs both --idp <issuer-url> and --client-id <id>');
  if (options.roleClaim !== null && options.idp === null) return fail('--role-claim is for --idp only');
  return { ok: true, options };
}

/** The core's access options from the command line: single sign-on and the idle lock. */
export function accessOptionsOf(options: StationOptions): { sso: SsoSettings | null; lockAfterMs?: number } {
  const sso =
    options.idp && options.clientId
      ? {
          issuer: options.idp,
          clientId: options.clientId,
          ...(options.roleClaim ? { roleClaim: options.roleClaim } : {}),
        }
      : null;
  return { sso, ...(options.lockAfterMinutes ? { lockAfterMs: options.lockAfterMinutes * 60_000 } : {}) };
}
