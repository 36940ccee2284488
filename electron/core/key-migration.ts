/**
 * Stations made before the key folder kept their key, checkpoint ledger and alarms in
 * `<data>/station/`. At the first start with a key folder they move out (so the station
 * keeps its identity, and its journals stay its own): each file is copied into the key
 * folder durably (identity.json last: its presence there means the move is complete),
 * then removed from the data folder (identity.json last again) and that folder fsync'd.
 * A crash part way leaves both copies of the same identity, and the next start finishes
 * the move. A data folder whose identity is not the key folder's is refused, not merged:
 * one of the two is not this station's, and a person must say which.
 */
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, writeFileDurable } from './journal/fsync';
import { ALARMS_FILE, CHECKPOINTS_FILE, KeyDirError } from './key-dir';

const IDENTITY_FILE = 'identity.json';
/** Moved in this order; identity.json is always last (see above). */
const MOVED = ['station-key.pem', 'station-key.sealed', CHECKPOINTS_FILE, ALARMS_FILE, IDENTITY_FILE];

async function readOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function publicKeyIn(identity: Buffer, where: string): string {
  try {
    const parsed = JSON.parse(identity.toString('utf8')) as { publicKey?: unknown };
    if (typeof parsed.publicKey === 'string') return parsed.publicKey;
  } catch {
    // reported below
  }
  throw new KeyDirError(`${where} is not a valid station identity`);
}

/**
 * Moves an old station's key files from `<data>/station` into the key folder. Returns
 * what it did, for the log, or null when there was nothing to move.
 */
export async function moveKeyOutOfDataFolder(stationDir: string, keyDir: string): Promise<string | null> {
  const oldIdentity = await readOrNull(join(stationDir, IDENTITY_FILE));
  if (oldIdentity === null) return null;
  const newIdentity = await readOrNull(join(keyDir, IDENTITY_FILE));
  if (newIdentity !== null) {
    const oldKey = publicKeyIn(oldIdentity, join(stationDir, IDENTITY_FILE));
    const newKey = publicKeyIn(newIdentity, join(keyDir, IDENTITY_FILE));
    if (oldKey !== newKey)
      throw new KeyDirError(
        `the data folder holds a station key (${join(stationDir, IDENTITY_FILE)}) that is not the one in the key folder ` +
          `${keyDir}; refusing to choose between them. Start with the --key-dir this data folder was used with, or move one of them away.`,
      );
  } else {
    for (const name of MOVED) {
      const bytes = await readOrNull(join(stationDir, name));
      if (bytes !== null) await writeFileDurable(join(keyDir, name), bytes, { mode: 0o600 });
    }
  }
  for (const name of MOVED) await unlink(join(stationDir, name)).catch(ignoreMissing);
  await fsyncDir(stationDir);
  return newIdentity === null
    ? `station key moved out of the data folder: ${stationDir} -> ${keyDir} (identity, key, kept checkpoints and alarms); the old files are removed`
    : `station key: finished moving it out of the data folder into ${keyDir} (the old copies are removed)`;
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
