import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// Imports point one way: ui → state → worker → core, and cli → core (see DESIGN.md).
const uiLibraries = [
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'core/ is pure: no React.' },
  { group: ['@xyflow/*'], message: 'core/ is pure: no React Flow.' },
  {
    group: ['monaco-editor', 'monaco-editor/*', '@monaco-editor/*'],
    message: 'core/ is pure: no Monaco.',
  },
  { group: ['zustand', 'zustand/*'], message: 'core/ is pure: no zustand.' },
]
const layer = (name, message) => ({ group: [`**/${name}`, `**/${name}/**`], message })

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'test-results-*',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/**/testing/**'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...uiLibraries,
            { group: ['node:*'], message: 'core/ runs in the browser too: no Node APIs.' },
            layer('ui', 'core/ must not import ui/.'),
            layer('state', 'core/ must not import state/.'),
            layer('worker', 'core/ must not import worker/.'),
            layer('cli', 'core/ must not import cli/.'),
          ],
        },
      ],
      // Deterministic by construction: time comes from the injected clock, randomness from a seed.
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'core/ has no timers: use the injected clock.' },
        { name: 'setInterval', message: 'core/ has no timers: use the injected clock.' },
        { name: 'window', message: 'core/ has no DOM.' },
        { name: 'document', message: 'core/ has no DOM.' },
        { name: 'process', message: 'core/ runs in the browser too.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the injected clock.' },
        { object: 'Math', property: 'random', message: 'Use the seeded random source.' },
        { object: 'performance', property: 'now', message: 'Use the injected clock.' },
      ],
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    ignores: ['src/worker/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...uiLibraries.slice(0, 3),
            layer('ui', 'worker/ must not import ui/.'),
            layer('state', 'worker/ must not import state/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    ignores: ['src/state/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('ui', 'state/ must not import ui/.')] },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...uiLibraries,
            layer('ui', 'cli/ uses core/ only.'),
            layer('state', 'cli/ uses core/ only.'),
          ],
        },
      ],
    },
  },
)
