/** Words the replay screens share. */
import { duration } from '../format';

/** Time to decision to a tenth of a second while short, as the statistics give it. */
export function ttdText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'not decided';
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  return duration(ms);
}

export const decisionWord = (d: string) => (d === 'engage' ? 'Engage' : d === 'no-engage' ? 'No engage' : d);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
