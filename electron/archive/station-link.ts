/**
 * What the station core needs from the archive, in one place, so its wiring is a few
 * lines: a shipper over the station's root, its status in the snapshot's shape, a change
 * callback to push a new snapshot, and start/stop with the station.
 */
import type { ArchiveLink, ArchiveLinkStarter, ArchiveReader } from '../core/archive-ports';
import { createArchiveReader } from './archive-reader';
import { ArchiveShipper } from './shipper';

/**
 * The core's archive ports for the entry points' options: a link when --archive is
 * given, a reader when --archive-reader is; neither when the station has no archive.
 */
export function archivePortsOf(urls: { archive: string | null; archiveReader: string | null }): {
  archiveLink: ArchiveLinkStarter | null;
  archiveReader: ArchiveReader | null;
} {
  const { archive, archiveReader } = urls;
  return {
    archiveLink: archive ? (root, log) => createArchiveLink(archive, root, log) : null,
    archiveReader: archiveReader ? createArchiveReader(archiveReader) : null,
  };
}

function createArchiveLink(url: string, root: string, log: (line: string) => void): ArchiveLink {
  const shipper = new ArchiveShipper({ url, root, log });
  return {
    status() {
      const s = shipper.status();
      return {
        state: s.state,
        behindEntries: s.behindEntries,
        lastShippedAt: s.lastShippedAt,
        alarm: s.alarm,
      };
    },
    start(onChange, onConflict) {
      shipper.on('status', onChange);
      if (onConflict) shipper.on('conflict', onConflict);
      shipper.start();
    },
    async stop() {
      // The journals just closed: a moment to ship their last entries if the archive is up.
      await shipper.drain(2000);
      await shipper.stop();
    },
  };
}
