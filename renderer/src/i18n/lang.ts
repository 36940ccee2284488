import { PSEUDO_LOCALE, type ScreenLocale } from '../../../shared/i18n/locale';

/** The BCP 47 tag for `lang`: the pseudo-locale is English underneath. */
export function langOf(locale: ScreenLocale): string {
  return locale === PSEUDO_LOCALE ? 'en-GB' : locale;
}
