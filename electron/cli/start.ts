/**
 * `npm start`: launch the Electron app; where the Electron binary is missing,
 * say why in one paragraph and run browser mode instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions, USAGE } from './options';
import { exitWithUsage, runBrowserMode } from './web';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

/** The Electron executable if its binary was downloaded at install time, else null. */
export function findElectronBinary(): string | null {
  try {
    const pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const NO_ELECTRON_MESSAGE =
  'The Electron binary is not installed, so the desktop window cannot open. npm installs the ' +
  'electron package without running its download script (install scripts are off by default in ' +
  'npm 11, and this project does not approve it, so `npm ci` works offline). To run the desktop ' +
  'app, fetch the binary once with internet access: `node node_modules/electron/install.js`. ' +
  'Starting browser mode instead: the same station core, served on 127.0.0.1 for a browser.';

const parsed = parseOptions(process.argv.slice(2));
if (!parsed.ok) exitWithUsage(parsed.error);
if (parsed.options.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const electron = findElectronBinary();
if (electron) {
  const child = spawn(electron, [ROOT, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(`${NO_ELECTRON_MESSAGE}\n`);
  runBrowserMode(parsed.options).catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
