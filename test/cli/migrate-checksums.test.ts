import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/store/pglite-db.js';
import { runCli } from '../support/run-cli.js';
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
});
