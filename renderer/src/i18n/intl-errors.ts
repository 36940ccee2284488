import { IntlErrorCode } from '@formatjs/intl';

/**
 * A browser may lack Intl data for Welsh (Debian's Chromium has no "cy" number data):
 * numbers then format as en-GB, which writes them the same. That must not throw in the
 * middle of a store update, as shared/i18n/translator.ts does for any error but a missing
 * message, or an arriving alert would be lost from the screen. A missing message falls
 * back to English (the catalogue test keeps them complete).
 */
const QUIET: readonly string[] = [IntlErrorCode.MISSING_TRANSLATION, IntlErrorCode.MISSING_DATA];

export function screenIntlError(error: { code: string; message: string }): void {
  if (QUIET.includes(error.code)) return;
  console.error(error.message);
}
