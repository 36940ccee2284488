import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import type { ReplayProgress } from '../../../shared/contract';

const M = defineMessages({
  verifying: {
    id: 'reports.loading.verifying',
    defaultMessage: 'Verifying the journal and its images',
    description: 'Opening a replay: first phase',
  },
  loading: {
    id: 'reports.loading.loading',
    defaultMessage: 'Loading the timeline',
    description: 'Opening a replay: second phase',
  },
  starting: {
    id: 'reports.loading.starting',
    defaultMessage: 'Starting…',
    description: 'Opening a replay: before any progress',
  },
  bar: { id: 'reports.loading.bar', defaultMessage: 'Loading replay', description: 'Progress bar name' },
  verified: {
    id: 'reports.loading.verified',
    defaultMessage: '{done} of {total} entries verified',
    description: 'Progress: journal entries verified so far of all',
  },
  loaded: {
    id: 'reports.loading.loaded',
    defaultMessage: '{done} of {total} entries loaded',
    description: 'Progress: journal entries loaded so far of all',
  },
});

/** How far a phase has got (the descriptor plain: both take the same values). */
const progressMessage = (phase: ReplayProgress['phase']): MessageDescriptor =>
  phase === 'verifying' ? M.verified : M.loaded;

/** Nothing is shown before the journal is verified; a long one shows how far it has got. */
export function LoadingProgress({
  progress,
  onCancel,
}: {
  progress: ReplayProgress | null;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const total = progress && progress.total > 0 ? progress.total : null;
  const bar = intl.formatMessage(M.bar);
  return (
    <section className="panel loading" aria-labelledby="loading-heading">
      <h2 id="loading-heading">
        <FormattedMessage
          id="reports.loading.heading"
          defaultMessage="Opening replay"
          description="Heading"
        />
      </h2>
      <p aria-live="polite">{intl.formatMessage(progress ? M[progress.phase] : M.starting)}</p>
      {total !== null && progress ? (
        <progress aria-label={bar} max={total} value={Math.min(progress.done, total)} />
      ) : (
        <progress aria-label={bar} />
      )}
      <p className="muted small">
        {total !== null && progress
          ? intl.formatMessage(progressMessage(progress.phase), {
              done: intl.formatNumber(progress.done),
              total: intl.formatNumber(total),
            })
          : ''}
      </p>
      <button type="button" onClick={onCancel}>
        <FormattedMessage
          id="reports.replay.back"
          defaultMessage="Back to deployments"
          description="Button: close the replay"
        />
      </button>
    </section>
  );
}
