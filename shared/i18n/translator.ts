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
        // The catalogue test fails on a missing message; at run time English stands in.
        onError: (error) => {
          if (error.code !== IntlErrorCode.MISSING_TRANSLATION) throw error;
        },
      },
      cache,
    );
    translators.set(locale, intl);
  }
  return intl;
}
