import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/cli/commands/openapi.command.js';

const COMMITTED = new URL('../../docs/openapi.json', import.meta.url);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document and matches the committed docs/openapi.json (run `npm run openapi`)', async () => {
    const generated = await openApiDocument();
    const validator = new Validator();
    const result = await validator.validate(generated);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(generated).toBe(readFileSync(COMMITTED, 'utf8'));
  }, 60_000);

  it('describes every route with a summary and a Problem response for errors', async () => {
    const doc = JSON.parse(await openApiDocument()) as {
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(2);
    for (const { path, method, op } of operations) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      expect(
        Object.keys(op.responses).filter((status) => status.startsWith('2')),
        `${method} ${path}`,
      ).not.toEqual([]);
    }
  }, 60_000);
});
