import { writeFileSync } from 'node:fs';
import type { RegisterCommand } from '../main.js';
import { DeferredDb } from '../../store/deferred-db.js';

/**
 * The OpenAPI document as committed in docs/openapi.json (stable key order, trailing newline). Building the
 * server runs no query, so it gets a database that is never opened.
 */
export async function openApiDocument(): Promise<string> {
  // Loaded here, not at start-up: only serve and openapi need the web server.
  const { buildServer } = await import('../../api/server.js');
  const app = await buildServer({ ctx: { db: new DeferredDb('pglite'), now: () => new Date(0) } });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

export const registerOpenapi: RegisterCommand = (program, runtime) => {
  program
    .command('openapi')
    .description('Ghi tài liệu OpenAPI / write the OpenAPI document')
    .option('--out <file>', 'tệp đích / output file (default: stdout)')
    .action(async (options: { out?: string }) => {
      const text = await openApiDocument();
      if (options.out) writeFileSync(options.out, text);
      else runtime.output.stdout(text);
    });
};
