import type { SafeguardWarning } from '../../../shared/view';

/** The deployment's safeguard warnings; serious ones are announced at once. */
export function SafeguardBanner({ safeguards }: { safeguards: SafeguardWarning[] }) {
  if (safeguards.length === 0) return null;
  const serious = safeguards.filter((s) => s.severity === 'serious');
  const others = safeguards.filter((s) => s.severity !== 'serious');
  const item = (s: SafeguardWarning) => (
    <li key={`${s.code}:${s.title}`} className={`safeguard severity-${s.severity}`}>
      <span className="safeguard-icon" aria-hidden="true">
        {s.severity === 'info' ? 'ℹ' : '⚠'}
      </span>
      <strong>{s.title}</strong> <span>{s.detail}</span>
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
