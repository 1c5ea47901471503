import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FEATURES = ['public', 'coverage', 'planner', 'admin', 'data'];

// Client features do not import each other: shared code goes to client/src/{map,api,i18n,ui}.
const featureBoundaries = FEATURES.map((feature) => {
  const others = FEATURES.filter((f) => f !== feature);
  return {
    files: [`client/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: others.map((other) => ({
            group: [`**/features/${other}`, `**/features/${other}/**`, `../${other}`, `../${other}/**`],
            message: `Features do not import each other: move what "${feature}" needs from "${other}" to client/src/ui, map, api or i18n.`,
          })),
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
  ...featureBoundaries,
);
