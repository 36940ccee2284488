/**
 * The screen's translator outside React (the store's announcements and form problems):
 * the language chosen now, read at the moment the words are made, so an announcement
 * is spoken in the language on screen when it is made.
 */
import { createIntl, createIntlCache, IntlErrorCode, type IntlShape } from '@formatjs/intl';
import { messagesFor } from '../../../shared/i18n/catalogues';
import { DEFAULT_LOCALE, type ScreenLocale } from '../../../shared/i18n/locale';
import { TIME_ZONE } from '../../../shared/i18n/translator';
import { langOf } from './LocaleProvider';
import { useLocaleStore } from './locale-store';

const cache = createIntlCache();
const made = new Map<ScreenLocale, IntlShape<string>>();

/**
 * A browser may lack Intl data for Welsh (Debian's Chromium has no "cy" number data):
 * numbers then format as en-GB, which writes them the same. That must not throw in the
 * middle of a store update, as shared/i18n/translator.ts does for any error but a missing
 * message, or an arriving alert would be lost from the screen.
 */
function onError(error: { code: string; message: string }) {
  if (error.code === IntlErrorCode.MISSING_TRANSLATION || error.code === IntlErrorCode.MISSING_DATA) return;
  console.error(error.message);
}

export function screenIntl(): IntlShape<string> {
  const locale = useLocaleStore.getState().locale;
  let intl = made.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale: langOf(locale),
        defaultLocale: DEFAULT_LOCALE,
        timeZone: TIME_ZONE,
        messages: messagesFor(locale),
        onError,
      },
      cache,
    );
    made.set(locale, intl);
  }
  return intl;
}

export { onError as screenIntlError };
