/**
 * Issue 26: nothing left behind. The English catalogues match the messages in the code,
 * Welsh has exactly the same messages with the same placeholders, a literal word in a
 * component fails lint, and the pseudo-locale is longer and still a valid message. Each
 * check is also run on a deliberately bad fixture, so a check that stops catching fails here.
 */
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_DIR,
  DOMAINS,
  catalogueProblems,
  domainOf,
  extractFromCode,
} from '../../build/scripts/i18n.mjs';
import { messagesFor } from '../../shared/i18n/catalogues';
import { pseudoMessage } from '../../shared/i18n/pseudo';
import { translatorFor } from '../../shared/i18n/translator';
import { TIER_MESSAGES } from '../../shared/i18n/glossary';

const root = join(import.meta.dirname, '..', '..');
const domains = DOMAINS.map((d: { domain: string }) => d.domain);

describe('message catalogues', () => {
  it('English matches the code and Welsh has every message, with the same placeholders', () => {
    expect(catalogueProblems(CATALOGUE_DIR, domains, extractFromCode())).toEqual([]);
  });

  it('a catalogue with a message missing, one extra and a renamed placeholder is caught', () => {
    const problems = catalogueProblems(join(root, 'tests/fixtures/i18n/bad-catalogue'), ['live'], null);
    expect(problems).toEqual(
      expect.arrayContaining([
        'live: live.signin.title is in English and not in Welsh',
        'live: live.status.extra is in Welsh and not in English',
        'live: live.status.feed uses {state} in English and {cyflwr} in Welsh',
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('English and Welsh have the same ids at run time, and Welsh words are used', () => {
    expect(Object.keys(messagesFor('cy')).sort()).toEqual(Object.keys(messagesFor('en-GB')).sort());
    expect(translatorFor('cy').formatMessage(TIER_MESSAGES.red)).toBe('Coch');
    expect(translatorFor('en-GB').formatMessage(TIER_MESSAGES.red)).toBe('Red');
  });

  it('each source folder has a catalogue', () => {
    expect(domainOf('renderer/src/replay/Replay.tsx')).toBe('reports');
    expect(domainOf('renderer/src/components/Queue.tsx')).toBe('components');
    expect(domainOf('renderer/src/live/Alarms.tsx')).toBe('live');
    expect(domainOf('shared/decision-rules.ts')).toBe('components');
    expect(domainOf('electron/core/station/requests.ts')).toBe('station');
    expect(domainOf('electron/core/replay/pdf.ts')).toBe('reports');
  });
});

describe('the pseudo-locale', () => {
  it('is accented, at least 30% longer, and keeps placeholders and plurals', () => {
    const english = '{count, plural, one {# alert} other {# alerts}} waiting for {name}';
    const pseudo = pseudoMessage(english);
    // As read: the same values in both (a message not in any catalogue shows its own text).
    const read = (message: string) =>
      translatorFor('en-GB').formatMessage(
        { id: 'test.only', defaultMessage: message },
        { count: 3, name: 'PC Rees' },
      );
    expect(read(pseudo).length).toBeGreaterThanOrEqual(Math.ceil(read(english).length * 1.3));
    expect(read(pseudo)).toContain('3 álérts ŵáítíñg fór PC Rees');
    expect(translatorFor('en-XA').formatMessage(TIER_MESSAGES.amber)).toMatch(/^\[Ámbér~+\]$/);
  });
});

describe('the lint rule', () => {
  // Snippets are not files on disk, which type-aware linting refuses; these rules need no types.
  const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
  const formatjsErrors = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, 'renderer/src/__i18n_fixture.tsx') });
    expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
    return result!.messages.filter((m) => m.ruleId?.startsWith('formatjs/')).map((m) => m.ruleId);
  };

  it('fails on a literal word in a component, in text and in a prop a person hears', async () => {
    expect(await formatjsErrors('export const A = () => <p>Waiting for review</p>;\n')).toEqual([
      'formatjs/no-literal-string-in-jsx',
    ]);
    expect(await formatjsErrors('export const B = () => <button aria-label="Close" />;\n')).toEqual([
      'formatjs/no-literal-string-in-jsx',
    ]);
  });

  it('fails on a message with no note for translators, and passes a complete one', async () => {
    const head = "import { useIntl } from 'react-intl';\n";
    expect(
      await formatjsErrors(
        `${head}export function C() {\n  const intl = useIntl();\n  return <p>{intl.formatMessage({ id: 'live.c', defaultMessage: 'Waiting' })}</p>;\n}\n`,
      ),
    ).toEqual(['formatjs/enforce-description']);
    expect(
      await formatjsErrors(
        `${head}export function D() {\n  const intl = useIntl();\n  return <p>{intl.formatMessage({ id: 'live.d', defaultMessage: 'Waiting', description: 'Queue' })}</p>;\n}\n`,
      ),
    ).toEqual([]);
  });
});

describe('the glossary', () => {
  it('docs/glossary.md lists every fixed term in both languages', () => {
    // Prettier pads the table's columns; compare with single spaces.
    const glossary = readFileSync(join(root, 'docs/glossary.md'), 'utf8').replace(/ +/g, ' ');
    const en = messagesFor('en-GB');
    const cy = messagesFor('cy');
    for (const id of Object.keys(en).filter((id) => id.startsWith('glossary.'))) {
      expect(glossary, id).toContain(`| ${en[id]} | ${cy[id]} |`);
    }
  });
});
