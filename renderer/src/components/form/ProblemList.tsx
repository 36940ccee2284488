import './forms.css';
interface ProblemListProps {
  problems: readonly string[];
  id?: string;
  /** Words before the list ("Not ready to record:"). */
  intro?: string;
  /** role="alert" when the list appears in answer to an attempt. */
  announce?: boolean;
}

/** What stops a form from being sent, in words; nothing at all when there is nothing. */
export function ProblemList({ problems, id, intro, announce = false }: ProblemListProps) {
  return (
    <div id={id} className="blockers" role={announce && problems.length ? 'alert' : undefined}>
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
