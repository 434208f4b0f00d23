import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import pluginQuery from '@tanstack/eslint-plugin-query';
import globals from 'globals';

const features = readdirSync('src/features', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const modules = readdirSync('server/modules', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
/** Imports of `group` allowed for their types only. */
const typesOnlyFrom = (group, message) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group, allowTypeImports: true, message }] }],
});
const noImportsOf = (...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'data', '.bench', 'bench/anchor/dist'] },
  { files: ['bench/anchor/**'], languageOptions: { globals: { ...globals.browser } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
    },
  },
  // One-way imports: contract, components, lib → api → features → app.
  {
    files: ['src/components/**', 'src/lib/**'],
    rules: noImportsOf(
      [['**/api/**', '**/api'], 'shared code must not know about the API client'],
      [['**/features/**', '**/app/**'], 'shared code must not import features or the app shell'],
    ),
  },
  { files: ['src/api/**'], rules: noImportsOf([['**/features/**', '**/app/**'], 'the API client must not import UI']) },
  // The contract's schema module builds TypeBox schemas when loaded; the browser takes only its types.
  {
    files: ['src/**'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/contract/agents-api.ts'],
              allowTypeImports: true,
              message: 'import values from contract/client-envs.ts or contract/etag.ts; agents-api.ts loads TypeBox',
            },
          ],
        },
      ],
    },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: noImportsOf(
      [['**/app/**'], 'features must not import the app shell'],
      [
        features
          .filter((other) => other !== feature)
          .flatMap((other) => [`**/features/${other}/**`, `../${other}/**`, `../../${other}/**`]),
        'features never import each other: move shared code to components/ or lib/',
      ],
    ),
  })),
  { files: ['server/**'], rules: noImportsOf([['**/src/**'], 'the server must not import the app']) },
  // Server modules are wired together in server/app.ts: one may name another's types (what it is handed), never
  // import its code. Writes go through the write service (server/writes/), which is handed the repositories it uses.
  // (A rule of its own, so it adds to the one above rather than replacing it.)
  ...modules.map((module) => ({
    files: [`server/modules/${module}/**`],
    ignores: ['server/**/*.test.ts'],
    rules: typesOnlyFrom(
      modules.filter((other) => other !== module).flatMap((other) => [`../${other}/**`, `**/modules/${other}/**`]),
      'modules never import each other’s code: app.ts hands a module what it needs',
    ),
  })),
  {
    files: ['server/writes/**', 'server/upstream/**', 'server/state/**', 'server/store/**'],
    ignores: ['server/**/*.test.ts'],
    rules: typesOnlyFrom(
      ['**/modules/**'],
      'the write service, the upstream and the stores are handed the modules’ repositories (app.ts)',
    ),
  },
  // One block for the contract (a later block for the same files would replace this rule, not add to it).
  {
    files: ['contract/**'],
    rules: noImportsOf(
      [['**/src/**'], 'the contract is shared by server and console: it imports neither'],
      [['**/server/**'], 'the contract is shared by server and console: it imports neither'],
    ),
  },
);
