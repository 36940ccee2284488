/**
 * The message catalogues, flat (id → ICU message) for each language. English comes from
 * the code by `npm run i18n:extract`; Welsh is translated by hand in the same shape.
 * build/scripts/i18n.mjs (`npm run i18n:check`, and a unit test) keeps them complete.
 */
import componentsCy from './messages/components.cy.json';
import componentsEn from './messages/components.en-GB.json';
import glossaryCy from './messages/glossary.cy.json';
import glossaryEn from './messages/glossary.en-GB.json';
import liveCy from './messages/live.cy.json';
import liveEn from './messages/live.en-GB.json';
import roomCy from './messages/room.cy.json';
import roomEn from './messages/room.en-GB.json';
import reportsCy from './messages/reports.cy.json';
import reportsEn from './messages/reports.en-GB.json';
import stationCy from './messages/station.cy.json';
import stationEn from './messages/station.en-GB.json';
import { parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { type Locale, PSEUDO_LOCALE, type ScreenLocale } from './locale';
import { pseudoCatalogue } from './pseudo';

type Extracted = Readonly<Record<string, { defaultMessage: string; description?: string }>>;

const SOURCES: Record<Locale, Extracted[]> = {
  'en-GB': [glossaryEn, componentsEn, liveEn, roomEn, reportsEn, stationEn],
  cy: [glossaryCy, componentsCy, liveCy, roomCy, reportsCy, stationCy],
};

function flatten(catalogues: Extracted[]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const catalogue of catalogues)
    for (const [id, entry] of Object.entries(catalogue)) flat[id] = entry.defaultMessage;
  return flat;
}

const cache = new Map<ScreenLocale, Record<string, string>>();

/** Every message of one language, id → ICU message (built once per language). */
export function messagesFor(locale: ScreenLocale): Readonly<Record<string, string>> {
  let messages = cache.get(locale);
  if (!messages) {
    messages =
      locale === PSEUDO_LOCALE ? pseudoCatalogue(flatten(SOURCES['en-GB'])) : flatten(SOURCES[locale]);
    cache.set(locale, messages);
  }
  return messages;
}

const compiled = new Map<ScreenLocale, Record<string, MessageFormatElement[]>>();

/**
 * The same messages parsed once into FormatJS's syntax tree, for the screen. react-intl
 * then returns a message that is only words (three in four are) without formatting it at
 * all, and never parses one on the first render that shows it: traced on the first alert
 * after sign-in, parsing and the per-call formatting of plain strings were about a tenth
 * of the review pane's first render. Parsed as IntlMessageFormat parses a string itself
 * (tags on, with the locale for date skeletons), so what the screen shows is unchanged.
 */
export function compiledMessagesFor(
  locale: ScreenLocale,
  lang: string,
): Readonly<Record<string, MessageFormatElement[]>> {
  let messages = compiled.get(locale);
  if (!messages) {
    const parseLocale = new Intl.Locale(lang);
    messages = {};
    for (const [id, text] of Object.entries(messagesFor(locale)))
      messages[id] = parse(text, { ignoreTag: false, locale: parseLocale });
    compiled.set(locale, messages);
  }
  return messages;
}
