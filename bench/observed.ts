/**
 * Observed groups (issue 27) for the outcomes the bench archive makes, so the transparency
 * report's equality section has figures to show and to hide: fixed by the deployment and
 * alert (the same every run), some outcomes with none (as from older stations), and one
 * rare group (three engagements) so that counts under 5 occur.
 */
import { createHash } from 'node:crypto';
import type { Observed } from '../shared/vocabulary';

const ETHNICITIES = ['white', 'white', 'white', 'white', 'asian', 'black', 'mixed'] as const;

/** `{ observed }` to spread into an outcome's data, or nothing. */
export function benchObserved(deploymentId: string, alert: number): { observed?: Observed } {
  const digest = createHash('sha256').update(`${deploymentId}/${alert}`).digest();
  const u = digest.readUInt32BE(0) / 2 ** 32;
  if (u < 0.05) return {};
  // Three engagements in a rare group, whatever the archive's size: a count the report hides.
  if (alert === 0 && /^DEP-000[123]$/.test(deploymentId))
    return { observed: { sex: 'female', ethnicity: 'other' } };
  return {
    observed: {
      sex: digest[4]! % 10 === 0 ? 'not-recorded' : digest[4]! % 2 === 0 ? 'female' : 'male',
      ethnicity: ETHNICITIES[digest[5]! % ETHNICITIES.length]!,
    },
  };
}
