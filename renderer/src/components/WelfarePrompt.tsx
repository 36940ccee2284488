import { minutesWords } from '../../../shared/uk-time';
import { Dialog } from './Dialog';
import type { WelfareAction } from '../../../shared/vocabulary';

interface WelfarePromptProps {
  minutes: number;
  onAction: (action: WelfareAction) => void;
}

/** Long unbroken review dulls judgement; main decides when, this only asks. */
export function WelfarePrompt({ minutes, onAction }: WelfarePromptProps) {
  return (
    <Dialog titleId="welfare-title" describedBy="welfare-text" className="welfare">
      <h2 id="welfare-title">Time for a break</h2>
      <p id="welfare-text">You have been reviewing for {minutesWords(minutes)}. Take a break or hand over.</p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={() => onAction('break-taken')}>
          Break taken
        </button>
        <button type="button" onClick={() => onAction('continue')}>
          Continue
        </button>
      </div>
    </Dialog>
  );
}
