/**
 * A refused request in the officer's language (issue 26): the core's code and values said
 * now, in the language on screen (as the store's announcements are), or its English words
 * where the core sent no code.
 */
import { refusedText, type RequestRefusal } from '../../../shared/request-refusals';
import { screenIntl } from './screen-intl';

export function refusedWords(answer: { error: string; refusal?: RequestRefusal }): string {
  return refusedText(screenIntl(), answer);
}
