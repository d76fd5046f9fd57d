import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '../domain/app-error.js';
import { MIGRATION_LOCK_KEY } from './advisory-locks.js';
import type { Db } from './db.js';
import { WHOLE_TEXT_CHECKSUMS } from './whole-text-checksums.js';

/** The folder of numbered .sql migrations; the same from src/ (tests) and dist/ (built). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(`${dir}/${file}`, 'utf8'),
    }));
}

/**
 * A migration's statements: its text without whole-line `--` comments and trailing blanks, line ends as LF (a
 * checkout that turns them into CRLF is no edit). A comment is documentation and may be reworded; a statement may not.
 */
function statementsOf(sql: string): string {
  return sql
    .replace(/\r\n/g, '\n')
    .split('\n')
    .filter((line) => !/^\s*--/.test(line))
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** The sha256 of a migration's statements: what `schema_migration.checksum` records when it is applied. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(statementsOf(sql), 'utf8').digest('hex');
}

/** How an applied migration's recorded checksum stands against its file. */
function checkRecorded(migration: Migration, recorded: string): 'same' | 'upgrade' | 'edited' {
  const current = migrationChecksum(migration.sql);
  if (recorded === current) return 'same';
  const before = WHOLE_TEXT_CHECKSUMS[migration.version];
  return before?.text === recorded && before.statements === current ? 'upgrade' : 'edited';
}

/** What one run of migrate did. */
export interface MigrationReport {
  /** The migrations applied now, in order. */
  applied: string[];
  /**
   * Migrations applied before checksums were recorded whose checksums were recorded now, from the current files
   * (once, on the first start of a version that checks them); empty otherwise.
   */
  adopted: string[];
}

/**
 * Applies the migrations not yet applied, all in one transaction (all or none), forward only, recording each
 * one's checksum. An applied migration whose file has changed since is refused, and nothing is changed: a
 * database must never drift from the files that built it. Concurrent servers starting together are serialised
 * by an advisory lock on PostgreSQL.
 */
export async function migrate(db: Db, migrations: Migration[] = listMigrations()): Promise<MigrationReport> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), checksum text)',
  );
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres')
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    // A database migrated before checksums were recorded has the table without the column.
    await tx.exec('ALTER TABLE schema_migration ADD COLUMN IF NOT EXISTS checksum text');
    const done = new Map(
      (
        await tx.query<{ version: number; checksum: string | null }>(
          'SELECT version, checksum FROM schema_migration',
        )
      ).map((r) => [r.version, r.checksum]),
    );
    // Every applied migration is checked before anything is written.
    const adopt: Migration[] = [];
    const upgrade: Migration[] = [];
    for (const migration of migrations) {
      if (!done.has(migration.version)) continue;
      const recorded = done.get(migration.version);
      if (recorded === null || recorded === undefined) adopt.push(migration);
      else {
        const state = checkRecorded(migration, recorded);
        if (state === 'edited') throw editedMigration(migration.name);
        if (state === 'upgrade') upgrade.push(migration);
      }
    }
    // Checksums of whole texts, recorded before comments were left out, become the statements' checksums.
    for (const migration of [...adopt, ...upgrade]) {
      await tx.query('UPDATE schema_migration SET checksum = $2 WHERE version = $1', [
        migration.version,
        migrationChecksum(migration.sql),
      ]);
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migrationChecksum(migration.sql),
      ]);
      applied.push(migration.name);
    }
    return { applied, adopted: adopt.map((m) => m.name) };
  });
}

function editedMigration(name: string): AppError {
  return new AppError('conflict', {
    vi: `Tệp di chuyển lược đồ ${name}.sql đã bị sửa sau khi được áp dụng cho cơ sở dữ liệu này (tổng kiểm không khớp); DX Monitor không khởi động và không thay đổi gì. Hãy khôi phục tệp như cũ: không bao giờ sửa một di chuyển đã áp dụng, mà thêm một tệp mới có số thứ tự kế tiếp trong src/store/migrations.`,
    en: `The migration ${name}.sql was edited after it was applied to this database (its checksum differs); DX Monitor does not start and changes nothing. Restore the file as it was: never edit an applied migration, add a new numbered file in src/store/migrations instead.`,
  });
}
