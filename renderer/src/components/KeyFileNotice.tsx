import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import type { KeyProtection } from '../../../shared/view';

const M = messageTable(
  defineMessages({
    summary: {
      id: 'components.key-notice.summary',
      defaultMessage: 'Signing key kept in a file',
      description: 'Status bar: the station key is in a file, not the OS key store',
    },
    what: {
      id: 'components.key-notice.what',
      defaultMessage:
        'This station signs its journals with a key kept in a file in its key folder{where}, protected only by this user’s file permissions, not by the operating system’s key store.',
      description: '{where} is " (folder path)" or empty',
    },
    protects: {
      id: 'components.key-notice.protects',
      defaultMessage:
        '<b>What that protects:</b> the key and the latest checkpoint of every journal live apart from the data folder, so a copy of the data folder alone cannot re-sign a forged journal, and a journal cut or replaced is found at the next start.',
      description: 'Key notice, what a key folder apart from the data folder protects',
    },
    not: {
      id: 'components.key-notice.not',
      defaultMessage:
        '<b>What it does not:</b> anyone who can read the key folder as this user (or as an administrator) can sign as this station.',
      description: 'Key notice, what it does not protect',
    },
  }),
);

const bold = (chunks: React.ReactNode[]) => <strong>{chunks}</strong>;

/**
 * One calm line in the status bar when the station's signing key is kept in a file (browser
 * mode, or Linux without a keyring) rather than the OS key store, with what that does and
 * does not protect behind a disclosure. Not an alarm: nothing is wrong that an officer can
 * act on, but whoever looks after the machine should know.
 */
export function KeyFileNotice({ protection }: { protection: KeyProtection | null | undefined }) {
  const say = useIntl().formatMessage;
  if (!protection || protection.protected) return null;
  const where = protection.keyDir ? ` (${protection.keyDir})` : '';
  return (
    <details className="key-notice">
      {/* Its whole line as a tooltip: the status bar may cut it short (layout.css). */}
      <summary title={say(M.summary)}>{say(M.summary)}</summary>
      <div className="key-notice-body">
        <p>{say(M.what, { where })}</p>
        <p>
          <FormattedMessage {...M.protects} values={{ b: bold }} />
        </p>
        <p>
          <FormattedMessage {...M.not} values={{ b: bold }} />
        </p>
        {/* The core's own words (with the cause Electron gave, where it gave one): English
            in every language, and marked so, so a screen reader reads it as English. */}
        {protection.warning && (
          <p className="small" lang="en-GB">
            {protection.warning}
          </p>
        )}
      </div>
    </details>
  );
}
