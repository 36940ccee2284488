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
