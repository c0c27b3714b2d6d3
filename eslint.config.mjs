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
  // Layers (docs/architecture.md#layer-rules). Each folder may import only what sits below it, so a change to a service never
  // ripples into the domain or the database, and the browser bundle never pulls in server code. Tests may reach
  // across (they drive whole flows), and db/seed is the demo loader: a caller of the services, like scripts/.
  // scripts/lint-boundaries.test.ts proves each rule fails on a violation.
  {
    files: ['server/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!(zod|libphonenumber-js/min|\\./.*|@/server/domain/.*)$)',
              message: 'server/domain is the shared, pure domain: it imports only server/domain, zod and libphonenumber-js (pure data and functions).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts', 'db/seed/**', 'db/migrations/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The domain's constant arrays feed the pg enums; env is the one reader of process.env.
              regex: '^(@/(?!(db|server/domain)/|server/env$)|(\\.\\./)+(server|components|app)(/|$))',
              message: 'db/ is the persistence layer: it never imports server/ (only server/domain and server/env).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/channels/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(@/server/services/|(\\.\\./)+services(/|$))',
              message: 'Channels are adapters the services call: they never import server/services.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@/server/(api/|realtime/events$)',
              allowTypeImports: true,
              message: 'The browser takes only types from the API and the realtime events (import type).',
            },
            {
              regex: '^(@/(?!components/|server/domain/|server/i18n/|server/api/|server/realtime/events$)|(\\.\\./)+(server|db|app)(/|$))',
              message: 'Components import components, server/domain, server/i18n, and only types from the API.',
            },
          ],
        },
      ],
    },
  },
);
