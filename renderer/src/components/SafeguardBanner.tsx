import type { ResponseMap } from '../../../shared/contract';
import type { SafeguardWarning } from '../../../shared/view';
import { RollbackResolve } from './RollbackResolve';

interface SafeguardBannerProps {
  safeguards: SafeguardWarning[];
  /** A supervisor's way to resolve the rollback alarm; absent for anyone else. */
  onResolveRollback?: (note: string) => Promise<ResponseMap['resolveRollback']>;
}

/** The deployment's safeguard warnings; serious ones are announced at once. */
export function SafeguardBanner({ safeguards, onResolveRollback }: SafeguardBannerProps) {
  if (safeguards.length === 0) return null;
  const serious = safeguards.filter((s) => s.severity === 'serious');
  const others = safeguards.filter((s) => s.severity !== 'serious');
  const item = (s: SafeguardWarning) => (
    <li key={`${s.code}:${s.title}`} className={`safeguard severity-${s.severity}`}>
      <span className="safeguard-icon" aria-hidden="true">
        {s.severity === 'info' ? 'ℹ' : '⚠'}
      </span>
      <strong>{s.title}</strong> <span>{s.detail}</span>
      {s.code === 'journal-rollback' && onResolveRollback && (
        <RollbackResolve onResolve={onResolveRollback} />
      )}
    </li>
  );
  return (
    <section className="safeguards" aria-label="Safeguards">
      {serious.length > 0 && (
        <div role="alert">
          <ul>{serious.map(item)}</ul>
        </div>
      )}
      {others.length > 0 && <ul>{others.map(item)}</ul>}
    </section>
  );
}
