/**
 * The screen's translator outside React (the store's announcements and form problems):
 * the language chosen now, read at the moment the words are made, so an announcement
 * is spoken in the language on screen when it is made.
 */
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { compiledMessagesFor } from '../../../shared/i18n/catalogues';
import { DEFAULT_LOCALE, type ScreenLocale } from '../../../shared/i18n/locale';
import { TIME_ZONE } from '../../../shared/i18n/translator';
import { screenIntlError } from './intl-errors';
import { langOf } from './lang';
import { useLocaleStore } from './locale-store';

const cache = createIntlCache();
const made = new Map<ScreenLocale, IntlShape<string>>();

export function screenIntl(): IntlShape<string> {
  const locale = useLocaleStore.getState().locale;
  let intl = made.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale: langOf(locale),
        defaultLocale: DEFAULT_LOCALE,
        timeZone: TIME_ZONE,
        messages: compiledMessagesFor(locale, langOf(locale)),
        onError: screenIntlError,
      },
      cache,
    );
    made.set(locale, intl);
  }
  return intl;
}
