// electron-builder configuration. `npm run dist` builds the installers;
// `npm run pack:check` (build/scripts/pack-check.mjs) packs an unpacked Linux app
// against a placeholder Electron and inspects the asar.

// pack:check has no real Electron binary (the download is skipped), and fuses live in
// the binary, so flipping them there would fail. PACK_CHECK=1 leaves the fuses out for
// that check only; every real build sets them.
const packCheck = process.env.PACK_CHECK === '1';

// The Electron we ship is the one pinned exactly in package.json (see README, "Electron
// and Chromium"); the builder is told so rather than left to guess from a range.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config: require is its import
const electronVersion = require('../package.json').devDependencies.electron;

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'uk.police.lfr.reviewstation',
  electronVersion,
  productName: 'Review Station',
  copyright: 'Review Station contributors',
  directories: { output: 'release', buildResources: 'build' },

  // Only the built app: bundled main and preload, the renderer, package.json, the report fonts.
  // electron-builder adds the production node_modules itself.
  files: [
    'dist/main/**',
    'dist/preload/**',
    'dist/renderer/**',
    'package.json',
    // The Welsh reports' font and its licence (electron/core/replay/pdf-fonts.ts).
    'assets/fonts/**',
    '!**/*.map',
    '!**/*.{ts,tsx,mts,cts}',
    // React, React DOM and zustand are compiled into the renderer bundle by Vite;
    // main never loads them, so the copies in node_modules would be dead weight.
    '!node_modules/{react,react-dom,scheduler,zustand}/**',
    // Only for building @julusian/jpeg-turbo from source where no prebuilt binary fits;
    // the app loads the prebuilt one.
    '!node_modules/{cmake-js,node-api-headers,node-addon-api}/**',
  ],
  asar: true,
  // The JPEG decoders (electron/core/feed/jpeg-pixels.ts) load native modules and libraries,
  // which cannot load from inside the asar: libjpeg-turbo's binding with its libturbojpeg,
  // and sharp with libvips. So does libsodium's binding, which checks checkpoint signatures
  // (electron/core/journal/ed25519.ts). They are unpacked beside it.
  asarUnpack: [
    '**/node_modules/@julusian/jpeg-turbo/**/*',
    '**/node_modules/sharp/**/*',
    '**/node_modules/@img/**/*',
    '**/node_modules/sodium-native/**/*',
  ],
  // Nothing to rebuild: every dependency is plain JavaScript except the two JPEG decoders
  // and libsodium's binding, whose native modules are Node-API (one binary for Node and
  // Electron alike), prebuilt per platform: sharp's in its @img/sharp-<platform> npm
  // packages, libjpeg-turbo's binding and sodium-native in their own prebuilds folders. No
  // network needed. A build for another platform installs that platform's sharp packages
  // first (npm install --os=win32 --cpu=x64).
  npmRebuild: false,
  nodeGypRebuild: false,
  publish: null,

  electronFuses: packCheck
    ? undefined
    : {
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        // The app is served from app://, never file://.
        grantFileProtocolExtraPrivileges: false,
      },

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    icon: 'build/icons',
    maintainer: 'Review Station team <review-station@example.invalid>',
    synopsis: 'Human review of Live Facial Recognition alerts',
    executableName: 'review-station',
  },
  deb: { packageCategory: 'misc', priority: 'optional' },
  win: { target: ['nsis'], icon: 'build/icons/256x256.png' },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.productivity', icon: 'build/icons/1024x1024.png' },
};
