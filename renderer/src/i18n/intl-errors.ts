import { QUIET_INTL_ERRORS } from '../../../shared/i18n/translator';

/**
 * The screen's Intl errors: the quiet ones as everywhere (shared/i18n/translator.ts); any
 * other is logged, never thrown, because it would be thrown in the middle of a store update
 * and an arriving alert would be lost from the screen.
 */
export function screenIntlError(error: { code: string; message: string }): void {
  if (QUIET_INTL_ERRORS.includes(error.code)) return;
  console.error(error.message);
}
