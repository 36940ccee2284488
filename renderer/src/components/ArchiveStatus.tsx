import type { ArchiveStatusView } from '../../../shared/view';
import { ago } from '../format';

/** How far the evidence archive is behind, in a few words. */
export function archiveText(archive: ArchiveStatusView, now: number): string {
  const last = archive.lastShippedAt ? `, last copy ${ago(archive.lastShippedAt, now)}` : '';
  switch (archive.state) {
    case 'current':
      return `Archive: up to date${last}`;
    case 'connecting':
      return 'Archive: connecting…';
    case 'shipping':
      return `Archive: ${archive.behindEntries} entries behind${last}`;
    case 'offline':
      return `Archive unreachable: ${archive.behindEntries} entries behind${last}`;
  }
}

/** The archive's state in the status bar; an integrity alarm is announced and stays on screen. */
export function ArchiveStatus({ archive, now }: { archive: ArchiveStatusView; now: number }) {
  return (
    <div className={`archive archive-${archive.state}`}>
      <span role="status">{archiveText(archive, now)}</span>
      {archive.alarm && (
        <strong role="alert" className="archive-alarm">
          Archive integrity alarm: {archive.alarm}
        </strong>
      )}
    </div>
  );
}
