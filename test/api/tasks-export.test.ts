import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { XLSX_TYPE } from '../../src/api/routes/imports.routes.js';
import type { Db } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { unitInput } from '../support/units-fixture.js';
import { createTestDb } from '../support/test-db.js';

async function readSheet(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength) as ArrayBuffer,
  );
  expect(wb.worksheets.map((w) => w.name)).toEqual(['tasks']);
  return wb.worksheets[0]!;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) =>
  Array.from({ length: 9 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);

describe('GET /api/v1/tasks/export: the tasks as the import format’s tasks sheet', () => {
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;
  let other: string;

  beforeAll(async () => {
    db = await createTestDb('pglite');
    ctx = { db, now: () => new Date('2024-07-18T03:00:00Z') };
    await upsertUnits(db, '2025', [
      unitInput('VN', 'Việt Nam', 'national', null),
      unitInput('15', 'Tỉnh Lào Cai', 'province', 'VN'),
      unitInput('02647', 'Phường Lào Cai', 'commune', '15'),
      unitInput('01', 'Thành phố Hà Nội', 'province', 'VN'),
    ]);
    await refreshUnitPaths(db);
    other = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'hn', role: 'secretariat', unit: '01' })).token;
    app = await buildTestServer({ ctx });
    for (const payload of [
      {
        code: 'T1',
        programme: 'DA06',
        title: 'Ban hành kế hoạch',
        leadUnit: '15',
        status: 'inProgress',
        start: '2024-01-02',
        due: '2024-07-17',
      },
      {
        code: 'T2',
        programme: 'DA06',
        title: 'Tuyên truyền',
        leadUnit: '02647',
        status: 'recurring',
        note: 'Hằng tháng',
      },
      { code: 'H1', programme: 'KH', title: 'Việc của Hà Nội', leadUnit: '01', status: 'notStarted' },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/tasks', payload });
      expect(res.statusCode, res.body).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('downloads the tasks in scope, filtered, with the import columns, and imports back unchanged', async () => {
    const res = await app.inject('/api/v1/tasks/export?programme=DA06');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toContain('tasks_DA06_2024-07-18.xlsx');
    const sheet = await readSheet(res.rawPayload);
    expect(rowValues(sheet, 1)).toEqual([
      'Mã nhiệm vụ (code)',
      'Chương trình (programme)',
      'Tên nhiệm vụ (title)',
      'Mã đơn vị chủ trì (lead_unit_code)',
      'Ngày bắt đầu (start)',
      'Hạn hoàn thành (due)',
      'Thường xuyên (recurring)',
      'Trạng thái (status)',
      'Ghi chú (note)',
    ]);
    expect(sheet.rowCount).toBe(3);
    expect(rowValues(sheet, 2)).toEqual([
      'T1',
      'DA06',
      'Ban hành kế hoạch',
      '15',
      '2024-01-02',
      '2024-07-17',
      'không',
      'đang triển khai',
      null,
    ]);
    expect(rowValues(sheet, 3)).toEqual([
      'T2',
      'DA06',
      'Tuyên truyền',
      '02647',
      null,
      null,
      'có',
      'thực hiện thường xuyên',
      'Hằng tháng',
    ]);
    const back = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': XLSX_TYPE },
      payload: res.rawPayload,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({
      sheets: { tasks: { inserted: 0, updated: 0, unchanged: 2 } },
      warnings: [],
    });
  });

  it('imports a changed status back, and gives another province only its own tasks', async () => {
    const res = await app.inject('/api/v1/tasks/export?unit=15&status=inProgress');
    const sheet = await readSheet(res.rawPayload);
    expect(sheet.rowCount).toBe(2);
    sheet.getRow(2).getCell(8).value = 'đã hoàn thành';
    const wb = sheet.workbook;
    const changed = Buffer.from(await wb.xlsx.writeBuffer());
    const back = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { 'content-type': XLSX_TYPE },
      payload: changed,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ sheets: { tasks: { updated: 1 } } });
    expect((await app.inject('/api/v1/tasks/T1')).json()).toMatchObject({ status: 'completed' });

    const theirs = await app.inject({
      url: '/api/v1/tasks/export',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(theirs.statusCode).toBe(200);
    const their = await readSheet(theirs.rawPayload);
    expect(their.rowCount).toBe(2);
    expect(rowValues(their, 2)[0]).toBe('H1');
    const forged = await app.inject({
      url: '/api/v1/tasks/export?unit=15',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ message_vi: expect.any(String), message_en: expect.any(String) });
  });
});
