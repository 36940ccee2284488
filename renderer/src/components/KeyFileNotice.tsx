import type { KeyProtection } from '../../../shared/view';

/**
 * One calm line in the status bar when the station's signing key is kept in a file (browser
 * mode, or Linux without a keyring) rather than the OS key store, with what that does and
 * does not protect behind a disclosure. Not an alarm: nothing is wrong that an officer can
 * act on, but whoever looks after the machine should know.
 */
export function KeyFileNotice({ protection }: { protection: KeyProtection | null | undefined }) {
  if (!protection || protection.protected) return null;
  const where = protection.keyDir ? ` (${protection.keyDir})` : '';
  return (
    <details className="key-notice">
      <summary>Signing key kept in a file</summary>
      <div className="key-notice-body">
        <p>
          This station signs its journals with a key kept in a file in its key folder{where}, protected only
          by this user&apos;s file permissions, not by the operating system&apos;s key store.
        </p>
        <p>
          <strong>What that protects:</strong> the key and the latest checkpoint of every journal live apart
          from the data folder, so a copy of the data folder alone cannot re-sign a forged journal, and a
          journal cut or replaced is found at the next start.
        </p>
        <p>
          <strong>What it does not:</strong> anyone who can read the key folder as this user (or as an
          administrator) can sign as this station.
        </p>
        {protection.warning && <p className="small">{protection.warning}</p>}
      </div>
    </details>
  );
}
