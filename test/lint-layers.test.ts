import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer rule of docs/ARCHITECTURE.md as the linter enforces it (eslint.config.js): a file placed in a layer
// is linted with the project's configuration, and an import that crosses the rule fails naming it.

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** The layer-rule messages ESLint gives for `code` placed at `filePath`. */
async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  // Anything else wrong with the snippet would hide what the test is about.
  expect(messages.filter((m) => !m.ruleId?.startsWith('no-restricted-'))).toEqual([]);
  return messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (from: string) => `import { thing } from '${from}';\nexport const used = thing;\n`;

describe('the layer rule (eslint.config.js)', () => {
  it.each([
    ['src/api/routes/new.routes.ts', '../../store/units.queries.js', 'src/api'],
    ['src/api/new.ts', '../store/db.js', 'src/api'],
    ['src/api/routes/new.routes.ts', '../../io/export-values.js', 'src/api'],
    ['src/cli/commands/new.command.ts', '../../store/units.queries.js', 'src/cli'],
    ['src/cli/new.ts', '../store/open-database.js', 'src/cli'],
    ['src/cli/commands/new.command.ts', '../../api/server.js', 'src/cli'],
    ['src/store/new.queries.ts', '../app/context.js', 'src/store'],
    ['src/store/new.queries.ts', '../io/csv.js', 'src/store'],
    ['src/io/new.ts', '../store/db.js', 'src/io'],
    ['src/app/units/new.ts', '../../api/problem.js', 'src/app'],
    ['src/app/new.ts', '../cli/cli-context.js', 'src/app'],
    ['src/domain/new.ts', '../store/db.js', 'src/domain'],
    ['src/domain/new.ts', '../contract/tasks.js', 'src/domain'],
    ['src/store/new.queries.ts', '../contract/tasks.js', 'src/store'],
  ])('refuses %s importing %s', async (filePath, from, layer) => {
    const errors = await layerErrors(filePath, importing(from));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('no-restricted-imports');
    expect(errors[0]).toContain('Layer rule (docs/ARCHITECTURE.md)');
    expect(errors[0]).toContain(layer);
  });

  it('refuses a dynamic import across the rule too', async () => {
    const errors = await layerErrors(
      'src/api/routes/new.routes.ts',
      "export const queries = await import('../../store/units.queries.js');\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Layer rule \(docs\/ARCHITECTURE\.md\)/),
    ]);
  });

  it.each([
    ['src/api/routes/new.routes.ts', '../../app/units/list-units.js'],
    ['src/api/routes/new.routes.ts', '../../domain/unit-vocabulary.js'],
    ['src/api/routes/new.routes.ts', '../problem.js'],
    ['src/cli/commands/new.command.ts', '../../app/units/list-units.js'],
    ['src/cli/commands/new.command.ts', '../../domain/period.js'],
    ['src/cli/commands/new.command.ts', '../cli-context.js'],
    ['src/app/units/new.ts', '../../store/units.queries.js'],
    ['src/app/units/new.ts', '../../io/csv.js'],
    ['src/app/units/new.ts', '../../domain/unit-ref.js'],
    ['src/store/new.queries.ts', '../domain/unit-vocabulary.js'],
    ['src/store/new.queries.ts', './db.js'],
    ['src/io/new.ts', '../domain/period.js'],
    ['src/domain/new.ts', './period.js'],
    ['src/app/units/new.ts', '../../contract/tasks.js'],
    ['src/api/routes/new.routes.ts', '../../contract/session.js'],
  ])('allows %s importing %s', async (filePath, from) => {
    expect(await layerErrors(filePath, importing(from))).toEqual([]);
  });

  it('lets only the composition root open the database and build the server', async () => {
    const wiring = `${importing('../../store/open-database.js')}export const server = await import('../../api/server.js');\n`;
    expect(await layerErrors('src/cli/commands/serve.command.ts', wiring)).toEqual([]);
    expect(await layerErrors('src/cli/commands/openapi.command.ts', wiring)).toEqual([]);
    expect(await layerErrors('src/cli/cli-context.ts', importing('../store/open-database.js'))).toEqual([]);
    expect(await layerErrors('src/cli/commands/migrate.command.ts', wiring)).toHaveLength(2);
  });

  describe('src/contract: the answers’ shapes, types only', () => {
    const typeImport = (from: string) => `import type { Thing } from '${from}';\nexport type Used = Thing;\n`;

    it('allows types that import the domain', async () => {
      expect(await layerErrors('src/contract/new.ts', typeImport('../domain/period.js'))).toEqual([]);
      expect(
        await layerErrors('src/contract/new.ts', 'export interface Answer {\n  code: string;\n}\n'),
      ).toEqual([]);
    });

    it('refuses an import of a layer above the domain', async () => {
      const errors = await layerErrors('src/contract/new.ts', typeImport('../app/context.js'));
      expect(errors).toEqual([expect.stringContaining('src/contract holds types only')]);
    });

    it.each([
      ['a constant', 'export const LIMIT = 3;\n'],
      ['a function', 'export function answer(): number {\n  return 1;\n}\n'],
      ['a class', 'export class Answer {}\n'],
    ])('refuses %s', async (_what, code) => {
      expect(await layerErrors('src/contract/new.ts', code)).toEqual([
        expect.stringMatching(/^no-restricted-syntax: .*src\/contract holds types only/),
      ]);
    });
  });

  describe('web/: of the server’s code only src/domain and src/contract', () => {
    it.each([['../../../src/domain/period.js'], ['../../../src/contract/tasks.js']])(
      'allows web/src/api/new.ts importing %s',
      async (from) => {
        expect(await layerErrors('web/src/api/new.ts', importing(from))).toEqual([]);
      },
    );

    it('refuses web/src/api/new.ts importing src/app', async () => {
      const errors = await layerErrors(
        'web/src/api/new.ts',
        importing('../../../src/app/tasks/task-view.js'),
      );
      expect(errors).toEqual([expect.stringContaining('web/ imports only src/domain and src/contract')]);
    });
  });
});
