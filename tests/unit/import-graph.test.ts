/**
 * The shape of the house on the real import graph (docs/architecture.md, "Import rules"):
 * every relative import of electron/, shared/ and renderer/src/, type-only ones included,
 * read from the files themselves. The lint catches an arrow as it is written
 * (eslint.config.js, folderZones); this holds the whole graph to it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, folderGraph, importGraph, importSpecifiers, sourceFiles } from '../helpers/import-graph';

const root = join(import.meta.dirname, '..', '..');

/** Which folder may import which; shared/ is open to all and imports none of them. */
const ALLOWED: Record<string, readonly string[]> = {
  shared: [],
  renderer: ['shared'],
  core: ['shared'],
  archive: ['core', 'shared'],
  transport: ['core', 'shared'],
  simulator: ['core', 'shared'],
  cli: ['core', 'archive', 'transport', 'simulator', 'shared'],
  main: ['core', 'archive', 'transport', 'simulator', 'cli', 'shared'],
  preload: ['shared'],
};

function folderOf(file: string): string | null {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('renderer/')) return 'renderer';
  return /^electron\/([^/]+)\//.exec(file)?.[1] ?? null;
}

const files = [
  ...sourceFiles(root, 'electron'),
  ...sourceFiles(root, 'shared'),
  ...sourceFiles(root, 'renderer/src'),
];
const { edges, unresolved } = importGraph(root, files);

describe('the import graph', () => {
  it('reads every kind of import, and only imports', () => {
    const code = [
      "import type { A } from './a';",
      "import { b, type B } from '../b';",
      "export * from './c';",
      "export { d } from './d';",
      "import './e.css';",
      "const f = await import('./f');",
      "// import { g } from './g';",
      "/* import { h } from './h'; */",
      "const text = 'see ./i';",
    ].join('\n');
    expect(importSpecifiers(code)).toEqual(['./a', '../b', './c', './d', './e.css', './f']);
  });

  it('finds a cycle, a self-import, and none in a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['d']],
      ['e', ['a']],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('resolves every relative import', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it('has no arrow running back up between the folders', () => {
    const wrong: string[] = [];
    for (const [from, targets] of folderGraph(edges, folderOf)) {
      for (const [to, example] of targets) {
        if (!(ALLOWED[from] ?? []).includes(to)) wrong.push(`${from} -> ${to} (${example})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const folders = new Map([...folderGraph(edges, folderOf)].map(([a, m]) => [a, [...m.keys()]]));
    expect(cycles(folders)).toEqual([]);
  });

  it('has no cycle between files, type imports included', () => {
    expect(cycles(edges).map((c) => c.join(' <-> '))).toEqual([]);
  });
});
