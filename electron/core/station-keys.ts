/**
 * Everything the station keeps apart from its data folder, opened together at start: the
 * key folder checked (key-dir.ts), an old station's key moved out of its data folder
 * (key-migration.ts), the signing key, the latest checkpoint of every journal and the
 * alarms only a supervisor clears. A copy of the data folder holds none of them, so it
 * can neither re-sign a forged journal nor make the station forget what it signed.
 */
import { join } from 'node:path';
import { loadOrCreateIdentity, type KeyProtector, type Signer } from './identity';
import { AlarmStore } from './journal/alarms';
import { CheckpointLedger } from './journal/checkpoint-ledger';
import { ALARMS_FILE, CHECKPOINTS_FILE, openKeyDir } from './key-dir';
import { moveKeyOutOfDataFolder } from './key-migration';

interface StationKeys {
  /** The key folder's real path. */
  keyDir: string;
  signer: Signer;
  alarms: AlarmStore;
  checkpoints: CheckpointLedger;
}

export async function openStationKeys(opts: {
  dataDir: string;
  keyDir: string;
  keyProtector?: KeyProtector | undefined;
  now?: (() => number) | undefined;
  log: (line: string) => void;
}): Promise<StationKeys> {
  const keyDir = await openKeyDir(opts.keyDir, opts.dataDir);
  const moved = await moveKeyOutOfDataFolder(join(opts.dataDir, 'station'), keyDir);
  if (moved) opts.log(moved);
  return {
    keyDir,
    signer: await loadOrCreateIdentity(keyDir, opts.keyProtector),
    alarms: await AlarmStore.load(join(keyDir, ALARMS_FILE), opts.now),
    checkpoints: await CheckpointLedger.load(join(keyDir, CHECKPOINTS_FILE), opts.log),
  };
}
