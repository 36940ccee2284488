import type { ResponseMap } from '../../../shared/contract';
import { SIGN } from './marks';
import type { SafeguardWarning } from '../../../shared/view';
import { AlarmResolve } from './AlarmResolve';
import { useIntl } from 'react-intl';
import { messageTable } from '../../../shared/message-table';
import { safeguardText } from '../../../shared/safeguard-messages';
import { defineMessages } from 'react-intl';

type Alarm = NonNullable<SafeguardWarning['alarm']>;

const M = messageTable(
  defineMessages({
    label: {
      id: 'components.safeguards.label',
      defaultMessage: 'Safeguards',
      description: 'Accessible name of the warnings',
    },
  }),
);

interface SafeguardBannerProps {
  safeguards: SafeguardWarning[];
  /** A supervisor's way to resolve an alarm only they clear; absent for anyone else. */
  onResolveAlarm?: (alarm: Alarm, note: string) => Promise<ResponseMap['resolveAlarm']>;
}

/** The deployment's safeguard warnings; serious ones are announced at once. */
export function SafeguardBanner({ safeguards, onResolveAlarm }: SafeguardBannerProps) {
  const intl = useIntl();
  if (safeguards.length === 0) return null;
  const serious = safeguards.filter((s) => s.severity === 'serious');
  const others = safeguards.filter((s) => s.severity !== 'serious');
  const item = (s: SafeguardWarning) => {
    const words = safeguardText(intl, s);
    const alarm = s.alarm;
    const titleId = alarm && `alarm-title-${alarm.kind}-${alarm.deploymentId ?? 'station'}`;
    return (
      <li
        key={`${s.code}:${s.alarm?.deploymentId ?? ''}:${s.title}`}
        className={`safeguard severity-${s.severity}`}
        // The whole warning on hover where the bar cuts its detail short (deployment-panel.css).
        title={[words.title, words.detail].filter(Boolean).join(' ')}
      >
        <span className="safeguard-icon" aria-hidden="true">
          {s.severity === 'info' ? SIGN.info : SIGN.warning}
        </span>
        <strong id={titleId}>{words.title}</strong> <span>{words.detail}</span>
        {alarm && titleId && onResolveAlarm && (
          <AlarmResolve
            alarm={alarm}
            words={words}
            titleId={titleId}
            onResolve={(note) => onResolveAlarm(alarm, note)}
          />
        )}
      </li>
    );
  };
  return (
    <section className="safeguards" aria-label={intl.formatMessage(M.label)}>
      {serious.length > 0 && (
        <div role="alert">
          <ul>{serious.map(item)}</ul>
        </div>
      )}
      {others.length > 0 && <ul>{others.map(item)}</ul>}
    </section>
  );
}
