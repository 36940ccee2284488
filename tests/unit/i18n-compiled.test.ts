/**
 * The screen's messages are parsed once into syntax trees (shared/i18n/catalogues.ts
 * compiledMessagesFor) instead of being parsed from strings on first use. This holds the
 * screen to the same words: every message of every screen language, formatted from its
 * tree and from its string with the same values, gives the same text.
 */
import { createIntl, createIntlCache } from '@formatjs/intl';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { compiledMessagesFor, messagesFor } from '../../shared/i18n/catalogues';
import { LOCALES, PSEUDO_LOCALE, type ScreenLocale } from '../../shared/i18n/locale';
import { TIME_ZONE } from '../../shared/i18n/translator';

type Value = string | number | Date | ((chunks: unknown[]) => string);

/** A value for every argument a message names, of the kind its syntax asks for. */
function valuesFor(elements: MessageFormatElement[], values: Record<string, Value> = {}) {
  for (const el of elements) {
    if (el.type === TYPE.argument) values[el.value] = `«${el.value}»`;
    else if (el.type === TYPE.number) values[el.value] = 1234.5;
    else if (el.type === TYPE.date || el.type === TYPE.time)
      values[el.value] = new Date(Date.UTC(2026, 11, 5, 17, 3));
    else if (el.type === TYPE.plural) {
      values[el.value] = 2;
      for (const option of Object.values(el.options)) valuesFor(option.value, values);
    } else if (el.type === TYPE.select) {
      values[el.value] = 'other';
      for (const option of Object.values(el.options)) valuesFor(option.value, values);
    } else if (el.type === TYPE.tag) {
      values[el.value] = (chunks) => `<${el.value}>${chunks.join('')}</${el.value}>`;
      valuesFor(el.children, values);
    }
  }
  return values;
}

const flat = (out: unknown) => (Array.isArray(out) ? out.join('') : String(out));

describe('the screen’s parsed messages', () => {
  for (const locale of [...LOCALES, PSEUDO_LOCALE] as ScreenLocale[]) {
    it(`say what the strings say, every message (${locale})`, () => {
      const lang = locale === PSEUDO_LOCALE ? 'en-GB' : locale;
      const errors: unknown[] = [];
      const common = {
        locale: lang,
        defaultLocale: 'en-GB',
        timeZone: TIME_ZONE,
        onError: (e: unknown) => errors.push(e),
      };
      const fromStrings = createIntl({ ...common, messages: messagesFor(locale) }, createIntlCache());
      const compiled = compiledMessagesFor(locale, lang);
      const fromTrees = createIntl({ ...common, messages: compiled }, createIntlCache());
      const ids = Object.keys(messagesFor(locale));
      expect(Object.keys(compiled).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const values = valuesFor(compiled[id]!);
        expect(flat(fromTrees.formatMessage({ id }, values)), id).toBe(
          flat(fromStrings.formatMessage({ id }, values)),
        );
      }
      expect(errors).toEqual([]);
    });
  }

  it('parse once per language', () => {
    expect(compiledMessagesFor('cy', 'cy')).toBe(compiledMessagesFor('cy', 'cy'));
  });
});
