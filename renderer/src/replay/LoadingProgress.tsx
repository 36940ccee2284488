import type { ReplayProgress } from '../../../shared/contract';

const PHASE = { verifying: 'Verifying the journal and its images', loading: 'Loading the timeline' } as const;

/** Nothing is shown before the journal is verified; a long one shows how far it has got. */
export function LoadingProgress({
  progress,
  onCancel,
}: {
  progress: ReplayProgress | null;
  onCancel: () => void;
}) {
  const total = progress && progress.total > 0 ? progress.total : null;
  return (
    <section className="panel loading" aria-labelledby="loading-heading">
      <h2 id="loading-heading">Opening replay</h2>
      <p aria-live="polite">{progress ? PHASE[progress.phase] : 'Starting…'}</p>
      {total !== null && progress ? (
        <progress aria-label="Loading replay" max={total} value={Math.min(progress.done, total)} />
      ) : (
        <progress aria-label="Loading replay" />
      )}
      <p className="muted small">
        {total !== null && progress
          ? `${progress.done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} ${progress.phase === 'verifying' ? 'entries verified' : 'entries loaded'}`
          : ''}
      </p>
      <button type="button" onClick={onCancel}>
        Back to deployments
      </button>
    </section>
  );
}
