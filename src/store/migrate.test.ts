import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { createTestDb, TEST_DB_KINDS } from '../../test/support/test-db.js';
import type { Db } from './db.js';
import { listMigrations, migrate, migrationChecksum, type Migration } from './migrate.js';
import { WHOLE_TEXT_CHECKSUMS } from './whole-text-checksums.js';

// Migrations cannot drift: each applied migration's checksum is recorded, a database migrated before checksums
// existed adopts the current files' once, and an applied migration whose file was edited is refused.

interface Recorded {
  version: number;
  name: string;
  checksum: string | null;
}

function recorded(db: Db): Promise<Recorded[]> {
  return db.query<Recorded>('SELECT version, name, checksum FROM schema_migration ORDER BY version');
}

describe.each(TEST_DB_KINDS)('migrate, checksums (%s)', (kind) => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('records the sha256 of each migration file as it applies it', async () => {
    db = await createTestDb(kind);
    const files = listMigrations();
    expect(await recorded(db)).toEqual(
      files.map((m) => ({ version: m.version, name: m.name, checksum: migrationChecksum(m.sql) })),
    );
    expect(migrationChecksum('SELECT 1;')).toMatch(/^[0-9a-f]{64}$/);
    // Migrating again applies and adopts nothing.
    expect(await migrate(db)).toEqual({ applied: [], adopted: [] });
  });

  it('adopts the current files’ checksums once on a database migrated before they were recorded', async () => {
    db = await createTestDb(kind);
    // As an older DX Monitor left it: the bookkeeping table without the checksum column.
    await db.exec('ALTER TABLE schema_migration DROP COLUMN checksum');
    const files = listMigrations();
    const first = await migrate(db);
    expect(first).toEqual({ applied: [], adopted: files.map((m) => m.name) });
    expect((await recorded(db)).map((r) => r.checksum)).toEqual(files.map((m) => migrationChecksum(m.sql)));
    expect(await migrate(db)).toEqual({ applied: [], adopted: [] });
  });

  it('refuses an applied migration whose file was edited, naming it, and changes nothing', async () => {
    db = await createTestDb(kind);
    const edited: Migration[] = listMigrations().map((m) =>
      m.version === 4 ? { ...m, sql: `${m.sql}\nSELECT 1;\n` } : m,
    );
    // A new migration in the same run is not applied either: all or none.
    const next: Migration = {
      version: 9999,
      name: '9999_new_table',
      sql: 'CREATE TABLE migrate_test_new (id integer);',
    };
    const before = await recorded(db);
    const error = await migrate(db, [...edited, next]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(error)).toBe(true);
    if (!isAppError(error)) return;
    expect(error.code).toBe('conflict');
    expect(error.message_en).toContain('0004_tasks.sql');
    expect(error.message_en).toContain('never edit an applied migration');
    expect(error.message_vi).toContain('0004_tasks.sql');
    expect(error.message_vi).toContain('không bao giờ sửa một di chuyển đã áp dụng');
    expect(await recorded(db)).toEqual(before);
    expect(await db.query(`SELECT to_regclass('migrate_test_new') AS t`)).toEqual([{ t: null }]);
  });

  it('refuses an edited migration on a database whose checksums were adopted', async () => {
    db = await createTestDb(kind);
    await db.exec('UPDATE schema_migration SET checksum = NULL');
    await migrate(db);
    const edited = listMigrations().map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\nSELECT 1;` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/0001_units_indicators_plans_values\.sql/);
  });

  it('takes a reworded comment for no edit', async () => {
    db = await createTestDb(kind);
    const reworded = listMigrations().map((m) =>
      m.version === 4 ? { ...m, sql: `-- A comment reworded after the migration was applied.\n${m.sql}` } : m,
    );
    expect(await migrate(db, reworded)).toEqual({ applied: [], adopted: [] });
  });

  it('upgrades, once, the whole-text checksums an earlier version recorded when only comments changed since', async () => {
    db = await createTestDb(kind);
    for (const [version, before] of Object.entries(WHOLE_TEXT_CHECKSUMS)) {
      await db.query('UPDATE schema_migration SET checksum = $2 WHERE version = $1', [
        Number(version),
        before.text,
      ]);
    }
    expect(await migrate(db)).toEqual({ applied: [], adopted: [] });
    expect((await recorded(db)).map((r) => r.checksum)).toEqual(
      listMigrations().map((m) => migrationChecksum(m.sql)),
    );
    // The same recorded text with a statement changed is an edit.
    await db.query('UPDATE schema_migration SET checksum = $2 WHERE version = $1', [
      1,
      WHOLE_TEXT_CHECKSUMS[1]?.text ?? '',
    ]);
    const edited = listMigrations().map((m) => (m.version === 1 ? { ...m, sql: `${m.sql}\nSELECT 1;` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/0001_units_indicators_plans_values\.sql/);
  });

  it('applies a new migration normally and records its checksum', async () => {
    db = await createTestDb(kind);
    const next: Migration = {
      version: 9999,
      name: '9999_new_table',
      sql: 'CREATE TABLE migrate_test_new (id integer);',
    };
    expect(await migrate(db, [...listMigrations(), next])).toEqual({
      applied: ['9999_new_table'],
      adopted: [],
    });
    const last = (await recorded(db)).at(-1);
    expect(last).toEqual({ version: 9999, name: '9999_new_table', checksum: migrationChecksum(next.sql) });
    await db.query('INSERT INTO migrate_test_new (id) VALUES (1)');
  });
});

describe('migrationChecksum', () => {
  it('reads CRLF line ends as LF, so a checkout that converts them is no edit', () => {
    expect(migrationChecksum('CREATE TABLE t ();\r\nSELECT 1;\r\n')).toBe(
      migrationChecksum('CREATE TABLE t ();\nSELECT 1;\n'),
    );
    expect(migrationChecksum('SELECT 1;')).not.toBe(migrationChecksum('SELECT 2;'));
  });

  it('reads the statements only: whole-line comments and trailing blanks are no edit', () => {
    expect(migrationChecksum('-- docs/domain.md §4\nCREATE TABLE t ();  \n  -- indented\nSELECT 1;\n')).toBe(
      migrationChecksum('-- reworded\nCREATE TABLE t ();\nSELECT 1;'),
    );
    expect(migrationChecksum('CREATE TABLE t (); -- a trailing comment')).not.toBe(
      migrationChecksum('CREATE TABLE t ();'),
    );
  });

  it('knows the statements of every migration shipped while whole texts were recorded (0001–0012), and no later one', () => {
    const LAST_WHOLE_TEXT = 12;
    for (const m of listMigrations()) {
      const recorded = WHOLE_TEXT_CHECKSUMS[m.version]?.statements;
      expect([m.name, migrationChecksum(m.sql)]).toEqual([
        m.name,
        m.version <= LAST_WHOLE_TEXT ? recorded : migrationChecksum(m.sql),
      ]);
      if (m.version > LAST_WHOLE_TEXT) expect(recorded).toBeUndefined();
    }
  });
});
