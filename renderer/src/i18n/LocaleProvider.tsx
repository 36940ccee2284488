/**
 * Gives every component below it the messages of the chosen language (react-intl), and
 * keeps the document's `lang` in step so a screen reader speaks the right language.
 */
import { useEffect, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { compiledMessagesFor } from '../../../shared/i18n/catalogues';
import { DEFAULT_LOCALE, type ScreenLocale } from '../../../shared/i18n/locale';
import { TIME_ZONE } from '../../../shared/i18n/translator';
import { useLocaleStore } from './locale-store';
import { screenIntlError } from './intl-errors';
import { langOf } from './lang';

export function LocaleProvider({ children, locale }: { children: ReactNode; locale?: ScreenLocale }) {
  const chosen = useLocaleStore((s) => s.locale);
  const active = locale ?? chosen;
  useEffect(() => {
    document.documentElement.lang = langOf(active);
  }, [active]);
  return (
    <IntlProvider
      locale={langOf(active)}
      defaultLocale={DEFAULT_LOCALE}
      timeZone={TIME_ZONE}
      messages={compiledMessagesFor(active, langOf(active))}
      onError={screenIntlError}
    >
      {children}
    </IntlProvider>
  );
}
