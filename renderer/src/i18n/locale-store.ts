/**
 * The language of this screen (issue 26). Chosen by the officer at sign-in and remembered
 * with the account (station accounts) or in this browser profile (training); until then,
 * the language last chosen in this profile. `?locale=en-XA` opens the pseudo-locale
 * (accented, 30% longer) for layout tests.
 */
import { create } from 'zustand';
import {
  DEFAULT_LOCALE,
  isLocale,
  PSEUDO_LOCALE,
  type Locale,
  type ScreenLocale,
} from '../../../shared/i18n/locale';

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
  /**
   * The officer chose the language on this screen since the last sign-in: the next
   * station-account sign-in carries it, to be remembered with the account. Otherwise the
   * sign-in sends none and the account's remembered language applies.
   */
  chosenHere: boolean;
  /** Change the language now and remember it in this browser profile. */
  chooseLocale: (locale: ScreenLocale) => void;
  /** After a sign-in: the account's language (if it has one) applies, and the choice is spent. */
  applyAccountLocale: (locale: Locale | null | undefined) => void;
}

export const useLocaleStore = create<LocaleState>((set) => ({
  locale: initialLocale(),
  chosenHere: false,
  chooseLocale: (locale) => {
    try {
      if (isLocale(locale)) window.localStorage.setItem(PROFILE_KEY, locale);
    } catch {
      // Remembering is a convenience; the choice still applies to this page.
    }
    set({ locale, chosenHere: true });
  },
  applyAccountLocale: (locale) =>
    set(isLocale(locale) ? { locale, chosenHere: false } : { chosenHere: false }),
}));

/** The language to send with a station-account sign-in: only one chosen on this screen. */
export function localeToRemember(): Locale | null {
  const { locale, chosenHere } = useLocaleStore.getState();
  return chosenHere && isLocale(locale) ? locale : null;
}
