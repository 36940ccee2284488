/**
 * The language of this screen (issue 26). Chosen by the officer at sign-in and remembered
 * with the account (station accounts) or in this browser profile (training); until then,
 * the language last chosen in this profile. `?locale=en-XA` opens the pseudo-locale
 * (accented, 30% longer) for layout tests.
 */
import { create } from 'zustand';
import { DEFAULT_LOCALE, isLocale, PSEUDO_LOCALE, type ScreenLocale } from '../../../shared/i18n/locale';

const PROFILE_KEY = 'review-station.locale';

function initialLocale(): ScreenLocale {
  try {
    const asked = new URLSearchParams(window.location.search).get('locale');
    if (asked === PSEUDO_LOCALE || isLocale(asked)) return asked;
    const remembered = window.localStorage.getItem(PROFILE_KEY);
    if (isLocale(remembered)) return remembered;
  } catch {
    // No storage (a locked-down profile): English until someone chooses.
  }
  return DEFAULT_LOCALE;
}

interface LocaleState {
  locale: ScreenLocale;
  /** Change the language now and remember it in this browser profile. */
  chooseLocale: (locale: ScreenLocale) => void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  chooseLocale: (locale) => {
    try {
      if (isLocale(locale)) window.localStorage.setItem(PROFILE_KEY, locale);
    } catch {
      // Remembering is a convenience; the choice still applies to this page.
    }
    set({ locale });
  },
}));
