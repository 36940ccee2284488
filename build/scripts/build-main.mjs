// Bundles the Electron main process and the preload script with esbuild.
//   dist/main/main.cjs       Node/CJS; runtime dependencies stay external (they ship in node_modules)
//   dist/preload/preload.cjs sandboxed preload: a sandbox can require little beyond 'electron',
//                            so everything else is bundled in, and zod must not be.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const requireFromRoot = createRequire(join(root, 'package.json'));

// Runtime dependencies stay external and load from node_modules, except ESM-only ones
// (no "require" export, e.g. canonicalize): main.cjs cannot require() them, so they are bundled.
const dependencies = Object.keys(pkg.dependencies ?? {}).filter((name) => {
  try {
    requireFromRoot.resolve(name);
    return true;
  } catch (error) {
    if (error?.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return false;
    throw error;
  }
});

// Electron 45's main process runs Node 22 or later; its renderer, a Chromium at or above 146.
export const MAIN_NODE_TARGET = 'node22';
export const PRELOAD_CHROME_TARGET = 'chrome146';

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  logLevel: 'warning',
  legalComments: 'none',
  metafile: true,
};

try {
  await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/main/main.cjs',
    platform: 'node',
    target: MAIN_NODE_TARGET,
    // image-decoder.ts finds its worker through __filename when bundled, import.meta only in source.
    logOverride: { 'empty-import-meta': 'silent' },
    external: ['electron', ...dependencies, ...dependencies.map((name) => `${name}/*`)],
  });

  // Feed images are decoded in full in a worker thread (electron/core/feed/image-decoder.ts).
  await build({
    ...common,
    entryPoints: ['electron/core/feed/image-decode-worker.ts'],
    outfile: 'dist/main/image-decode-worker.cjs',
    platform: 'node',
    target: MAIN_NODE_TARGET,
    // webp-pixels.ts resolves the WebAssembly through __filename when bundled, import.meta only in source.
    logOverride: { 'empty-import-meta': 'silent' },
    external: ['electron', ...dependencies, ...dependencies.map((name) => `${name}/*`)],
  });

  // The built-in training feed runs in a worker thread (electron/simulator/worker.ts).
  await build({
    ...common,
    entryPoints: ['electron/simulator/worker.ts'],
    outfile: 'dist/main/training-worker.cjs',
    platform: 'node',
    target: MAIN_NODE_TARGET,
    external: ['electron', ...dependencies, ...dependencies.map((name) => `${name}/*`)],
  });

  const preload = await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/preload/preload.cjs',
    platform: 'browser',
    // A floor, not the exact engine: Electron 41 already shipped Chromium 146, and we ship 45 (see README).
    target: PRELOAD_CHROME_TARGET,
    external: ['electron'],
  });
  const heavy = Object.keys(preload.metafile.inputs).filter((input) => input.includes('node_modules/'));
  if (heavy.length > 0) {
    console.error(
      `build-main: the sandboxed preload must not bundle packages, found:\n  ${heavy.join('\n  ')}`,
    );
    process.exit(1);
  }
} catch (error) {
  // esbuild has already printed its diagnostics (logLevel 'warning').
  if (!(error && typeof error === 'object' && 'errors' in error)) console.error(error);
  process.exit(1);
}
