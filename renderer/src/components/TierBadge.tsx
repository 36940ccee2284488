import type { Tier } from '../../../shared/feed/schemas';
import { TIER_ICON, tierLabel } from '../tiers';
import './tier.css';

/** A tier as word, shape and colour together. */
export function TierBadge({ tier }: { tier: Tier }) {
  return (
    <span className={`tier tier-${tier}`}>
      <span className="tier-icon" aria-hidden="true">
        {TIER_ICON[tier]}
      </span>{' '}
      {tierLabel(tier)}
    </span>
  );
}
