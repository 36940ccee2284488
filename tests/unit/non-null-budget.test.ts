/**
 * Non-null assertions (`x!`) are a lint error in new code; the files that still have
 * some are listed in non-null-budget.json with how many, and eslint.config.js lets only
 * those files have them. The count may fall, never rise: lower the number (or drop the
 * file) when you take some out, as this test tells you to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../helpers/import-graph';
import { nonNullAssertions } from '../helpers/non-null';

const root = join(import.meta.dirname, '..', '..');
const budget = JSON.parse(readFileSync(join(import.meta.dirname, 'non-null-budget.json'), 'utf8')) as Record<
  string,
  number
>;
const files = [
  ...sourceFiles(root, 'electron'),
  ...sourceFiles(root, 'shared'),
  ...sourceFiles(root, 'renderer/src'),
];

describe('non-null assertions in the source', () => {
  it('counts each one', () => {
    expect(nonNullAssertions(root, 'tests/fixtures/non-null/three.ts')).toBe(3);
  });

  it('only fall, file by file', () => {
    const counts = Object.fromEntries(files.map((f) => [f, nonNullAssertions(root, f)]));
    const over = files
      .filter((f) => counts[f]! > (budget[f] ?? 0))
      .map((f) => `${f}: ${counts[f]} > ${budget[f] ?? 0}`);
    expect(over, 'new non-null assertions: narrow the type instead').toEqual([]);
    const fallen = Object.keys(budget)
      .filter((f) => (counts[f] ?? 0) < budget[f]!)
      .map((f) => `${f}: now ${counts[f] ?? 0}`);
    expect(fallen, 'fewer than budgeted: lower tests/unit/non-null-budget.json to match').toEqual([]);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    process.stdout.write(`non-null assertions in the source: ${total}\n`);
  });
});
