/**
 * Messages outside React (exports, reports, the station's refusals and alarms, the CLI):
 * a FormatJS `IntlShape` for one language, formatting in UK time (Europe/London) as the
 * screen does. In components, use react-intl's `useIntl()`, which gives the same shape.
 */
import { createIntl, createIntlCache, IntlErrorCode, type IntlShape } from '@formatjs/intl';
import { messagesFor } from './catalogues';
import { DEFAULT_LOCALE, type ScreenLocale } from './locale';

export type Translator = IntlShape<string>;

const cache = createIntlCache();
const translators = new Map<ScreenLocale, Translator>();

export const TIME_ZONE = 'Europe/London';

/**
 * Errors that are not errors here: a message missing from a catalogue (English stands in;
 * the catalogue test keeps them complete) and Intl data a runtime lacks (Debian's Chromium
 * has no Welsh number data: numbers then format as en-GB, which writes them the same).
 */
export const QUIET_INTL_ERRORS: readonly string[] = [
  IntlErrorCode.MISSING_TRANSLATION,
  IntlErrorCode.MISSING_DATA,
];

/** The translator for a language, made once. A missing message falls back to English. */
export function translatorFor(locale: ScreenLocale = DEFAULT_LOCALE): Translator {
  let intl = translators.get(locale);
  if (!intl) {
    intl = createIntl(
      {
        locale,
        defaultLocale: DEFAULT_LOCALE,
        timeZone: TIME_ZONE,
        messages: messagesFor(locale),
        onError: (error) => {
          if (!QUIET_INTL_ERRORS.includes(error.code)) throw error;
        },
      },
      cache,
    );
    translators.set(locale, intl);
  }
  return intl;
}
