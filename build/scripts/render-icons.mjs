// Renders build/icon.svg into the PNGs electron-builder packs:
//   build/icons/<n>x<n>.png for n in SIZES (Linux icon set; 1024 for macOS)
//   build/icon.png (512) for Windows and as the default.
// Uses a local Chromium through playwright-core (no download): set CHROMIUM_PATH if
// it is not /usr/bin/chromium. Run: node build/scripts/render-icons.mjs
import { chromium } from 'playwright-core';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const svg = await readFile(join(buildDir, 'icon.svg'), 'utf8');
const iconsDir = join(buildDir, 'icons');
await mkdir(iconsDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setContent(
      `<!doctype html><html><head><style>html,body{margin:0;padding:0;background:transparent}svg{display:block}</style></head><body>${sized}</body></html>`,
    );
    await page.screenshot({
      path: join(iconsDir, `${size}x${size}.png`),
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
  }
} finally {
  await browser.close();
}
await copyFile(join(iconsDir, '512x512.png'), join(buildDir, 'icon.png'));
console.log(`icons: ${SIZES.join(', ')} px written to build/icons, build/icon.png (512)`);
