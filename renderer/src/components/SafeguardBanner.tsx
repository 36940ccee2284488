import type { ResponseMap } from '../../../shared/contract';
import { SIGN } from './marks';
import type { SafeguardWarning } from '../../../shared/view';
import { useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { safeguardText } from '../../../shared/safeguard-messages';
import { defineMessages } from 'react-intl';
import { RollbackResolve } from './RollbackResolve';

const M = messageTable(
  defineMessages({
    label: {
      id: 'components.safeguards.label',
      defaultMessage: 'Safeguards',
      description: 'Accessible name of the warnings',
    },
  }),
);

interface SafeguardBannerProps {
  safeguards: SafeguardWarning[];
  /** A supervisor's way to resolve the rollback alarm; absent for anyone else. */
  onResolveRollback?: (note: string) => Promise<ResponseMap['resolveRollback']>;
}

/** The deployment's safeguard warnings; serious ones are announced at once. */
export function SafeguardBanner({ safeguards, onResolveRollback }: SafeguardBannerProps) {
  const intl = useIntl();
  if (safeguards.length === 0) return null;
  const serious = safeguards.filter((s) => s.severity === 'serious');
  const others = safeguards.filter((s) => s.severity !== 'serious');
  const item = (s: SafeguardWarning) => {
    const words = safeguardText(intl, s);
    return (
      <li key={`${s.code}:${s.title}`} className={`safeguard severity-${s.severity}`}>
        <span className="safeguard-icon" aria-hidden="true">
          {s.severity === 'info' ? SIGN.info : SIGN.warning}
        </span>
        <strong>{words.title}</strong> <span>{words.detail}</span>
        {s.code === 'journal-rollback' && onResolveRollback && (
          <RollbackResolve onResolve={onResolveRollback} />
        )}
      </li>
    );
  };
  return (
    <section className="safeguards" aria-label={intl.formatMessage(M.label)}>
      {serious.length > 0 && (
        <div role="alert">
          <ul>{serious.map(item)}</ul>
        </div>
      )}
      {others.length > 0 && <ul>{others.map(item)}</ul>}
    </section>
  );
}
