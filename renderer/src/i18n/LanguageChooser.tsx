/**
 * "Language / Iaith" on the sign-in screen (issue 26): English or Cymraeg, each named in
 * itself and marked with its own `lang`, so a reader of either finds it and a screen reader
 * speaks it right. The choice applies at once; a station account remembers it at sign-in.
 */
import { LOCALE_NAMES, LOCALES, isLocale, type Locale } from '../../../shared/i18n/locale';
import { RadioGroup } from '../components/form/RadioGroup';
import { useLocaleStore } from './locale-store';

/** Both languages at once, on purpose: the chooser is for someone who cannot read the other. */
const CHOOSER_NAME = 'Language / Iaith';

const OPTIONS = LOCALES.map((locale) => ({
  value: locale,
  label: <span lang={locale}>{LOCALE_NAMES[locale]}</span>,
}));

export function LanguageChooser() {
  const locale = useLocaleStore((s) => s.locale);
  const chooseLocale = useLocaleStore((s) => s.chooseLocale);
  return (
    <RadioGroup<Locale>
      name="language"
      legend={CHOOSER_NAME}
      options={OPTIONS}
      value={isLocale(locale) ? locale : null}
      onChange={chooseLocale}
      className="language-chooser"
    />
  );
}
