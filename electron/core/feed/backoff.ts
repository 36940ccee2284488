/** Exponential backoff with full jitter, capped: retries spread out and never hammer a server. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const random = policy.random ?? Math.random;
  // Half fixed, half random: never zero (no tight loop), still spread across stations.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
