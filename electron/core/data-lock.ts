/**
 * One writer per data folder. Two stations on one folder would each append to the same
 * journals from their own idea of the chain and overwrite each other's acknowledged
 * entries, so a station takes `<data>/station.lock` before it opens anything and holds
 * it until it exits.
 *
 * The lock is a file created atomically (written under a private name, then hard-linked
 * into place, which fails if a lock is already there) naming the process that holds it.
 * A lock whose process is gone (killed, crashed, the machine restarted) is stale: it is
 * moved aside by rename, which only one of several racing stations can do, and taken
 * afresh. On Linux the holder's start time is recorded too, so a recycled pid is not
 * mistaken for the holder.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { chmod, link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'station.lock';

interface LockHolder {
  pid: number;
  host: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/<pid>/stat field 22); else null. */
  processStart: string | null;
  since: string;
}

export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `the data folder ${dataDir} is already in use by another station (process ${holder.pid} on ${holder.host}, since ${holder.since}); ` +
        'only one station may write to a data folder at a time',
    );
  }
}

interface DataFolderLock {
  file: string;
  /** Gives the lock up (only if it is still ours). Safe to call more than once. */
  release(): Promise<void>;
}

/**
 * The data folder holds faces, decisions and the station key: only its owner may enter
 * it. One made by an older version (or by hand) with wider rights is narrowed, and said.
 */
async function keepPrivate(dataDir: string, log?: (line: string) => void): Promise<void> {
  if (process.platform === 'win32') return;
  const info = await stat(dataDir);
  if ((info.mode & 0o077) === 0 || info.uid !== process.getuid?.()) return;
  await chmod(dataDir, 0o700);
  log?.(`data folder ${dataDir}: narrowed its rights from ${(info.mode & 0o777).toString(8)} to 700`);
}

function processStart(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process a lock names is still running (on another host we cannot tell: assume so). */
function holderAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: it exists but belongs to someone else.
  }
  if (holder.processStart !== null) {
    const now = processStart(holder.pid);
    if (now !== null && now !== holder.processStart) return false; // the pid was recycled
  }
  return true;
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return {
      pid: value.pid,
      host: typeof value.host === 'string' ? value.host : '',
      processStart: typeof value.processStart === 'string' ? value.processStart : null,
      since: typeof value.since === 'string' ? value.since : '',
    };
  } catch {
    return null;
  }
}

async function readHolder(file: string): Promise<{ text: string; holder: LockHolder | null } | null> {
  try {
    const text = await readFile(file, 'utf8');
    return { text, holder: parseHolder(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Take the data folder's lock or throw DataFolderInUseError naming the process that has
 * it. `log` hears about a stale lock being recovered.
 */
export async function lockDataFolder(
  dataDir: string,
  opts: { log?: (line: string) => void; now?: () => number } = {},
): Promise<DataFolderLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await keepPrivate(dataDir, opts.log);
  const file = join(dataDir, LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    processStart: processStart(process.pid),
    since: new Date((opts.now ?? Date.now)()).toISOString(),
  };
  const text = `${JSON.stringify(mine)}\n`;
  const temp = join(dataDir, `.${LOCK_FILE}.${randomBytes(6).toString('hex')}`);
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await link(temp, file);
        return held(file, text);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = await readHolder(file);
      if (!current) continue; // released between our link and our read: try again
      // A lock file that cannot be read is half-written by a station that died creating it... or
      // by one creating it now; only an unreadable one older than a moment is treated as stale.
      if (current.holder && holderAlive(current.holder))
        throw new DataFolderInUseError(dataDir, current.holder);
      if (!current.holder && attempt === 0) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      // Stale. Move it aside; of several stations racing here only one rename succeeds for this file.
      const aside = join(dataDir, `.${LOCK_FILE}.stale-${randomBytes(6).toString('hex')}`);
      try {
        await rename(file, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readFile(aside, 'utf8').catch(() => '');
      if (moved !== current.text) {
        // Someone took the lock between our read and our rename: put theirs back and look again.
        await link(aside, file).catch(() => undefined);
        await unlink(aside).catch(() => undefined);
        continue;
      }
      await unlink(aside).catch(() => undefined);
      opts.log?.(
        `data folder lock: recovered a stale lock of process ${current.holder?.pid ?? 'unknown'} (no longer running)`,
      );
    }
    throw new Error(`could not take the data folder lock ${file}: it kept changing`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function held(file: string, text: string): DataFolderLock {
  let released = false;
  const ours = () => {
    try {
      return readFileSync(file, 'utf8') === text;
    } catch {
      return false;
    }
  };
  // However the process ends short of SIGKILL, the lock goes with it (a SIGKILL leaves a stale lock).
  const onExit = () => {
    if (!released && ours()) {
      try {
        unlinkSync(file);
      } catch {
        // nothing more can be done while exiting
      }
    }
    released = true;
  };
  process.once('exit', onExit);
  return {
    file,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', onExit);
      if (ours()) await unlink(file).catch(() => undefined);
    },
  };
}
