/**
 * What the core asks of the PostgreSQL evidence archive (docs/archive.md), as ports the
 * entry points fill: electron/main/main.ts and cli/web.ts pass archive/'s (archivePortsOf
 * in archive/station-link.ts), as they pass the simulator's training feed. The core never
 * imports archive/: the archive reads the core's journals, not the other way round.
 */
import type { ArchiveDeploymentListing, ReplayData } from '../../shared/replay';
import type { ArchiveStatusView } from '../../shared/view';
import type { TrustEntry } from './journal/trust';

/** A replay key that names a deployment in the archive rather than a journal here. */
export const ARCHIVE_KEY_PREFIX = 'archive:';

/**
 * The archive holds something other than what this station's journal says (a "conflict",
 * found by the shipper; nothing is overwritten and that journal is not shipped further).
 * The station raises it as an alarm only a supervisor clears (station/standing-alarms.ts).
 */
export interface ArchiveConflict {
  deploymentId: string;
  /** hash: another entry at `seq` than the journal's; ahead: the archive holds more than the journal, which ends at `seq`. */
  kind: 'hash' | 'ahead';
  seq: number;
  archivedHash: string | null;
  journalHash: string | null;
  /** The archive's last seq of this journal. */
  archivedSeq: number;
}

/** Ships this station's journals to the archive (--archive) and reports how far behind it is. */
export interface ArchiveLink {
  status(): ArchiveStatusView;
  /** `onConflict` hears each conflict once per start (the shipper then stops shipping that journal). */
  start(onChange: () => void, onConflict?: (conflict: ArchiveConflict) => void): void;
  stop(): Promise<void>;
}

/** Opens the link for the station's journal root, once the core knows it. */
export type ArchiveLinkStarter = (root: string, log: (line: string) => void) => ArchiveLink;

/** The archive read with its reader role (--archive-reader), for replays across stations. */
export interface ArchiveReader {
  list(): Promise<ArchiveDeploymentListing[]>;
  /** Every station journal of a deployment, each verified on its own, then merged. */
  load(
    deploymentId: string,
    opts: { trust: readonly TrustEntry[] | null; now: () => number; keepImagesIn: string },
  ): Promise<ReplayData>;
  image(sha256: string): Promise<Buffer | null>;
  /** An error's text with the archive URL's password taken out. */
  redact(message: string): string;
  /** Ends the connections; a later call opens them again. */
  close(): Promise<void>;
}
