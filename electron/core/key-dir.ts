/**
 * The station's key folder (--key-dir): its signing key (identity.ts), the latest
 * checkpoint of every journal (journal/checkpoint-ledger.ts) and the alarms only a
 * supervisor clears (journal/alarms.ts). They live apart from the data folder so that
 * whoever holds a copy of the data folder alone can neither re-sign a forged journal nor
 * make the station forget the checkpoint it last signed (journal-v1 "Verifying").
 *
 * Default: the per-user config folder, one subfolder per data folder
 * (`$XDG_CONFIG_HOME/review-station/keys/<data folder name>-<12 hex of its path's SHA-256>`,
 * `~/.config` without XDG_CONFIG_HOME; %APPDATA% on Windows, ~/Library/Application Support
 * on macOS), so two stations on one account never share a key.
 *
 * The folder must be this user's alone: 0700, its files 0600, owned by the user. One that
 * other users could read or write is refused at start with what to do, never "fixed"
 * silently (someone may already have read the key). Windows has no mode bits; there the
 * folder's place in the user's profile is what keeps it private.
 */
import { createHash } from 'node:crypto';
import { lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { PRIVATE_DIR_MODE } from './journal/fsync';

const KEY_DIR_APP = 'review-station';
export const ALARMS_FILE = 'alarms.json';
export const CHECKPOINTS_FILE = 'checkpoints.json';

export class KeyDirError extends Error {
  override readonly name = 'KeyDirError';
}

/** The per-user config folder the default key folders live under. */
function configHome(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  if (platform === 'win32') return env.APPDATA ?? join(homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
}

/** The key folder a data folder gets when --key-dir is not given. */
export function defaultKeyDir(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const full = resolve(dataDir);
  const readable =
    basename(full)
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 40) || 'station';
  const digest = createHash('sha256').update(full).digest('hex').slice(0, 12);
  return join(configHome(env, platform), KEY_DIR_APP, 'keys', `${readable}-${digest}`);
}

const isInside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
};

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/** Why this file or folder is not this user's alone, or null. */
async function privacyProblem(path: string, uid: number): Promise<string | null> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return `${path} is a symbolic link; the key folder holds only plain files`;
  if (info.uid !== uid) return `${path} is owned by uid ${info.uid}, not by this user (uid ${uid})`;
  if ((info.mode & 0o077) !== 0)
    return `${path} is mode ${octal(info.mode)}: other users may read or change it (it must be ${info.isDirectory() ? '700' : '600'})`;
  return null;
}

/**
 * Makes the key folder if it is missing (0700) and checks that it and everything in it
 * are this user's alone and that it is not inside the data folder. Returns its real path.
 */
export async function openKeyDir(keyDir: string, dataDir: string): Promise<string> {
  const wanted = resolve(keyDir);
  await mkdir(wanted, { recursive: true, mode: PRIVATE_DIR_MODE });
  const real = await realpath(wanted);
  const data = await realpath(resolve(dataDir)).catch(() => resolve(dataDir));
  if (isInside(real, data))
    throw new KeyDirError(
      `the key folder ${real} is inside the data folder ${data}; it must live apart (give --key-dir another folder)`,
    );
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return real;
  const uid = process.getuid();
  const problems: string[] = [];
  const own = await privacyProblem(real, uid);
  if (own) problems.push(own);
  for (const name of await readdir(real)) {
    const problem = await privacyProblem(join(real, name), uid);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0)
    throw new KeyDirError(
      `refusing the key folder: ${problems.join('; ')}. ` +
        `Fix it as the owner (chmod 700 ${real}; chmod 600 ${real}/*) after checking nobody else has read the key, or give --key-dir a new folder.`,
    );
  return real;
}
