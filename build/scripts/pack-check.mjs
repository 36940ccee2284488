// npm run pack:check: packs the app as an unpacked Linux build, offline, against a
// placeholder Electron (the real binary is not downloaded here), then opens the
// resulting app.asar and checks that it holds the built app and nothing it should not.
// It builds nothing itself: run `npm run build` first (main, preload and renderer).
import { getRawHeader } from '@electron/asar';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const REQUIRED = [
  'dist/main/main.cjs',
  'dist/main/image-decode-worker.cjs',
  'dist/preload/preload.cjs',
  'dist/renderer/index.html',
  // Read at run time by the image decoder's worker (electron/core/feed/webp-pixels.ts).
  'node_modules/@jsquash/webp/codec/dec/webp_dec.wasm',
  // Embedded in Welsh and bilingual PDFs (electron/core/replay/pdf-fonts.ts), with their licence.
  'assets/fonts/DejaVuSans.ttf',
  'assets/fonts/DejaVuSans-Bold.ttf',
  'assets/fonts/LICENSE-DejaVu.txt',
];
/**
 * The JPEG decoders' native parts (electron/core/feed/jpeg-pixels.ts) and libsodium's
 * (electron/core/journal/ed25519.ts), for the platform packed here.
 */
const UNPACKED = [
  'node_modules/@julusian/jpeg-turbo/index.js',
  'node_modules/@julusian/jpeg-turbo/prebuilds/jpeg-turbo-linux-x64/node-napi-v7.node',
  'node_modules/@julusian/jpeg-turbo/prebuilds/jpeg-turbo-linux-x64/libturbojpeg.so.0',
  'node_modules/sharp/lib/index.js',
  'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node',
  'node_modules/@img/sharp-libvips-linux-x64/lib/libvips-cpp.so.8.17.3',
  'node_modules/sodium-native/index.js',
  'node_modules/sodium-native/prebuilds/linux-x64/sodium-native.node',
];

async function exists(path) {
  return (await stat(path).catch(() => null)) !== null;
}

function fail(lines) {
  console.error(`asar check: FAILED\n  ${lines.join('\n  ')}`);
  process.exit(1);
}

const missingBuild = [];
for (const file of REQUIRED) if (!(await exists(join(root, file)))) missingBuild.push(file);
if (missingBuild.length > 0)
  fail([...missingBuild.map((f) => `${f} is missing`), 'run `npm run build` first']);

// electron-builder copies an unpacked Electron from electronDist and renames its
// `electron` executable; a stub script is all the linux `dir` target needs.
const electronDist = await mkdtemp(join(tmpdir(), 'rs-electron-dist-'));
const electronVersion = JSON.parse(await readFile(require.resolve('electron/package.json'), 'utf8')).version;
await writeFile(
  join(electronDist, 'electron'),
  '#!/bin/sh\necho "placeholder Electron for pack:check" >&2\nexit 1\n',
);
await chmod(join(electronDist, 'electron'), 0o755);
await writeFile(join(electronDist, 'version'), electronVersion);

const cli = require.resolve('electron-builder/cli.js');
const args = [
  cli,
  '--linux',
  'dir',
  '--x64',
  '--config',
  'build/electron-builder.cjs',
  `-c.electronDist=${electronDist}`,
  '--publish',
  'never',
];
const output = [];
const code = await new Promise((resolveExit) => {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PACK_CHECK: '1',
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  child.on('close', resolveExit);
  child.on('error', (error) => {
    output.push(Buffer.from(String(error)));
    resolveExit(1);
  });
});
await rm(electronDist, { recursive: true, force: true });
if (code !== 0) {
  process.stderr.write(Buffer.concat(output));
  fail([`electron-builder exited with ${code}`]);
}

const asarPath = join(root, 'release', 'linux-unpacked', 'resources', 'app.asar');
if (!(await exists(asarPath))) fail([`${asarPath} was not produced`]);

// Walk the asar header for files only (directories have `files`, links `link`).
const unpacked = new Set();
function listFiles(node, prefix, out) {
  for (const [name, entry] of Object.entries(node.files ?? {})) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (entry.files) listFiles(entry, path, out);
    else {
      out.push(path);
      if (entry.unpacked) unpacked.add(path);
    }
  }
  return out;
}
const files = listFiles(getRawHeader(asarPath).header, '', []);

const problems = [];
for (const file of REQUIRED) if (!files.includes(file)) problems.push(`missing ${file}`);
// The decoders' native modules and libraries must be outside the asar (a native library cannot be
// loaded from inside it): listed in the header as unpacked, and present beside it.
for (const file of UNPACKED) {
  if (!files.includes(file)) problems.push(`missing ${file}`);
  else if (!unpacked.has(file)) problems.push(`${file} is inside the asar; it must be unpacked`);
  else if (!(await exists(join(`${asarPath}.unpacked`, file))))
    problems.push(`${file} is not in app.asar.unpacked`);
}
for (const file of files) {
  const inNodeModules = file.startsWith('node_modules/');
  if (!inNodeModules && /\.(ts|tsx|mts|cts)$/.test(file)) problems.push(`TypeScript source packed: ${file}`);
  if (/^(tests|docs)\//.test(file)) problems.push(`not part of the app: ${file}`);
  if (!inNodeModules && file.endsWith('.map')) problems.push(`source map packed: ${file}`);
  if (/^node_modules\/(cmake-js|node-api-headers|node-addon-api)\//.test(file))
    problems.push(`build-only package packed: ${file}`);
}
if (problems.length > 0) fail(problems);
console.log(`asar check: ok (${files.length} files)`);
