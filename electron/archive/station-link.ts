/**
 * What the station core needs from the archive, in one place, so its wiring is a few
 * lines: a shipper over the station's root, its status in the snapshot's shape, a change
 * callback to push a new snapshot, and start/stop with the station.
 */
import type { ArchiveStatusView } from '../../shared/view';
import { ArchiveShipper } from './shipper';

export interface ArchiveLink {
  status(): ArchiveStatusView;
  start(onChange: () => void): void;
  stop(): Promise<void>;
}

export function createArchiveLink(url: string, root: string, log: (line: string) => void): ArchiveLink {
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
    start(onChange) {
      shipper.on('status', onChange);
      shipper.start();
    },
    async stop() {
      // The journals just closed: a moment to ship their last entries if the archive is up.
      await shipper.drain(2000);
      await shipper.stop();
    },
  };
}
