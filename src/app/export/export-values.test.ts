import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import {
  csvFolder,
  FULL_FILE,
  loadSmallUnitTree,
  storedValues,
} from '../../../test/support/import-fixture.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type AppContext } from '../context.js';
import { importWorkbook } from '../import/import-workbook.js';
import { exportValues, writeValuesExport, type ExportFormat } from './export-values.js';
import { tempDir } from '../../../test/support/temp-dir.js';

describe.each(TEST_DB_KINDS)('exporting values on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let snapshot: string[];
  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T00:00:00Z') };
    await loadSmallUnitTree(db);
    await importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder(FULL_FILE) });
    // A number a person could read as 10 851: the export must write it so that it imports back as is.
    await db.query(
      `UPDATE data_value SET value = 10.851 FROM indicator i WHERE i.id = indicator_id AND i.code = 'N1'`,
    );
    snapshot = await storedValues(db);
  }, 120_000);
  afterAll(async () => db.close());

  it.each<[ExportFormat, string]>([
    ['csv', 'values.csv'],
    ['xlsx', 'values.xlsx'],
    ['dhis2', 'values.json'],
  ])(
    'exports as %s and imports back: unchanged in place, the same values into an emptied table',
    async (format, name) => {
      const dir = await tempDir('dxmon-export-');
      const file = path.join(dir, name);
      expect(await writeValuesExport(ctx, LOCAL_ADMIN, { format }, file)).toBe(9);
      const again = await importWorkbook(ctx, LOCAL_ADMIN, { path: format === 'csv' ? dir : file });
      expect(again.sheets.values).toEqual({ inserted: 0, updated: 0, unchanged: 9 });
      await db.query('DELETE FROM data_value');
      const back = await importWorkbook(ctx, LOCAL_ADMIN, { path: format === 'csv' ? dir : file });
      expect(back.sheets.values).toEqual({ inserted: 9, updated: 0, unchanged: 0 });
      expect(await storedValues(db)).toEqual(snapshot);
    },
  );

  it.each([
    [{}, 9],
    [{ period: '2024' }, 9],
    [{ period: '2024S1' }, 3],
    [{ period: '2024Q1' }, 2],
    [{ unit: '00001' }, 2],
    [{ unit: 'pre2025:10' }, 1],
    [{ plan: 'KH1' }, 6],
    [{ plan: 'KH1', unit: 'LCI-STTTT' }, 1],
  ])('filters by %j: %i values', async (filter, n) => {
    const rows = [];
    for await (const r of await exportValues(ctx, LOCAL_ADMIN, filter)) rows.push(r);
    expect(rows).toHaveLength(n);
  });

  it('writes booleans as true/false and units as users write them', async () => {
    const rows = [];
    for await (const r of await exportValues(ctx, LOCAL_ADMIN, {})) rows.push(r);
    expect(
      rows
        .filter((r) => r.indicatorCode === 'B1')
        .map((r) => `${r.unitCode} ${String(r.value)}`)
        .sort(),
    ).toEqual(['LCI-THON1 true', 'LCI-THON2 false']);
    expect(rows.map((r) => r.unitCode)).toContain('pre2025:10');
  });

  it('refuses an unknown plan or unit and a bad period', async () => {
    await expect(exportValues(ctx, LOCAL_ADMIN, { plan: 'NOPE' })).rejects.toMatchObject({
      code: 'notFound',
    });
    await expect(exportValues(ctx, LOCAL_ADMIN, { unit: 'NOPE' })).rejects.toMatchObject({
      code: 'notFound',
    });
    await expect(exportValues(ctx, LOCAL_ADMIN, { period: '2024W1' })).rejects.toMatchObject({
      code: 'badInput',
    });
  });
});
