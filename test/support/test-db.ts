import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openPglite } from '../../src/store/pglite-db.js';
import { openPostgres } from '../../src/store/pg-db.js';

export type TestDbKind = 'pglite' | 'postgres';

/** The databases every store and use-case test runs on: PGlite always, the server where CI provides one. */
export const TEST_DB_KINDS: TestDbKind[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

// Unique per worker process and per call, even when one process runs several test files one after another.
let counter = 0;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, migrated, empty database of the given kind; close it when the test file ends. */
export async function createTestDb(kind: TestDbKind): Promise<Db> {
  if (kind === 'pglite') {
    const tar = readFileSync(inject('pgliteTemplate'));
    return openPglite({ loadDataDir: new Blob([tar]) });
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!serverUrl || !template) throw new Error('TEST_DATABASE_URL is not set');
  const templatePid = template.replace('dxmon_tpl_', '');
  const name = `dxmon_t_${templatePid}_${process.pid}_${++counter}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const db = openPostgres(withDatabase(serverUrl, name), { max: 4 });
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      // Not FORCE: every connection of this test database is closed by now, and a forced drop would
      // hide a test that leaks one.
      await cleanup.query(`DROP DATABASE IF EXISTS ${name}`);
      await cleanup.end();
    },
  });
}
