/** How a tier is shown: word, shape and colour together, never colour alone. */
import type { Tier } from '../../shared/feed/schemas';

/** Distinct shapes so the tier reads without colour: triangle, diamond, circle. */
export const TIER_ICON: Record<Tier, string> = { red: '▲', amber: '◆', green: '●' };
