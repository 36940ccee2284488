/** Queue order: red before amber before green, then oldest first, then feed order. */
import type { Tier } from './feed/schemas';

export const TIER_RANK: Record<Tier, number> = { red: 0, amber: 1, green: 2 };

interface Queueable {
  tier: Tier;
  capturedAt: string;
  seq: number;
}

export function compareQueue(a: Queueable, b: Queueable): number {
  return (
    TIER_RANK[a.tier] - TIER_RANK[b.tier] ||
    Date.parse(a.capturedAt) - Date.parse(b.capturedAt) ||
    a.seq - b.seq
  );
}
