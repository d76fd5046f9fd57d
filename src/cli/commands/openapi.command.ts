import { writeFileSync } from 'node:fs';
import { buildServer } from '../../api/server.js';
import { openPglite } from '../../store/pglite-db.js';
import type { RegisterCommand } from '../main.js';

/** The OpenAPI document as committed in docs/openapi.json (stable key order, trailing newline). */
export async function openApiDocument(): Promise<string> {
  const db = await openPglite();
  try {
    const app = await buildServer({ ctx: { db, now: () => new Date(0) } });
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await db.close();
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
