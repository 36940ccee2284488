export type AppSection = 'live' | 'replay';

const LABELS: Record<AppSection, string> = { live: 'Live review', replay: 'Replay' };

/** Top-level navigation, shown to supervisors only (officers have live review alone). */
export function SectionNav({
  section,
  onChange,
}: {
  section: AppSection;
  onChange: (s: AppSection) => void;
}) {
  return (
    <nav aria-label="Sections" className="section-nav">
      <ul>
        {(Object.keys(LABELS) as AppSection[]).map((s) => (
          <li key={s}>
            <button
              type="button"
              aria-current={section === s ? 'page' : undefined}
              onClick={() => onChange(s)}
            >
              {LABELS[s]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
