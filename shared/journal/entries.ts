/** The shape of journal-v1 entries, shared by the writer, the verifier and replay. */

export const GENESIS_HASH = '0'.repeat(64);
export const CHECKPOINT_EVERY = 50;

export const ENTRY_TYPES = [
  'journal-opened',
  'deployment',
  'operator-signed-in',
  'operator-signed-out',
  'alert-received',
  'alert-rejected',
  'alert-withdrawn',
  'alert-shown',
  'alert-escalated',
  'decision',
  'decision-recorded',
  'outcome',
  'outcome-recorded',
  'checkpoint',
  'recovered',
  'retention-purge',
  'legal-hold',
  'supervisor-review',
  'safeguard-warning',
  'welfare-prompt',
  'settings-changed',
  'replay-opened',
  'journal-closed',
] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

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
