import type { ResponseMap } from '../../../shared/contract';
import type { SafeguardWarning } from '../../../shared/view';
import { AlarmResolve } from './AlarmResolve';

type Alarm = NonNullable<SafeguardWarning['alarm']>;

interface SafeguardBannerProps {
  safeguards: SafeguardWarning[];
  /** A supervisor's way to resolve an alarm only they clear; absent for anyone else. */
  onResolveAlarm?: (alarm: Alarm, note: string) => Promise<ResponseMap['resolveAlarm']>;
}

/** The deployment's safeguard warnings; serious ones are announced at once. */
export function SafeguardBanner({ safeguards, onResolveAlarm }: SafeguardBannerProps) {
  if (safeguards.length === 0) return null;
  const serious = safeguards.filter((s) => s.severity === 'serious');
  const others = safeguards.filter((s) => s.severity !== 'serious');
  const resolveFor = (alarm: Alarm | undefined) =>
    alarm &&
    onResolveAlarm && <AlarmResolve alarm={alarm} onResolve={(note) => onResolveAlarm(alarm, note)} />;
  const item = (s: SafeguardWarning) => (
    <li
      key={`${s.code}:${s.alarm?.deploymentId ?? ''}:${s.title}`}
      className={`safeguard severity-${s.severity}`}
    >
      <span className="safeguard-icon" aria-hidden="true">
        {s.severity === 'info' ? 'ℹ' : '⚠'}
      </span>
      <strong>{s.title}</strong> <span>{s.detail}</span>
      {resolveFor(s.alarm)}
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
