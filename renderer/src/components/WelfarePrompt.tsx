import { defineMessages, useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { Dialog } from './Dialog';
import type { WelfareAction } from '../../../shared/vocabulary';

const M = messageTable(
  defineMessages({
    title: {
      id: 'components.welfare.title',
      defaultMessage: 'Time for a break',
      description: 'Welfare prompt title',
    },
    text: {
      id: 'components.welfare.text',
      defaultMessage: 'You have been reviewing for {duration}. Take a break or hand over.',
      description: 'Welfare prompt; {duration} is e.g. "45 minutes"',
    },
    taken: { id: 'components.welfare.taken', defaultMessage: 'Break taken', description: 'Button' },
    carryOn: {
      id: 'components.welfare.continue',
      defaultMessage: 'Continue',
      description: 'Button: carry on reviewing',
    },
  }),
);

interface WelfarePromptProps {
  minutes: number;
  onAction: (action: WelfareAction) => void;
}

/** Long unbroken review dulls judgement; main decides when, this only asks. */
export function WelfarePrompt({ minutes, onAction }: WelfarePromptProps) {
  const intl = useIntl();
  // "45 minutes" / "45 munud": the same words as shared/uk-time.ts minutesWords, in the reader's language.
  const duration = intl.formatNumber(Math.round(minutes), {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'long',
  });
  return (
    <Dialog titleId="welfare-title" describedBy="welfare-text" className="welfare">
      <h2 id="welfare-title">{intl.formatMessage(M.title)}</h2>
      <p id="welfare-text">{intl.formatMessage(M.text, { duration })}</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => onAction('break-taken')}>
          {intl.formatMessage(M.taken)}
        </button>
        <button type="button" onClick={() => onAction('continue')}>
          {intl.formatMessage(M.carryOn)}
        </button>
      </div>
    </Dialog>
  );
}
