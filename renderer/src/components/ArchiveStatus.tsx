import { messageTable } from '../../../shared/message-table';
import { defineMessages, useIntl } from 'react-intl';
import type { ArchiveStatusView } from '../../../shared/view';
import { translatorFor } from '../../../shared/i18n/translator';
import type { Formatter } from '../../../shared/problem-messages';
import { agoText } from './time-words';

const M = messageTable(
  defineMessages({
    lastCopy: {
      id: 'components.archive.last-copy',
      defaultMessage: ', last copy {ago}',
      description: 'Appended to the archive state: when the journal was last copied (starts with a comma)',
    },
    current: {
      id: 'components.archive.current',
      defaultMessage: 'Archive: up to date{last}',
      description: 'Archive state',
    },
    connecting: {
      id: 'components.archive.connecting',
      defaultMessage: 'Archive: connecting…',
      description: 'Archive state',
    },
    shipping: {
      id: 'components.archive.shipping',
      defaultMessage: 'Archive: {count} entries behind{last}',
      description: 'Archive state: journal entries not yet copied to the evidence archive',
    },
    offline: {
      id: 'components.archive.offline',
      defaultMessage: 'Archive unreachable: {count} entries behind{last}',
      description: 'Archive state',
    },
    alarm: {
      id: 'components.archive.alarm',
      defaultMessage: 'Archive integrity alarm: {alarm}',
      description: 'The archive found the journal changed; {alarm} is what it found',
    },
  }),
);

/** How far the evidence archive is behind, in a few words (English unless a translator is given). */
export function archiveText(
  archive: ArchiveStatusView,
  now: number,
  intl: Formatter = translatorFor('en-GB'),
): string {
  const last = archive.lastShippedAt
    ? intl.formatMessage(M.lastCopy, { ago: agoText(intl, archive.lastShippedAt, now) })
    : '';
  switch (archive.state) {
    case 'current':
      return intl.formatMessage(M.current, { last });
    case 'connecting':
      return intl.formatMessage(M.connecting);
    case 'shipping':
      return intl.formatMessage(M.shipping, { count: archive.behindEntries, last });
    case 'offline':
      return intl.formatMessage(M.offline, { count: archive.behindEntries, last });
  }
}

/** The archive's state in the status bar; an integrity alarm is announced and stays on screen. */
export function ArchiveStatus({ archive, now }: { archive: ArchiveStatusView; now: number }) {
  const intl = useIntl();
  return (
    <div className={`archive archive-${archive.state}`}>
      <span role="status">{archiveText(archive, now, intl)}</span>
      {archive.alarm && (
        <strong role="alert" className="archive-alarm">
          {intl.formatMessage(M.alarm, { alarm: archive.alarm })}
        </strong>
      )}
    </div>
  );
}
