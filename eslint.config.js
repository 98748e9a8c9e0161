// Lint rules, including the workflow determinism boundary: workflow code may not import Node
// built-ins, vendor SDKs, activity/worker/client runtime code, or read the wall clock directly.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'tls',
  'child_process',
  'worker_threads',
  'dns',
  'stream',
  'zlib',
  'process',
  'timers',
  'events',
  'buffer',
  'readline',
  'cluster',
  'dgram',
];

const vendorSdks = ['jsforce', 'twilio', '@sendgrid/mail', '@sendgrid/client'].map((name) => ({
  name,
  message: 'vendor SDKs belong in activities/providers',
}));

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', '.herald/', 'bench/results/', 'test/replay/histories/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // node:test's test()/describe() return promises the runner itself awaits.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Only the config module reads the environment (convention 7); entry points hand it process.env.
    files: ['activities/**/*.ts', 'workflows/**/*.ts', 'client/**/*.{ts,tsx}'],
    ignores: ['client/cli/main.ts', 'client/codec/main.ts', 'client/api/main.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'read configuration through workers/config.ts',
        },
      ],
    },
  },
  {
    files: [
      'activities/**/*.ts',
      'workflows/**/*.ts',
      'client/**/*.{ts,tsx}',
      'workers/**/*.ts',
      'sandbox/**/*.ts',
      'scripts/**/*.ts',
    ],
    ignores: ['activities/providers/**', 'client/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: vendorSdks }],
    },
  },
  {
    // The data flows one way: the client triggers and acts, activities do I/O. The CLI's audit
    // commands read the store itself (the store is persistence, not activity code); the template
    // commands and routes use the registry's rules too (activities/templates: pure, no I/O).
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: vendorSdks,
          patterns: [
            {
              regex: '/activities/(?!store/|templates/)',
              message: 'the client never imports activities (only the store and the template rules)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins
              .flatMap((m) => [m, `node:${m}`])
              .map((name) => ({ name, message: 'workflow code must be deterministic: no Node built-ins' })),
            { name: 'jsforce', message: 'vendor SDKs belong in activities/providers' },
            { name: 'twilio', message: 'vendor SDKs belong in activities/providers' },
            { name: '@sendgrid/mail', message: 'vendor SDKs belong in activities/providers' },
            { name: '@electric-sql/pglite', message: 'the store belongs in activities/store' },
            { name: '@temporalio/activity', message: 'workflows do not import activity runtime code' },
            { name: '@temporalio/worker', message: 'workflows do not import worker code' },
            { name: '@temporalio/client', message: 'workflows do not import client code' },
          ],
          patterns: [
            {
              group: ['**/activities/**', '!**/activities/index.ts'],
              message: 'workflows import only the type of activities/index.ts',
            },
            {
              group: ['**/workers/**', '**/client/**', '**/sandbox/**'],
              message: 'workflows do not import process code',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use uuid4() or workflow state' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'use sleep() from @temporalio/workflow' },
        { name: 'setInterval', message: 'use sleep() in a loop' },
        { name: 'process', message: 'no process access in workflow code' },
      ],
    },
  },
);
