import { resolve } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import type { Db } from './db.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite-db.js';
import { openPostgres } from './pg-db.js';

/** Where the workspace lives: a PostgreSQL server, or an embedded directory (default ./data). */
export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'embedded'; dataDir: string };

export interface OpenedDatabase {
  db: Db;
  target: DatabaseTarget;
  /** Held while the embedded directory is open; null on a server. */
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/** The PGlite files sit in a subfolder so the lock file and the product's own files stay beside them. */
export function pgliteDir(dataDir: string): string {
  return resolve(dataDir, 'pgdata');
}

/**
 * Opens the workspace database and brings its schema up to date. An embedded directory is locked
 * first, so a second process is refused before it touches anything.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { command: string; migrate?: boolean } = { command: 'dxmon' },
): Promise<OpenedDatabase> {
  let lock: DataDirLock | null = null;
  let db: Db;
  if (target.kind === 'postgres') {
    db = openPostgres(target.url);
  } else {
    lock = acquireDataDirLock(resolve(target.dataDir), options.command);
    try {
      db = await openPglite({ dataDir: pgliteDir(target.dataDir) });
    } catch (error) {
      lock.release();
      throw error;
    }
  }
  try {
    if (options.migrate !== false) await migrate(db);
  } catch (error) {
    await db.close();
    lock?.release();
    throw error;
  }
  return {
    db,
    target,
    lock,
    async close() {
      await db.close();
      lock?.release();
    },
  };
}
