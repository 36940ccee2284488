import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The CSP allows only same-origin scripts and styles, so nothing may be inlined:
// no module-preload polyfill script and no data: URLs for assets.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
