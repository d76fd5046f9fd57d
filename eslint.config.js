import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** How the layer rule is named in every message it gives. */
const LAYER_RULE = 'Layer rule (docs/ARCHITECTURE.md)';

/**
 * The composition root (docs/ARCHITECTURE.md): the only files allowed to open the database and build the HTTP
 * server, so the only ones outside src/app that import src/store and src/api. Keep this list short.
 */
export const COMPOSITION_ROOT = [
  'src/cli/cli-context.ts', // withWorkspace: opens the database for one command
  'src/cli/commands/serve.command.ts', // dxmon serve: the lock, the database, the server
  'src/cli/commands/openapi.command.ts', // dxmon openapi: builds the server on a database never opened
];

/**
 * One layer's block: files under src/<name> (or `files`) must not import the folders in `forbidden`, reached by
 * a relative path (`../store/…`, `../../store/…`) or from the root (`src/store/…`).
 */
function layer(name, forbidden, what, extra = [], files = [`src/${name}/**/*.ts`]) {
  const folders = forbidden.join('|');
  const message = `${LAYER_RULE}: src/${name} ${what}.`;
  return {
    files,
    rules: {
      // The same for `await import(…)`, which no-restricted-imports does not look at.
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression[source.value=/^(\\.\\.\\/)+(${folders})\\//]`,
          message,
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(?:(?:\\.\\./)+|(?:\\./)?src/)(?:${folders})(?:/|$)`,
              message,
            },
            ...extra,
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'web/dist/**',
      '.tmp/**',
      'bench/out/**',
      '.workspace-snapshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  // The layer rule (docs/ARCHITECTURE.md, "The dependency rule"), one block per folder of src/.
  layer(
    'domain',
    ['contract', 'store', 'io', 'app', 'api', 'cli'],
    'imports no other layer and nothing with side effects',
    [
      {
        group: ['node:*', 'fs', 'pg', 'fastify', '@electric-sql/*', 'exceljs'],
        message: `${LAYER_RULE}: src/domain is pure, no I/O and no framework.`,
      },
    ],
  ),
  layer('store', ['contract', 'io', 'app', 'api', 'cli'], 'imports only src/domain'),
  layer('io', ['contract', 'store', 'app', 'api', 'cli'], 'imports only src/domain'),
  // The answers' shapes, shared by the server that builds them and the web app that reads them: types only.
  layer('contract', ['store', 'io', 'app', 'api', 'cli'], 'holds types only and imports only src/domain'),
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'Program > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, ExpressionStatement, TSEnumDeclaration), ExportNamedDeclaration > :matches(VariableDeclaration, FunctionDeclaration, ClassDeclaration, TSEnumDeclaration)',
          message: `${LAYER_RULE}: src/contract holds types only (interfaces and type aliases); code goes in src/domain or src/app.`,
        },
        {
          selector: 'ImportExpression[source.value=/^(\\.\\.\\/)+(store|io|app|api|cli)\\//]',
          message: `${LAYER_RULE}: src/contract holds types only and imports only src/domain.`,
        },
      ],
    },
  },
  layer('app', ['api', 'cli'], 'imports src/domain, src/store and src/io, never src/api or src/cli'),
  layer(
    'api',
    ['store', 'io', 'cli'],
    'goes through src/app (use cases) and src/domain, never src/store or src/io',
  ),
  {
    ...layer(
      'cli',
      ['store', 'io', 'api'],
      'goes through src/app (use cases) and src/domain, never src/store, src/io or src/api',
    ),
    ignores: COMPOSITION_ROOT,
  },
  // The composition root opens the database and builds the server: it alone may import src/store and src/api.
  layer(
    'cli',
    ['io'],
    '(the composition root) wires src/store, src/app and src/api but reads no file format itself',
    [],
    COMPOSITION_ROOT,
  ),
  // The web app runs in the browser: of the server's code it may import only the pure rules (docs/web.md).
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:\\.\\./)+src/(?!domain/|contract/)',
              message: `${LAYER_RULE}: web/ imports only src/domain and src/contract of the server's code.`,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
