/**
 * Each runtime is type-checked with only its own types (tsconfig.{zone}.json, run by
 * `npm run typecheck`). This compiles small probes with each zone's real settings and
 * real files, so a config change (or a library that drags Node's types into the
 * renderer) that stops catching a wrong import or global fails here.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

type Probe = { label: string; code: string; allowed: boolean };

const NODE_MODULE = "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n";
const NODE_GLOBAL = "export const probe = Buffer.from('x');\n";
const TIMER = 'export const probe = setTimeout(() => undefined, 1);\n';
const DOM = 'export const probe = document.title;\n';
const ELECTRON = "import type { App } from 'electron';\nexport type Probe = App;\n";

const ZONES: Record<string, { dir: string; probes: Probe[] }> = {
  shared: {
    dir: 'shared',
    probes: [
      { label: 'a Node module', code: NODE_MODULE, allowed: false },
      { label: 'a Node global', code: NODE_GLOBAL, allowed: false },
      { label: 'a timer', code: TIMER, allowed: false },
      { label: 'the DOM', code: DOM, allowed: false },
      { label: 'electron', code: ELECTRON, allowed: false },
      { label: 'plain TypeScript', code: 'export const probe = [1, 2].at(-1);\n', allowed: true },
    ],
  },
  node: {
    dir: 'electron/core',
    probes: [
      { label: 'the DOM', code: DOM, allowed: false },
      { label: 'electron', code: ELECTRON, allowed: false },
      { label: 'a Node module', code: NODE_MODULE, allowed: true },
    ],
  },
  main: {
    dir: 'electron/main',
    probes: [
      { label: 'the DOM', code: DOM, allowed: false },
      { label: 'electron', code: ELECTRON, allowed: true },
      { label: 'a Node module', code: NODE_MODULE, allowed: true },
    ],
  },
  // Electron's own declarations reference Node's, so a preload that imports electron
  // sees Node's types too: its no-Node rule is kept by the lint (eslint.config.js) and
  // by build-main, which fails if the sandboxed preload bundles anything but itself.
  preload: {
    dir: 'electron/preload',
    probes: [
      { label: 'electron', code: ELECTRON, allowed: true },
      { label: 'the DOM', code: DOM, allowed: true },
    ],
  },
  renderer: {
    dir: 'renderer/src',
    probes: [
      { label: 'a Node module', code: NODE_MODULE, allowed: false },
      { label: 'a Node global', code: NODE_GLOBAL, allowed: false },
      { label: 'electron', code: ELECTRON, allowed: false },
      { label: 'the DOM', code: DOM, allowed: true },
    ],
  },
};

/** Type errors in each probe, compiled beside the zone's own files with the zone's settings. */
function probeErrors(zone: string, dir: string, probes: Probe[]): string[][] {
  const configPath = join(root, `tsconfig.${zone}.json`);
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const options = { ...parsed.options, incremental: false, tsBuildInfoFile: undefined };
  const virtual = new Map(probes.map((p, i) => [join(root, dir, `__runtime_probe_${i}.ts`), p.code]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, language, ...rest) => {
    const code = virtual.get(fileName);
    return code === undefined
      ? getSourceFile(fileName, language, ...rest)
      : ts.createSourceFile(fileName, code, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName) || fileExists(fileName);
  const program = ts.createProgram([...parsed.fileNames, ...virtual.keys()], options, host);
  return [...virtual.keys()].map((fileName) =>
    program
      .getSemanticDiagnostics(program.getSourceFile(fileName))
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
  );
}

describe('one runtime per tsconfig', () => {
  it.each(Object.entries(ZONES))(
    '%s: only its own runtime type-checks',
    (zone, { dir, probes }) => {
      const errors = probeErrors(zone, dir, probes);
      probes.forEach((probe, i) => {
        const what = `${zone} using ${probe.label}`;
        if (probe.allowed) expect(errors[i], what).toEqual([]);
        else expect(errors[i]!.length, `${what} should be a type error`).toBeGreaterThan(0);
      });
    },
    180_000,
  );
});
