/**
 * The source tree's import graph, read from the import statements themselves (type-only
 * imports, re-exports and dynamic import() included), for the structure tests. Only
 * relative specifiers are followed: packages are leaves.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every .ts/.tsx file under `dir`, as repository-relative paths with forward slashes. */
export function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs)) {
      const path = join(abs, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
        out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

/** The specifiers a module imports, comments stripped first so an example in prose is not an import. */
export function importSpecifiers(code: string): string[] {
  const bare = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...bare.matchAll(SPECIFIER)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

function resolveRelative(root: string, from: string, specifier: string): string | null {
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile())
      return relative(root, candidate).split(sep).join('/');
  }
  return null;
}

/** file -> the files it imports (relative imports only; unresolvable ones are reported). */
export function importGraph(
  root: string,
  files: readonly string[],
): { edges: Map<string, string[]>; unresolved: string[] } {
  const edges = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of files) {
    const targets: string[] = [];
    for (const specifier of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(root, file, specifier);
      if (target) targets.push(target);
      else unresolved.push(`${file} -> ${specifier}`);
    }
    edges.set(file, [...new Set(targets)]);
  }
  return { edges, unresolved };
}

/** Strongly connected components with more than one member (or a self-import): the cycles. */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!indices.has(v)) connect(v);
  return found;
}

/** The file graph folded onto folders: folder -> folders its files import (itself left out). */
export function folderGraph(
  edges: ReadonlyMap<string, readonly string[]>,
  folderOf: (file: string) => string | null,
): Map<string, Map<string, string>> {
  const folders = new Map<string, Map<string, string>>();
  for (const [from, targets] of edges) {
    const a = folderOf(from);
    if (!a) continue;
    for (const to of targets) {
      const b = folderOf(to);
      if (!b || a === b) continue;
      if (!folders.has(a)) folders.set(a, new Map());
      // One example import per arrow, for the failure message.
      if (!folders.get(a)!.has(b)) folders.get(a)!.set(b, `${from} -> ${to}`);
    }
  }
  return folders;
}
