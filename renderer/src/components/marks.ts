/**
 * Spaces, separators and signs placed between messages. They are not words (the lint rule
 * on literal text cannot tell), read the same in English and Welsh, and are kept here so
 * every literal on screen is either a message or one of these.
 */
export const SPACE = ' ';
/** Between facts on one line. */
export const DOT = ' · ';
/** Between items of a list on one line. */
export const LIST_SEP = '; ';
/** Between keys pressed together (Ctrl + Enter). */
export const KEY_PLUS = ' + ';
/** Signs shown beside words that say the same (aria-hidden). */
export const SIGN = { minus: '−', plus: '+', warning: '⚠', info: 'ℹ', tick: ' ✓' } as const;
