// The message catalogues (issue 26): extract the English messages from the code and check
// that the Welsh catalogue has exactly the same messages.
//   node build/scripts/i18n.mjs extract   writes shared/i18n/messages/<domain>.en-GB.json
//   node build/scripts/i18n.mjs check     fails on a stale English catalogue, an id in one
//                                         language and not the other, a message that is not
//                                         valid ICU, or a translation whose placeholders differ
// English is the source: each message is written in the code with an id, the English text
// (defaultMessage) and a note for translators (description); `formatjs extract` collects them.
// Welsh is written by hand in <domain>.cy.json, in the same shape.
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CATALOGUE_DIR = join(root, 'shared', 'i18n', 'messages');
export const LOCALES = ['en-GB', 'cy'];

/**
 * Which catalogue a source file's messages go to, by path (the first match wins). One
 * catalogue per part of the house, so two people translating different parts do not edit
 * the same file.
 */
export const DOMAINS = [
  { domain: 'glossary', prefixes: ['shared/i18n/glossary.ts'] },
  {
    domain: 'reports',
    prefixes: [
      'shared/equality-',
      'shared/replay',
      'renderer/src/replay/',
      'electron/core/replay/',
      'electron/archive/',
      'electron/cli/',
    ],
  },
  { domain: 'components', prefixes: ['renderer/src/components/', 'shared/'] },
  { domain: 'room', prefixes: ['renderer/src/room/'] },
  { domain: 'live', prefixes: ['renderer/'] },
  { domain: 'station', prefixes: ['electron/'] },
];

const SOURCE_ROOTS = ['shared', 'renderer/src', 'electron'];

function sourceFiles() {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(join(root, dir))) {
      const path = `${dir}/${name}`;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
    }
  };
  SOURCE_ROOTS.forEach(walk);
  return files.sort();
}

export function domainOf(path) {
  return DOMAINS.find((d) => d.prefixes.some((p) => path.startsWith(p)))?.domain ?? null;
}

/** The English messages in the code, by domain: { domain: { id: { defaultMessage, description } } }. */
export function extractFromCode() {
  const byDomain = Object.fromEntries(DOMAINS.map((d) => [d.domain, []]));
  for (const file of sourceFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    // Only files that speak through the message API can hold messages.
    if (!/defaultMessage/.test(text)) continue;
    const domain = domainOf(file);
    if (domain) byDomain[domain].push(file);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'rs-i18n-'));
  try {
    return Object.fromEntries(
      Object.entries(byDomain).map(([domain, files]) => {
        if (files.length === 0) return [domain, {}];
        const list = join(scratch, `${domain}.txt`);
        const out = join(scratch, `${domain}.json`);
        writeFileSync(list, files.join('\n'));
        execFileSync(
          join(root, 'node_modules', '.bin', 'formatjs'),
          ['extract', '--in-file', list, '--out-file', out, '--throws', '--preserve-whitespace'],
          { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
        );
        return [domain, sortedById(JSON.parse(readFileSync(out, 'utf8')))];
      }),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function sortedById(catalogue) {
  return Object.fromEntries(
    Object.keys(catalogue)
      .sort()
      .map((id) => [id, catalogue[id]]),
  );
}

export function catalogueFile(dir, domain, locale) {
  return join(dir, `${domain}.${locale}.json`);
}

function readCatalogue(dir, domain, locale) {
  try {
    return JSON.parse(readFileSync(catalogueFile(dir, domain, locale), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

/** The argument names a message uses (placeholders, plurals, selects, tags), sorted. */
function argumentsOf(message) {
  const names = new Set();
  const visit = (elements) => {
    for (const e of elements) {
      if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time)
        names.add(e.value);
      if (e.type === TYPE.plural || e.type === TYPE.select) {
        names.add(e.value);
        Object.values(e.options).forEach((o) => visit(o.value));
      }
      if (e.type === TYPE.tag) {
        names.add(`<${e.value}>`);
        visit(e.children);
      }
    }
  };
  visit(parse(message));
  return [...names].sort().join(',');
}

/**
 * Every problem with the catalogues in `dir`, as sentences. `fromCode` (the extraction)
 * is compared with the English files when given.
 */
export function catalogueProblems(dir, domains, fromCode) {
  const problems = [];
  const seen = new Map();
  for (const domain of domains) {
    const english = readCatalogue(dir, domain, 'en-GB') ?? {};
    const welsh = readCatalogue(dir, domain, 'cy');
    if (welsh === null) problems.push(`${domain}: no Welsh catalogue (${domain}.cy.json)`);
    if (fromCode) {
      const code = fromCode[domain] ?? {};
      for (const id of Object.keys(code))
        if (!english[id] || english[id].defaultMessage !== code[id].defaultMessage)
          problems.push(
            `${domain}: ${id} in the code differs from ${domain}.en-GB.json (run npm run i18n:extract)`,
          );
      for (const id of Object.keys(english))
        if (!code[id]) problems.push(`${domain}: ${id} is in ${domain}.en-GB.json but no longer in the code`);
    }
    for (const id of Object.keys(english)) {
      if (!id.startsWith(`${domain}.`)) problems.push(`${domain}: ${id} should start with "${domain}."`);
      if (seen.has(id)) problems.push(`${id} is in both ${seen.get(id)} and ${domain}`);
      seen.set(id, domain);
      if (!english[id].description) problems.push(`${domain}: ${id} has no description for translators`);
    }
    if (welsh === null) continue;
    for (const id of Object.keys(english))
      if (!welsh[id]) problems.push(`${domain}: ${id} is in English and not in Welsh`);
    for (const id of Object.keys(welsh))
      if (!english[id]) problems.push(`${domain}: ${id} is in Welsh and not in English`);
    for (const id of Object.keys(english)) {
      if (!welsh[id]) continue;
      let en, cy;
      try {
        en = argumentsOf(english[id].defaultMessage);
      } catch (error) {
        problems.push(`${domain}: ${id} (English) is not valid ICU: ${error.message}`);
        continue;
      }
      try {
        cy = argumentsOf(welsh[id].defaultMessage);
      } catch (error) {
        problems.push(`${domain}: ${id} (Welsh) is not valid ICU: ${error.message}`);
        continue;
      }
      if (en !== cy) problems.push(`${domain}: ${id} uses {${en}} in English and {${cy}} in Welsh`);
    }
  }
  return problems;
}

function main(command) {
  const domains = DOMAINS.map((d) => d.domain);
  if (command === 'extract') {
    const fromCode = extractFromCode();
    for (const domain of domains) {
      const file = catalogueFile(CATALOGUE_DIR, domain, 'en-GB');
      writeFileSync(file, `${JSON.stringify(fromCode[domain], null, 2)}\n`);
      console.log(`${relative(root, file)}: ${Object.keys(fromCode[domain]).length} messages`);
    }
    return 0;
  }
  if (command === 'check') {
    const problems = catalogueProblems(CATALOGUE_DIR, domains, extractFromCode());
    for (const p of problems) console.error(p);
    console.log(problems.length ? `${problems.length} catalogue problems` : 'catalogues complete');
    return problems.length ? 1 : 0;
  }
  console.error('usage: node build/scripts/i18n.mjs extract|check');
  return 2;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv[2]);
