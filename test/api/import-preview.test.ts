import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { importWorkbook } from '../../src/app/import/import-workbook.js';
import type { Db } from '../../src/store/db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { csvFolder, dumpDatabase, FULL_FILE, loadSmallUnitTree } from '../support/import-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// What a dry run shows before a file is committed (docs/import.md, "Dry run"): the values it would add and change
// with the stored value beside the file's, and for a refused file the rows with bad cells as read.
describe.each(TEST_DB_KINDS)('the preview of an import over HTTP on %s', (kind) => {
  let db: Db;
  let app: TestServer;
  beforeAll(async () => {
    db = await createTestDb(kind);
    const ctx: AppContext = { db, now: () => new Date('2025-03-01T08:00:00Z') };
    await loadSmallUnitTree(db);
    await importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder(FULL_FILE) });
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const post = (url: string, lines: string[]) =>
    app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/csv' },
      payload: `${lines.join('\n')}\n`,
    });

  it('lists each value row of a dry run, old → new, changes first, and writes nothing', async () => {
    const before = await dumpDatabase(db, ['api_token']);
    const file = [
      'indicator_code,unit_code,period,value',
      'C1,15,2024Q1,1234',
      'P1,15,2024S1,40',
      'P1,15,2022,12',
    ];
    const dry = await post('/api/v1/imports?dryRun=true&name=values.csv', file);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      sheets: { values: { inserted: 1, updated: 1, unchanged: 1 } },
      changes: {
        sheet: 'values',
        total: 3,
        items: [
          { row: 3, indicator: 'P1', unit: '15', period: '2024S1', status: 'changed', old: 36.8, new: 40 },
          { row: 4, indicator: 'P1', unit: '15', period: '2022', status: 'added', old: null, new: 12 },
          {
            row: 2,
            indicator: 'C1',
            unit: '15',
            period: '2024Q1',
            status: 'unchanged',
            old: 1234,
            new: 1234,
          },
        ],
      },
    });
    expect(await dumpDatabase(db, ['api_token'])).toEqual(before);
    const real = await post('/api/v1/imports?name=values.csv', file);
    expect(real.statusCode).toBe(200);
    expect(real.json()).not.toHaveProperty('changes');
    expect(real.json()).toMatchObject({ dryRun: false, sheets: { values: { inserted: 1, updated: 1 } } });
  });

  it('carries the refused rows as read, under their header row, beside the bad cells', async () => {
    const before = await dumpDatabase(db, ['api_token']);
    const res = await post('/api/v1/imports?dryRun=true&name=values.csv', [
      'indicator_code,unit_code,period,value',
      'P1,15,2024S1,41',
      'NOPE,15,2024S1,1',
      'P1,15,2022,abc',
    ]);
    expect(res.statusCode).toBe(400);
    const body = res.json() as {
      errors: { sheet: string; row: number; column: string }[];
      sheets: { sheet: string; headers: string[]; rows: { row: number; cells: string[] }[] }[];
    };
    expect(body.errors.map((e) => `${e.sheet} ${e.row} ${e.column}`)).toEqual([
      'values 3 indicator_code',
      'values 4 value',
    ]);
    expect(body.sheets).toEqual([
      {
        sheet: 'values',
        headers: ['indicator_code', 'unit_code', 'period', 'value'],
        rows: [
          { row: 3, cells: ['NOPE', '15', '2024S1', '1'] },
          { row: 4, cells: ['P1', '15', '2022', 'abc'] },
        ],
      },
    ]);
    expect(await dumpDatabase(db, ['api_token'])).toEqual(before);
  });
});
