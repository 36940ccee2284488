import { defineMessages, useIntl } from 'react-intl';

export type AppSection = 'live' | 'replay';

const LABELS = defineMessages({
  live: {
    id: 'reports.nav.live',
    defaultMessage: 'Live review',
    description: 'Top navigation: the live alert queue',
  },
  replay: {
    id: 'reports.nav.replay',
    defaultMessage: 'Replay',
    description: 'Top navigation: replay of past deployments',
  },
});
const SECTIONS: AppSection[] = ['live', 'replay'];

/** Top-level navigation, shown to supervisors only (officers have live review alone). */
export function SectionNav({
  section,
  onChange,
}: {
  section: AppSection;
  onChange: (s: AppSection) => void;
}) {
  const intl = useIntl();
  return (
    <nav
      aria-label={intl.formatMessage({
        id: 'reports.nav.sections',
        defaultMessage: 'Sections',
        description: 'Top navigation (landmark name)',
      })}
      className="section-nav"
    >
      <ul>
        {SECTIONS.map((s) => (
          <li key={s}>
            <button
              type="button"
              aria-current={section === s ? 'page' : undefined}
              onClick={() => onChange(s)}
            >
              {intl.formatMessage(LABELS[s])}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
