import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FEATURES = ['public', 'coverage', 'planner', 'admin', 'data', 'mygrid'];

// The client reaches the server's code only through the contract (server/src/contract: wire
// formats both sides share, with no server dependencies).
const clientToServer = {
  regex: '(^|/)server/(?!src/contract/)',
  message: 'The client imports from the server only what is in server/src/contract.',
};

// Client features do not import each other: shared code goes to client/src/{map,api,i18n,ui}.
const featureBoundaries = FEATURES.map((feature) => {
  const others = FEATURES.filter((f) => f !== feature);
  return {
    files: [`client/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            clientToServer,
            ...others.map((other) => ({
              group: [`**/features/${other}`, `**/features/${other}/**`, `../${other}`, `../${other}/**`],
              message: `Features do not import each other: move what "${feature}" needs from "${other}" to client/src/ui, map, api or i18n.`,
            })),
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'client/dist/', '.data/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // A module cycle makes load order matter and hides a missing layer; the hooks rules catch
    // effects that read stale values and hooks called conditionally.
    files: ['client/src/**/*.{ts,tsx}', 'server/src/**/*.ts'],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // The shared layers (ui, map, api, i18n) serve the features and never reach into one.
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: [...FEATURES.map((feature) => `client/src/features/${feature}/**`), 'client/src/App.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            clientToServer,
            { group: ['**/features/**'], message: 'ui, map, api and i18n serve the features and do not import them.' },
          ],
        },
      ],
    },
  },
  ...featureBoundaries,
  {
    // The contract is bundled into the client: it depends on nothing of the server's.
    files: ['server/src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../**', 'node:*', 'express', 'pg', 'zod'], message: 'server/src/contract depends on nothing outside it.' }] },
      ],
    },
  },
);
