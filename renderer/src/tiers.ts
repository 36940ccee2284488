/** How a tier is shown: word, shape and colour together, never colour alone. */
import type { Tier } from '../../shared/feed/schemas';
import { TIER_LABELS } from '../../shared/queue-order';

export const TIER_WORD: Record<Tier, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
/** Distinct shapes so the tier reads without colour: triangle, diamond, circle. */
export const TIER_ICON: Record<Tier, string> = { red: '▲', amber: '◆', green: '●' };
export const tierLabel = (tier: Tier) => TIER_LABELS[tier];
