import { ago } from '../format';
import { useStationNow } from '../state';

/** "2 min ago" against the station clock; only this text re-renders as time passes. */
export function Ago({ iso }: { iso: string }) {
  const now = useStationNow(1000);
  return <>{ago(iso, now)}</>;
}
