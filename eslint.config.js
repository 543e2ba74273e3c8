import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

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
      // ari-client and swagger responses are untyped in places; keep `any` visible but allowed at the adapter edge.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    // ari-client lives behind our adapter (docs/decisions/003-ari-adapter.md): nothing else may import it.
    ignores: ['runtime/ari/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'ari-client', message: 'Use the adapter in runtime/ari/.' }] },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'ari-client', message: 'Use the adapter in runtime/ari/.', allowTypeImports: false }] },
      ],
    },
  },
);
