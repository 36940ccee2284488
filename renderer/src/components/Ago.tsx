import { useIntl } from 'react-intl';
import { useStationNow } from '../state';
import { agoText } from './time-words';

/** "2 min ago" against the station clock; only this text re-renders as time passes. */
export function Ago({ iso }: { iso: string }) {
  const now = useStationNow(1000);
  return <>{agoText(useIntl(), iso, now)}</>;
}
