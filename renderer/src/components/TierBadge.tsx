import { defineMessages, useIntl, type MessageDescriptor } from 'react-intl';
import { SPACE } from './marks';
import type { Tier } from '../../../shared/feed/schemas';
import { TIER_MESSAGES } from '../../../shared/i18n/glossary';
import { TIER_ICON } from '../tiers';
import './tier.css';

/** What each tier asks of the officer, after the tier's name (the glossary's). */
const TIER_MEANING: Record<Tier, MessageDescriptor> = defineMessages({
  red: {
    id: 'components.tier-badge.red',
    defaultMessage: '{tier}: act now',
    description: 'Tier badge; {tier} is the tier name (Red): the most serious, act at once',
  },
  amber: {
    id: 'components.tier-badge.amber',
    defaultMessage: '{tier}: arrest',
    description: 'Tier badge; {tier} is the tier name (Amber): a person wanted for arrest',
  },
  green: {
    id: 'components.tier-badge.green',
    defaultMessage: '{tier}: intelligence',
    description: 'Tier badge; {tier} is the tier name (Green): an intelligence interest only',
  },
});

/** A tier as word, shape and colour together. */
export function TierBadge({ tier }: { tier: Tier }) {
  const intl = useIntl();
  return (
    <span className={`tier tier-${tier}`}>
      <span className="tier-icon" aria-hidden="true">
        {TIER_ICON[tier]}
      </span>
      {SPACE}
      {intl.formatMessage(TIER_MEANING[tier], { tier: intl.formatMessage(TIER_MESSAGES[tier]) })}
    </span>
  );
}
