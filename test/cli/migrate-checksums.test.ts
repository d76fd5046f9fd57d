import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/store/pglite-db.js';
import { runCli, startServer, stopServer, waitReady } from '../support/run-cli.js';
import { tempDirSync } from '../support/temp-dir.js';

describe('dxmon migrate and migration checksums', () => {
  it('says once, in both languages, that a database migrated before checksums adopted them', async () => {
    const dataDir = tempDirSync('dxmon-migrate-');
    const fresh = await runCli(['--data', dataDir, '--json', 'migrate']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ adoptedChecksums: [] });
    expect(JSON.parse(fresh.stdout).applied).toContain('0001_units_indicators_plans_values');
    expect(fresh.stderr).toBe('');

    // As an older DX Monitor left it: no checksum column.
    const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
    await db.exec('ALTER TABLE schema_migration DROP COLUMN checksum');
    await db.close();

    const adopting = await runCli(['--data', dataDir, 'migrate']);
    expect(adopting.code, adopting.stderr).toBe(0);
    expect(adopting.stderr).toContain('đã ghi tổng kiểm của');
    expect(adopting.stdout).toContain('Lược đồ đã ở phiên bản mới nhất.');

    const again = await runCli(['--data', dataDir, '--lang', 'en', '--json', 'migrate']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toEqual({ applied: [], adoptedChecksums: [] });
  }, 60_000);

  it('prints the notice in English with --lang en', async () => {
    const dataDir = tempDirSync('dxmon-migrate-');
    expect((await runCli(['--data', dataDir, 'migrate'])).code).toBe(0);
    const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
    await db.exec('UPDATE schema_migration SET checksum = NULL');
    await db.close();
    const adopting = await runCli(['--data', dataDir, '--lang', 'en', 'migrate']);
    expect(adopting.code, adopting.stderr).toBe(0);
    expect(adopting.stderr).toMatch(/checksums of its \d+ applied migrations were recorded/);
  }, 60_000);

  it('dxmon serve says so on stderr too, then serves', async () => {
    const dataDir = tempDirSync('dxmon-migrate-');
    expect((await runCli(['--data', dataDir, 'migrate'])).code).toBe(0);
    const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
    await db.exec('ALTER TABLE schema_migration DROP COLUMN checksum');
    await db.close();
    const server = await startServer(['--data', dataDir, '--lang', 'en']);
    try {
      await waitReady(server.url);
      expect(server.stderr()).toMatch(/checksums of its \d+ applied migrations were recorded/);
    } finally {
      await stopServer(server.child);
    }
  }, 90_000);

  it('refuses to start on a database whose applied migration differs from its file, exit code 1', async () => {
    const dataDir = tempDirSync('dxmon-migrate-');
    expect((await runCli(['--data', dataDir, 'migrate'])).code).toBe(0);
    // The same as editing src/store/migrations/0004_tasks.sql after it was applied.
    const db = await openPglite({ dataDir: join(dataDir, 'pgdata') });
    await db.exec("UPDATE schema_migration SET checksum = 'edited' WHERE version = 4");
    await db.close();
    for (const args of [['migrate'], ['units', 'list']]) {
      const run = await runCli(['--data', dataDir, '--lang', 'en', ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('0004_tasks.sql');
      expect(run.stderr).toContain('add a new numbered file');
      expect(run.stdout).toBe('');
    }
    const vi = await runCli(['--data', dataDir, 'migrate']);
    expect(vi.code).toBe(1);
    expect(vi.stderr).toContain('thêm một tệp mới có số thứ tự kế tiếp');
  }, 60_000);
});
