import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', '.data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters to the React Compiler, which this app does not use (TanStack Virtual trips it).
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Every user-facing string lives in the message catalogs (server/i18n/catalogs): no text literals in JSX,
    // including aria-labels, titles and placeholders. Punctuation and the brand name may stand as they are.
    files: ['components/**/*.tsx', 'app/**/*.tsx'],
    plugins: { react },
    rules: {
      'react/jsx-no-literals': ['error', { allowedStrings: ['·', '—', '…', '“', '”', ':', '(', ')', '↩', '/', '*'] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label|buttonLabel)$/] > Literal',
          message: 'User-facing text belongs in the message catalogs (server/i18n/catalogs).',
        },
      ],
    },
  },
  { files: ['scripts/**', 'e2e/**', '.ci/**'], rules: { 'no-console': 'off' } },
);
