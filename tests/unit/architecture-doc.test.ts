/**
 * docs/architecture.md describes what exists: every source path it names (with its folder,
 * e.g. `electron/core/station/write.ts` or `core/station/write.ts`) is a file in the tree.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

/** Where a path the document writes short is found: as written, or under electron/ or renderer/src/. */
const BASES = ['', 'electron/', 'electron/core/', 'shared/', 'renderer/src/', 'renderer/'];
/** Outside the repository: the design every project shares (/work/shared). */
const OUTSIDE = new Set(['shared/DESIGN.md']);

function namedPaths(text: string): string[] {
  const found = text.match(/[\w.-]+(?:\/[\w.-]+)+\.(?:tsx?|mjs|json|md)\b/g) ?? [];
  return [...new Set(found)].filter((p) => !p.startsWith('http') && !p.includes('<'));
}

describe('docs/architecture.md', () => {
  it('names only files that exist', () => {
    const paths = namedPaths(doc);
    expect(paths.length).toBeGreaterThan(20);
    const missing = paths.filter(
      (p) => !OUTSIDE.has(p) && !BASES.some((base) => existsSync(join(root, base, p))),
    );
    expect(missing).toEqual([]);
  });
});
