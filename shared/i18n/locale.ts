/**
 * The languages the station speaks (issue 26): English and Welsh. The journal never
 * stores words, only codes, so a decision recorded in one language replays in the other.
 */
import { z } from 'zod';

export const LOCALES = ['en-GB', 'cy'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
export const DEFAULT_LOCALE: Locale = 'en-GB';

/**
 * Each language named in itself (an autonym), so a person who reads only that language
 * can find it in the chooser. Not translated, on purpose.
 */
export const LOCALE_NAMES: Record<Locale, string> = { 'en-GB': 'English', cy: 'Cymraeg' };

/**
 * A test-only pseudo-locale: the English messages accented and 30% longer
 * (shared/i18n/pseudo.ts), to find text that clips before a translator does.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type ScreenLocale = Locale | typeof PSEUDO_LOCALE;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A report's language: one of the two, or both side by side (as Welsh public bodies publish). */
const REPORT_LANGUAGES = ['en-GB', 'cy', 'both'] as const;
export const reportLanguageSchema = z.enum(REPORT_LANGUAGES);
export type ReportLanguage = z.infer<typeof reportLanguageSchema>;
