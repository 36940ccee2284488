import type { Integrity } from '../../../shared/replay';

/** The verdict in a few words, the same wherever it is shown. */
export function integrityText(integrity: Integrity): string {
  switch (integrity.status) {
    case 'verified':
      return integrity.verdict?.kind === 'verified' && integrity.verdict.key.trust === 'journal-own-key'
        ? "Verified with the journal's own key"
        : 'Verified';
    case 'purged':
      return 'Images purged under retention';
    case 'unsealed':
      return integrity.verdict?.kind === 'unsealed'
        ? `Unsealed: ${integrity.verdict.unsignedEntries} unsigned from seq ${integrity.verdict.firstUnsignedSeq}`
        : 'Unsealed';
    case 'untrusted-key':
      return integrity.verdict?.kind === 'untrusted-key'
        ? `Untrusted key ${integrity.verdict.key.fingerprint}`
        : 'Untrusted key';
    case 'tampered':
      return integrity.failure
        ? `Tampered at seq ${integrity.failure.seq}: ${integrity.failure.reason}`
        : `Tampered: ${imageProblems(integrity)}`;
  }
}

function imageProblems(integrity: Integrity): string {
  const { altered, missing } = integrity.images;
  return `${altered} image${altered === 1 ? '' : 's'} altered, ${missing} missing`;
}

const ICON = { verified: '✓', tampered: '✕', purged: '◌', unsealed: '◔', 'untrusted-key': '✕' } as const;

/** Verified, tampered or purged: a word and a shape as well as a colour. */
export function IntegrityBadge({ integrity }: { integrity: Integrity | null }) {
  if (!integrity) return <span className="integrity integrity-unknown">Not verified yet</span>;
  return (
    <span className={`integrity integrity-${integrity.status}`}>
      <span aria-hidden="true">{ICON[integrity.status]}</span> {integrityText(integrity)}
    </span>
  );
}

/** Carried by every replay screen of a journal that failed verification. */
export function TamperBanner({ integrity }: { integrity: Integrity }) {
  if (integrity.verdict?.kind === 'untrusted-key')
    return (
      <div className="tamper-banner" role="alert">
        <span aria-hidden="true">⚠ </span>
        This journal is signed by key {integrity.verdict.key.fingerprint}, which is not on this station&apos;s
        trust list: nothing shows it came from station {integrity.verdict.key.stationId}.
      </div>
    );
  if (integrity.status !== 'tampered') return null;
  const where = integrity.failure
    ? `at seq ${integrity.failure.seq} (${integrity.failure.reason})`
    : `(${imageProblems(integrity)})`;
  return (
    <div className="tamper-banner" role="alert">
      <span aria-hidden="true">⚠ </span>
      This journal failed verification {where}. What follows may not be what happened.
    </div>
  );
}
