import { messageTable } from '../../../shared/message-table';
import { defineMessages, useIntl, type IntlShape } from 'react-intl';
import type { Integrity } from '../../../shared/replay';

const M = messageTable(
  defineMessages({
    verifiedOwnKey: {
      id: 'reports.integrity-badge.verified-own-key',
      defaultMessage: "Verified with the journal's own key",
      description: 'Integrity verdict: verified, but only with the key the journal itself carries',
    },
    verified: {
      id: 'reports.integrity-badge.verified',
      defaultMessage: 'Verified',
      description: 'Integrity verdict',
    },
    purged: {
      id: 'reports.integrity-badge.purged',
      defaultMessage: 'Images purged under retention',
      description: 'Integrity verdict: verified, the images deleted at the end of the retention period',
    },
    unsealedCount: {
      id: 'reports.integrity-badge.unsealed-count',
      defaultMessage: 'Unsealed: {count} unsigned from seq {seq}',
      description: 'Integrity verdict: the last entries are not signed; seq is the journal entry number',
    },
    unsealed: {
      id: 'reports.integrity-badge.unsealed',
      defaultMessage: 'Unsealed',
      description: 'Integrity verdict',
    },
    untrustedKey: {
      id: 'reports.integrity-badge.untrusted-key-named',
      defaultMessage: 'Untrusted key {fingerprint}',
      description: 'Integrity verdict: signed by a key not on the trust list',
    },
    untrusted: {
      id: 'reports.integrity-badge.untrusted-key',
      defaultMessage: 'Untrusted key',
      description: 'Integrity verdict: signed by a key not on the trust list',
    },
    tamperedAt: {
      id: 'reports.integrity-badge.tampered-at',
      defaultMessage: 'Tampered at seq {seq}: {reason}',
      description:
        'Integrity verdict: the journal fails verification at an entry; reason is the technical reason',
    },
    tamperedImages: {
      id: 'reports.integrity-badge.tampered-images',
      defaultMessage: 'Tampered: {problems}',
      description: 'Integrity verdict: images altered or missing',
    },
    imageProblems: {
      id: 'reports.integrity-badge.image-problems',
      defaultMessage: '{altered, plural, one {{n} image} other {{n} images}} altered, {missing} missing',
      description: 'How many images were altered and how many are missing',
    },
    notVerified: {
      id: 'reports.integrity-badge.not-verified',
      defaultMessage: 'Not verified yet',
      description: 'Integrity badge before the journal is verified',
    },
    untrustedBanner: {
      id: 'reports.integrity-badge.untrusted-banner',
      defaultMessage:
        "This journal is signed by key {fingerprint}, which is not on this station's trust list: nothing shows it came from station {station}.",
      description: 'Banner on every replay view of a journal signed by an unknown key',
    },
    tamperedBannerAt: {
      id: 'reports.integrity-badge.tampered-banner-at',
      defaultMessage:
        'This journal failed verification at seq {seq} ({reason}). What follows may not be what happened.',
      description: 'Banner on every replay view of a journal that failed verification at an entry',
    },
    tamperedBannerImages: {
      id: 'reports.integrity-badge.tampered-banner-images',
      defaultMessage: 'This journal failed verification ({problems}). What follows may not be what happened.',
      description: 'Banner on every replay view of a journal whose images failed verification',
    },
  }),
);

/** The verdict in a few words, the same wherever it is shown. */
function integrityText(intl: IntlShape, integrity: Integrity): string {
  switch (integrity.status) {
    case 'verified':
      return integrity.verdict?.kind === 'verified' && integrity.verdict.key.trust === 'journal-own-key'
        ? intl.formatMessage(M.verifiedOwnKey)
        : intl.formatMessage(M.verified);
    case 'purged':
      return intl.formatMessage(M.purged);
    case 'unsealed':
      return integrity.verdict?.kind === 'unsealed'
        ? intl.formatMessage(M.unsealedCount, {
            count: String(integrity.verdict.unsignedEntries),
            seq: String(integrity.verdict.firstUnsignedSeq),
          })
        : intl.formatMessage(M.unsealed);
    case 'untrusted-key':
      return integrity.verdict?.kind === 'untrusted-key'
        ? intl.formatMessage(M.untrustedKey, { fingerprint: integrity.verdict.key.fingerprint })
        : intl.formatMessage(M.untrusted);
    case 'tampered':
      return integrity.failure
        ? intl.formatMessage(M.tamperedAt, {
            seq: String(integrity.failure.seq),
            reason: integrity.failure.reason,
          })
        : intl.formatMessage(M.tamperedImages, { problems: imageProblems(intl, integrity) });
  }
}

function imageProblems(intl: IntlShape, integrity: Integrity): string {
  const { altered, missing } = integrity.images;
  return intl.formatMessage(M.imageProblems, { altered, n: String(altered), missing: String(missing) });
}

const ICON = { verified: '✓', tampered: '✕', purged: '◌', unsealed: '◔', 'untrusted-key': '✕' } as const;
/** Before a banner's words, hidden from screen readers (a variable: the lint rule reads literals as text). */
const WARNING_SIGN = '⚠ ';
const SPACE = ' ';

/** Verified, tampered or purged: a word and a shape as well as a colour. */
export function IntegrityBadge({ integrity }: { integrity: Integrity | null }) {
  const intl = useIntl();
  if (!integrity)
    return <span className="integrity integrity-unknown">{intl.formatMessage(M.notVerified)}</span>;
  return (
    <span className={`integrity integrity-${integrity.status}`}>
      <span aria-hidden="true">{ICON[integrity.status]}</span>
      {SPACE}
      {integrityText(intl, integrity)}
    </span>
  );
}

/** Carried by every replay screen of a journal that failed verification. */
export function TamperBanner({ integrity }: { integrity: Integrity }) {
  const intl = useIntl();
  let words: string | null = null;
  if (integrity.verdict?.kind === 'untrusted-key')
    words = intl.formatMessage(M.untrustedBanner, {
      fingerprint: integrity.verdict.key.fingerprint,
      station: integrity.verdict.key.stationId,
    });
  else if (integrity.status === 'tampered')
    words = integrity.failure
      ? intl.formatMessage(M.tamperedBannerAt, {
          seq: String(integrity.failure.seq),
          reason: integrity.failure.reason,
        })
      : intl.formatMessage(M.tamperedBannerImages, { problems: imageProblems(intl, integrity) });
  if (words === null) return null;
  return (
    <div className="tamper-banner" role="alert">
      <span aria-hidden="true">{WARNING_SIGN}</span>
      {words}
    </div>
  );
}
