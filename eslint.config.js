// ESLint flat config. Type-aware typescript-eslint, plus the import rules of
// docs/architecture.md ("the shape of the house"), so a wrong import fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export const layerRules = {
  shared: {
    patterns: [
      {
        group: [
          '**/electron/**',
          '../electron',
          '../electron/*',
          '**/renderer/**',
          '../renderer',
          '../renderer/*',
        ],
        message: 'shared/ imports nothing from electron/ or renderer/.',
      },
    ],
    paths: [
      { name: 'electron', message: 'shared/ is pure TypeScript with no I/O.' },
      ...nodeBuiltins.map((name) => ({
        name,
        message: 'shared/ is pure TypeScript with no I/O: no Node built-ins.',
      })),
    ],
  },
  renderer: {
    patterns: [
      {
        group: ['**/electron/**', '../electron', '../../electron', '../../electron/*'],
        message: 'renderer/ never imports electron/ (talk to main through window.station).',
      },
    ],
    paths: [
      { name: 'electron', message: 'renderer/ never imports electron.' },
      ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ never imports Node built-ins.' })),
    ],
  },
  electron: {
    patterns: [
      {
        group: ['**/renderer/**', '../renderer', '../../renderer', '../renderer/*'],
        message: 'electron/ never imports renderer/.',
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ['node_modules', 'dist', 'release', 'coverage', 'build/scripts/*.mjs', 'tests/fixtures/lint/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.shared] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', layerRules.renderer] },
  },
  { files: ['electron/**/*.ts'], rules: { 'no-restricted-imports': ['error', layerRules.electron] } },
  {
    // No import cycles anywhere in the app: a part that needs its caller is two parts in one.
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked] },
);
