import './forms.css';
interface ProblemListProps {
  problems: readonly string[];
  id?: string;
  /** Words before the list ("Not ready to record:"). */
  intro?: string;
  /** role="alert" when the list appears in answer to an attempt. */
  announce?: boolean;
  /** A short pane that scrolls: focusable (and named) so the keyboard reaches what is hidden. */
  scrollLabel?: string;
}

/** What stops a form from being sent, in words; nothing at all when there is nothing. */
export function ProblemList({ problems, id, intro, announce = false, scrollLabel }: ProblemListProps) {
  const scrolls = scrollLabel !== undefined && problems.length > 0;
  return (
    <div
      id={id}
      className="blockers"
      role={announce && problems.length ? 'alert' : scrolls ? 'region' : undefined}
      aria-label={scrolls ? scrollLabel : undefined}
      tabIndex={scrolls ? 0 : undefined}
    >
      {problems.length > 0 && (
        <>
          {intro && <p className="small">{intro}</p>}
          <ul className="problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
