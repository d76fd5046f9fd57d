import { join, resolve } from 'node:path';
import { AppError } from '../domain/app-error.js';
import { acquireDataDirLock, isAlive, LOCK_FILE, readHolder, type DataDirLock } from './data-dir-lock.js';
import {
  isSharedSocket,
  shareEmbeddedDatabase,
  socketConnection,
  type SharedSocket,
} from './embedded-server.js';
import type { Db } from './db.js';
import { listMigrations, migrate, migrationChecksum, type MigrationReport } from './migrate.js';
import { openPglite } from './pglite-db.js';
import { openPostgres } from './pg-db.js';

/**
 * Where the workspace lives: a PostgreSQL server, an embedded directory (default ./data), or the
 * embedded directory a running `dxmon serve` holds, reached through that server (`--server URL`).
 */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; serverUrl: string; dataDir: string };

export interface OpenedDatabase {
  db: Db;
  close(): Promise<void>;
  /** What migrating did when it opened (null when it was opened without migrating). */
  migration: MigrationReport | null;
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
  options: { command: string; migrate?: boolean; share?: boolean; lock?: DataDirLock } = { command: 'dxmon' },
): Promise<OpenedDatabase> {
  let lock: DataDirLock | null = null;
  let db: Db;
  let migration: MigrationReport | null = null;
  const closers: (() => Promise<void>)[] = [];
  // An embedded database is migrated directly, before it is shared; a server through its connection.
  const migrating = options.migrate !== false;
  if (target.kind === 'postgres') {
    db = openPostgres(target.url);
  } else if (target.kind === 'server') {
    db = openPostgres(socketConnection(reachServer(target)), { max: 2, oneAtATime: true });
  } else {
    lock = options.lock ?? acquireDataDirLock(resolve(target.dataDir), options.command);
    let pglite: Awaited<ReturnType<typeof openPglite>> | undefined;
    try {
      pglite = await openPglite({ dataDir: pgliteDir(target.dataDir) });
      db = pglite;
      if (migrating) migration = await migrateUnlessCurrent(pglite);
      if (options.share) {
        // `dxmon --server` clients of other processes come in through a socket that takes its turns in the
        // database's own queue; this process keeps using the database directly.
        const shared = await shareEmbeddedDatabase(pglite, resolve(target.dataDir));
        lock.setSocket(shared.socket);
        closers.push(shared.stop);
      }
    } catch (error) {
      await pglite?.close().catch(() => undefined);
      lock.release();
      throw error;
    }
  }
  // The socket first (its clients' open transactions are rolled back), then the database; the directory is
  // given up only once the database is closed, so no second process can open it while this one still writes.
  const close = async () => {
    for (const closer of closers) await closer();
    await db.close();
    lock?.release();
  };
  try {
    if (migrating && target.kind !== 'embedded') migration = await migrateUnlessCurrent(db);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, close, migration };
}

/**
 * Migrates, unless one read shows every migration file already applied with its recorded checksum: then nothing
 * is to be done and nothing is written (a read command does not open a write transaction to learn that). Any other
 * case — a migration to apply, a checksum to adopt or to refuse, no table yet — goes through `migrate`.
 */
async function migrateUnlessCurrent(db: Db): Promise<MigrationReport> {
  const migrations = listMigrations();
  const recorded = await db
    .query<{ version: number; checksum: string | null }>('SELECT version, checksum FROM schema_migration')
    .catch(() => null);
  if (recorded) {
    const checksums = new Map(recorded.map((r) => [r.version, r.checksum]));
    if (migrations.every((m) => checksums.get(m.version) === migrationChecksum(m.sql)))
      return { applied: [], adopted: [] };
  }
  return migrate(db, migrations);
}

/** Checks that the server named by `--server` holds this data directory, and returns where it shares it. */
function reachServer(target: { serverUrl: string; dataDir: string }): SharedSocket {
  const dir = resolve(target.dataDir);
  const holder = readHolder(join(dir, LOCK_FILE));
  const wanted = normaliseUrl(target.serverUrl);
  if (!holder || !isAlive(holder.pid) || !holder.serverUrl || normaliseUrl(holder.serverUrl) !== wanted) {
    const running = holder && isAlive(holder.pid) && holder.serverUrl ? holder.serverUrl : null;
    throw new AppError('badInput', {
      vi: `Không có máy chủ DX Monitor nào tại ${target.serverUrl} đang giữ thư mục dữ liệu ${dir}${running ? ` (máy chủ đang giữ nó: ${running})` : ''}. --server chỉ dùng cho máy chủ trên máy này, cùng thư mục --data.`,
      en: `No DX Monitor server at ${target.serverUrl} holds the data directory ${dir}${running ? ` (the server holding it: ${running})` : ''}. --server reaches a server on this machine serving the same --data directory.`,
    });
  }
  if (!isSharedSocket(holder.socket)) {
    throw new AppError('badInput', {
      vi: `Máy chủ ${holder.serverUrl} (tiến trình ${holder.pid}) không chia sẻ cơ sở dữ liệu cho dòng lệnh.`,
      en: `The server ${holder.serverUrl} (process ${holder.pid}) does not share its database with the command line.`,
    });
  }
  return holder.socket;
}

function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const host =
      parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]' ? 'localhost' : parsed.hostname;
    return `${parsed.protocol}//${host}:${parsed.port || (parsed.protocol === 'https:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}
