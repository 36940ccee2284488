/**
 * Issue 10 item 12: the Electron we ship is a supported major, pinned exactly, the same
 * everywhere it is named (package.json, the installed package, the builder, the README),
 * and the bundles we build target no newer engine than it has.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { devDependencies: Record<string, string> };
const pinned = pkg.devDependencies.electron!;

/** The oldest major we accept: Electron supports its latest three; 45 was the newest when this was written. */
const OLDEST_SUPPORTED_MAJOR = 43;

describe('the Electron we ship', () => {
  it('is pinned exactly to a supported major', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pinned.split('.')[0])).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
  });

  it('is the one installed, the one the builder packs, and the one the README names', () => {
    expect((require('electron/package.json') as { version: string }).version).toBe(pinned);
    expect((require('../../build/electron-builder.cjs') as { electronVersion: string }).electronVersion).toBe(
      pinned,
    );
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toContain(`Electron ${pinned}`);
  });

  it('builds main for its Node and the preload for no newer Chromium than it ships', () => {
    const script = readFileSync('build/scripts/build-main.mjs', 'utf8');
    expect(script).toMatch(/MAIN_NODE_TARGET = 'node22'/);
    const chrome = Number(/PRELOAD_CHROME_TARGET = 'chrome(\d+)'/.exec(script)?.[1]);
    // Electron 41 shipped Chromium 146; every later major ships a newer one.
    expect(chrome).toBeGreaterThanOrEqual(130);
    expect(chrome).toBeLessThanOrEqual(146);
  });
});
