import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Three suites, run separately by `npm test` so each reports on its own.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [react()],
        resolve: {
          // Components speak through react-intl: every render gets the screen's LocaleProvider.
          alias: [
            {
              find: /^@testing-library\/react$/,
              replacement: new URL('./tests/component/testing-library.tsx', import.meta.url).pathname,
            },
          ],
        },
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['tests/component/setup.ts'],
          globals: true,
          // jsdom and React run several times slower on a busy machine (two cores, eight
          // engineers, or stress-ng): a form typed key by key took over 5 s there, and
          // 16 s with stress-ng --cpu 2 on top of eight engineers' work. A timed-out
          // test keeps running into the next one, so the limit is set for the worst case, not
          // the usual (docs/architecture.md, "Tests on a busy machine").
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
