/**
 * The screen's translator outside React (the store's announcements and form problems):
 * the language chosen now, read at the moment the words are made, so an announcement
 * is spoken in the language on screen when it is made.
 */
import { translatorFor, type Translator } from '../../../shared/i18n/translator';
import { useLocaleStore } from './locale-store';

export function screenIntl(): Translator {
  return translatorFor(useLocaleStore.getState().locale);
}
