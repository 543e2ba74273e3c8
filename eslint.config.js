import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import i18next from 'eslint-plugin-i18next';

// Layers by lint, not by goodwill (docs/decisions/011-layers.md). Each entry forbids imports of other layers, by alias
// (#db/...) or by relative path (../../db/...). Only runtime/ari/ talks to Asterisk (docs/decisions/003-ari-adapter.md,
// 022-own-ari-client.md): every entry also forbids the adapter's wire modules (its HTTP client and events WebSocket),
// except for runtime/ari/ itself. One entry applies to each file, because a later config object's settings of a rule
// replace an earlier one's.
const ARI_WIRE = {
  regex: '(^|/)ari/(ari-http-client|event-session)(\\.ts)?$',
  message: 'Talk to Asterisk through the adapter in runtime/ari/ (AriConnection).',
};
const layer = (name, why) => ({ regex: `^(#${name}/|(\\.\\./)+${name}/)`, message: why });
const RUNTIME_FORBIDS = ['app', 'server', 'cli'].map((name) =>
  layer(name, 'runtime/ runs calls; the web server and the CLI wire it, not the other way round.'),
);
const LAYERS = [
  {
    files: ['flows/**'],
    forbid: ['db', 'runtime', 'app', 'server', 'cli'].map((name) =>
      layer(name, 'flows/ is the pure flow language: it imports no other layer.'),
    ),
  },
  {
    files: ['db/**'],
    forbid: ['app', 'server', 'cli'].map((name) => layer(name, 'db/ serves the app, never the other way round.')),
  },
  {
    files: ['runtime/**'],
    ignores: ['runtime/ari/**', '**/*.test.ts'],
    forbid: RUNTIME_FORBIDS,
  },
  { files: ['runtime/ari/**'], forbid: RUNTIME_FORBIDS },
  {
    // Route modules are bundled for the browser too: they reach the database through .server.ts modules only.
    files: ['app/routes/**'],
    ignores: ['app/routes/**/*.server.ts', 'app/routes/**/*.test.ts'],
    forbid: [layer('db', 'Route modules reach the database through a .server.ts module.')],
    allowTypeImports: true,
  },
];
const layerRules = [
  {
    ignores: ['runtime/ari/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [ARI_WIRE] }] },
  },
  ...LAYERS.map(({ files, ignores = ['**/*.test.ts'], forbid, allowTypeImports = false }) => ({
    files,
    // Tests may check one layer against another (a template against the seed): the rules are for the code.
    ignores,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbid.map((pattern) => ({ ...pattern, allowTypeImports })),
            ...(files[0] === 'runtime/ari/**' ? [] : [ARI_WIRE]),
          ],
        },
      ],
    },
  })),
];

// Pages still to be moved to the catalogues (issue 13); the list shrinks to nothing.
const NOT_YET_TRANSLATED = [];

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', '.react-router/', 'data/', 'flows/flow.schema.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Formatting is Prettier's job (npm run format:check); lint keeps to correctness and layering.
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Keep `any` visible but allowed where outside data meets typed code.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  ...layerRules,
  {
    // The yardstick of bench:runtime is the smallest app written on plain ari-client, without our adapter.
    files: ['scripts/bench/minimal-ari-app.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // Every text a person reads comes from the catalogues (i18n/, docs/decisions/017-i18next.md): text between JSX
    // tags, and the attributes people read or hear (a tooltip, a screen reader's label, a placeholder).
    files: ['app/**/*.tsx'],
    ignores: ['**/*.test.tsx', ...NOT_YET_TRANSLATED],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': { include: ['title', 'aria-label', 'placeholder', 'alt', 'label', 'aria-description'] },
          'jsx-components': { exclude: ['Trans', 'code', 'kbd'] },
          // Symbols, numbers and codes (•, →, "SIP", "CSV", "#") read the same in every language.
          words: { exclude: ['[0-9!-/:-@[-`{-~\\s·•→←↑↓…×—–«»]+', '[A-Z0-9_-]+'] },
        },
      ],
    },
  },
);
