/**
 * A report's words in its language (issue 26): English, Welsh, or both. A report built with
 * `ReportWords` says each heading, label and sentence once per language, as a list of
 * (language, text) parts in the order they are printed; the PDF writer prints each part
 * tagged with its language. Names, ids and figures stay plain strings (said once).
 *
 * "Both" prints the Welsh first and the English after it, as the Welsh Language
 * Standards ask of a bilingual document (Welsh not treated less favourably).
 */
import type { MessageDescriptor } from '@formatjs/intl';
import type { Locale, ReportLanguage } from '../../../shared/i18n/locale';
import { translatorFor, type Translator } from '../../../shared/i18n/translator';
import { ukDate, ukDateTime, ukShortTime, ukZone } from '../../../shared/uk-time';

export interface TextPart {
  lang: Locale;
  text: string;
}
/** Words in each of the report's languages, in printing order. */
export type Localised = readonly TextPart[];
/** A plain string is the same in every language (a name, an id, a figure). */
export type Text = string | Localised;

type Values = Record<string, string | number>;

function reportLocales(language: ReportLanguage): Locale[] {
  return language === 'both' ? ['cy', 'en-GB'] : [language];
}

/** The language the document as a whole is tagged with (Welsh for "both": it comes first). */
export const documentLang = (language: ReportLanguage): Locale => (language === 'both' ? 'cy' : language);

const WELSH_DATE_TIME = new Intl.DateTimeFormat('cy', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const WELSH_SHORT_TIME = new Intl.DateTimeFormat('cy', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});
const WELSH_DATE = new Intl.DateTimeFormat('cy', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

type Instant = string | number | null | undefined;

function welsh(f: Intl.DateTimeFormat, at: Instant, zone: boolean): string {
  const ms = typeof at === 'number' ? at : at ? Date.parse(at) : NaN;
  if (!Number.isFinite(ms)) return typeof at === 'string' ? at : '';
  // Intl's Welsh names BST "GMT+1"; the report says GMT or BST in both languages.
  return zone ? `${f.format(ms)} ${ukZone(ms)}` : f.format(ms);
}

/**
 * UK local time in a language. English is shared/uk-time.ts exactly ("29 Mar 2026,
 * 02:00:00 BST"); Welsh names the month in Welsh ("29 Maw 2026, 02:00:00 BST").
 */
export const reportTime = {
  dateTime: (locale: Locale, at: Instant) =>
    locale === 'cy' ? welsh(WELSH_DATE_TIME, at, true) : ukDateTime(at),
  shortTime: (locale: Locale, at: Instant) =>
    locale === 'cy' ? welsh(WELSH_SHORT_TIME, at, true) : ukShortTime(at),
  date: (locale: Locale, at: Instant) => (locale === 'cy' ? welsh(WELSH_DATE, at, false) : ukDate(at)),
};

export class ReportWords {
  readonly locales: readonly Locale[];

  constructor(readonly language: ReportLanguage = 'en-GB') {
    this.locales = reportLocales(language);
  }

  /** The same words built in each language (`say` gets that language's translator). */
  each(say: (intl: Translator, locale: Locale) => string): Localised {
    return this.locales.map((lang) => ({ lang, text: say(translatorFor(lang), lang) }));
  }

  /** One message in each language. */
  msg(descriptor: MessageDescriptor, values?: Values): Localised {
    return this.each((intl) => intl.formatMessage(descriptor, values));
  }

  /** A time in each language. */
  dateTime(at: Instant): Localised {
    return this.each((_, lang) => reportTime.dateTime(lang, at));
  }

  /** All languages on one line, for places with room for one string (alt text, document info). */
  joined(text: Text, separator = ' / '): string {
    return typeof text === 'string' ? text : distinct(text).join(separator);
  }

  /** The first language's words, where a report can say one thing only (a file's metadata). */
  first(text: Text): string {
    return typeof text === 'string' ? text : (text[0]?.text ?? '');
  }
}

/** The texts of a part list, a text said the same in both languages once. */
function distinct(parts: Localised): string[] {
  return [...new Set(parts.map((p) => p.text))];
}

/**
 * The parts to print: a plain string once, untagged; words that read the same in both
 * languages (a figure, "DPIA") once, in the first language.
 */
export function partsOf(text: Text): Array<{ lang: Locale | null; text: string }> {
  if (typeof text === 'string') return [{ lang: null, text }];
  const seen = new Set<string>();
  const out: Array<{ lang: Locale | null; text: string }> = [];
  for (const p of text)
    if (!seen.has(p.text)) {
      seen.add(p.text);
      out.push(p);
    }
  return out;
}
