import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { parsePeriod, periodEnd, periodStart } from '../../src/domain/period.js';
import type { Db } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { unitInput } from '../support/units-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

async function putBoolean(
  db: Db,
  indicator: string,
  period: string,
  values: Record<string, boolean>,
): Promise<void> {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(period);
  for (const [code, value] of Object.entries(values)) {
    await db.query(
      `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
       SELECT i.id, u.id, $3, $4, $5::date, $6::date, $7, 'cli' FROM indicator i, unit u WHERE i.code = $1 AND u.code = $2`,
      [indicator, code, period, p.value.type, periodStart(p.value), periodEnd(p.value), value ? 1 : 0],
    );
  }
}

describe.each(TEST_DB_KINDS)('tasks, projects and registers API on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;
  let viewer: string;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T03:00:00Z') };
    await upsertUnits(db, '2025', [
      unitInput('VN', 'Việt Nam', 'national', null),
      unitInput('15', 'Tỉnh Lào Cai', 'province', 'VN'),
      unitInput('02647', 'Phường Lào Cai', 'commune', '15'),
      unitInput('02647-T1', 'Tổ 1', 'village', '02647'),
      unitInput('02647-T2', 'Tổ 2', 'village', '02647'),
      unitInput('02647-T3', 'Tổ 3', 'village', '02647'),
    ]);
    await refreshUnitPaths(db);
    await db.query(
      `INSERT INTO indicator (code, name_vi, value_type) VALUES ('REG_FIBRE', 'Thôn có cáp quang', 'boolean')`,
    );
    await putBoolean(db, 'REG_FIBRE', '2024Q1', { '02647-T1': false, '02647-T2': false, '02647-T3': true });
    await putBoolean(db, 'REG_FIBRE', '2024Q2', { '02647-T1': true, '02647-T2': false, '02647-T3': true });
    viewer = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'v', role: 'viewer', unit: '15' })).token;
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('creates, reads, changes and deletes tasks under /api/v1/tasks', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: {
        code: 'T1',
        programme: 'DA06',
        title: 'Ban hành kế hoạch',
        leadUnit: '15',
        status: 'inProgress',
        due: '2024-07-17',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'T1', overdue: true, version: 1, leadUnit: { code: '15' } });
    await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: {
        code: 'T2',
        programme: 'DA06',
        title: 'Cập nhật dữ liệu',
        leadUnit: '02647',
        status: 'recurring',
      },
    });
    const summary = await app.inject('/api/v1/tasks/summary?programme=DA06&at=2024-07-18');
    expect(summary.json()).toEqual({
      total: 2,
      byStatus: { completed: 0, recurring: 1, inProgress: 1, notStarted: 0, overdue: 1 },
    });
    const overdue = await app.inject('/api/v1/tasks?overdue=true&at=2024-07-18');
    expect(overdue.json().tasks.map((t: { code: string }) => t.code)).toEqual(['T1']);
    const stale = await app.inject({
      method: 'PATCH',
      url: '/api/v1/tasks/T1',
      payload: { version: 7, status: 'completed' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const patched = await app.inject({
      method: 'PATCH',
      url: '/api/v1/tasks/T1',
      payload: { version: 1, status: 'completed' },
    });
    expect(patched.json()).toMatchObject({ status: 'completed', overdue: false, version: 2 });
    const noted = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks/T1/notes',
      payload: { text: 'Đã ban hành', date: '2024-07-10' },
    });
    expect(noted.statusCode).toBe(201);
    expect(noted.json().notes).toEqual([
      { date: '2024-07-10', author: expect.stringContaining('test-admin'), text: 'Đã ban hành' },
    ]);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: {
        code: 'T3',
        programme: 'DA06',
        title: 'x',
        leadUnit: '15',
        status: 'recurring',
        due: '2024-12-31',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['due']);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/tasks/T2' })).statusCode).toBe(200);
    expect((await app.inject('/api/v1/tasks/T2')).statusCode).toBe(404);
  });

  it('lets a viewer read but not write', async () => {
    const auth = { authorization: `Bearer ${viewer}` };
    expect((await app.inject({ url: '/api/v1/tasks/T1', headers: auth })).statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      headers: auth,
      payload: { code: 'T9', programme: 'DA06', title: 'x', leadUnit: '15', status: 'notStarted' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await app.anonymousInject('/api/v1/tasks/summary')).statusCode).toBe(401);
  });

  it('lists projects not yet approved with their disbursement rates', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: {
        code: 'P1',
        programme: 'KH-CDS',
        title: 'Trung tâm IOC',
        kind: 'project',
        leadUnit: '15',
        status: 'inProgress',
        budgetPlanned: 4_000_000_000,
        budgetDisbursed: 1_000_000_000,
      },
    });
    const list = await app.inject('/api/v1/projects/unapproved');
    expect(list.statusCode).toBe(200);
    expect(
      list.json().projects.map((p: { code: string; budget: { rate: number } }) => [p.code, p.budget.rate]),
    ).toEqual([['P1', 0.25]]);
    const step = await app.inject({
      method: 'POST',
      url: '/api/v1/tasks/P1/approval',
      payload: { to: 'approved' },
    });
    expect(step.statusCode).toBe(409);
    await app.inject({ method: 'POST', url: '/api/v1/tasks/P1/approval', payload: { to: 'submitted' } });
    await app.inject({ method: 'POST', url: '/api/v1/tasks/P1/approval', payload: { to: 'approved' } });
    expect((await app.inject('/api/v1/projects/unapproved')).json().projects).toEqual([]);
  });

  it('gives the units lacking a register and the change between two periods with unit codes', async () => {
    const lacking = await app.inject('/api/v1/registers/REG_FIBRE/lacking?period=2024Q2&unit=15');
    expect(lacking.statusCode).toBe(200);
    expect(lacking.json()).toMatchObject({
      count: 1,
      units: [{ code: '02647-T2', name: 'Tổ 2', parentCode: '02647', parentName: 'Phường Lào Cai' }],
    });
    const change = await app.inject('/api/v1/registers/REG_FIBRE/change?from=2024Q1&to=2024Q2&unit=15');
    expect(change.json()).toMatchObject({
      indicator: 'REG_FIBRE',
      from: { period: '2024Q1', count: 2 },
      to: { period: '2024Q2', count: 1 },
      closed: { count: 1, units: [{ code: '02647-T1' }] },
      opened: { count: 0, units: [] },
      phrase: { vi: 'xóa được 1 thôn, còn 1 thôn' },
    });
    expect((await app.inject('/api/v1/registers/NOPE/lacking?period=2024Q2')).statusCode).toBe(404);
    expect((await app.inject('/api/v1/registers/REG_FIBRE/lacking?period=2024Q9')).statusCode).toBe(400);
  });

  it('downloads the register entry workbook', async () => {
    const res = await app.inject('/api/v1/registers/template?indicator=REG_FIBRE&period=2024Q3&unit=02647');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('values')!;
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['REG_FIBRE', '02647-T1', '2024Q3', 'có']));
  });
});
