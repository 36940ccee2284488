/** The shape of journal-v1 entries, shared by the writer, the verifier and replay. */
import type { EntryData, EntryType } from './entry-data';

export type { EntryData, EntryType } from './entry-data';

export const GENESIS_HASH = '0'.repeat(64);
export const CHECKPOINT_EVERY = 50;

export interface Actor {
  id: string;
  name: string;
}

export interface JournalEntry<D = Record<string, unknown>> {
  seq: number;
  at: string;
  // A verifier meets types it does not know (data may carry more), so the type is open.
  type: string;
  actor: Actor | null;
  data: D;
  prev: string;
  hash: string;
}

/** An entry whose type this station knows, with its data narrowed by that type. */
export type EntryOf<T extends EntryType> = Omit<JournalEntry, 'type' | 'data'> & {
  type: T;
  data: EntryData[T];
};

/** The union the fold and the replay builder switch on (`entry.type` narrows `entry.data`). */
export type KnownEntry = { [T in EntryType]: EntryOf<T> }[EntryType];

/** How every writer above the journal file appends: typed by the entry map. */
export type AppendEntry = <T extends EntryType>(
  type: T,
  actor: Actor | null,
  data: EntryData[T],
) => Promise<EntryOf<T>>;

/** Stored form of an image inside `alert-received` (the bytes live in images/<sha256>). */
export interface StoredImage {
  sha256: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

export interface JournalOpenedData {
  stationId: string;
  publicKey: string;
  appVersion: string;
  deploymentId: string;
  training?: boolean;
  /**
   * A new journal opened because the one before it could not be continued (journal-v1's
   * `data` may carry more): what was set aside, where it is now, and why. The old file is
   * kept as found, beside the data folder's journals, still verifiable on its own.
   */
  setAside?: SetAsideRecord;
}

export interface SetAsideRecord {
  /** foreign: another station key or deployment; tampered: its chain or entries fail; unreadable: the system would not read it. */
  kind: 'foreign' | 'tampered' | 'unreadable';
  /** Where the set-aside folder (journal and images) is now, relative to the station's root. */
  path: string;
  /** Why it could not be continued, in words. */
  why: string;
  /** SHA-256 and length of the set-aside journal file as found (absent: it could not be read). */
  sha256?: string;
  bytes?: number;
}

export interface CheckpointData {
  seq: number;
  hash: string;
  signature: string;
}

/** The exact text a checkpoint signature covers (journal-v1, "Checkpoints"). */
export function checkpointSigningText(
  stationId: string,
  deploymentId: string,
  seq: number,
  hash: string,
): string {
  return `lfr-journal-checkpoint/v1\n${stationId}\n${deploymentId}\n${seq}\n${hash}\n`;
}
