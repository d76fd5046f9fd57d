import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { Db } from '../../src/store/db.js';
import { createPre2025Provinces } from '../support/composite-index-fixtures.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';
import { seedSmallUnitTree } from '../support/values-fixture.js';

// Plausible values, outlier warnings, empty results with their reason, and schema errors in both languages,
// over HTTP (docs/domain.md §4, docs/data-entry.md).

type Problem = {
  status: number;
  message_vi: string;
  message_en: string;
  errors?: { field?: string; message_vi: string; message_en: string }[];
};

describe.each(TEST_DB_KINDS)('plausible values and empty results over HTTP on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2026-12-05T14:05:00Z'), outliers: { z: 3, minHistory: 4 } };
    await seedSmallUnitTree(db);
    await createPre2025Provinces(db);
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const put = (payload: Record<string, unknown>) =>
    app.inject({ method: 'PUT', url: '/api/v1/values', payload });

  it('sets an indicator’s bounds and refuses values outside them, and a count of 1e300', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      payload: { code: 'HH', nameVi: 'Số hộ có cáp quang', valueType: 'count', max: 50000 },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ min: null, max: 50000 });
    const huge = await put({ indicator: 'HH', unit: '04000', period: '2020', value: 1e300 });
    expect(huge.statusCode).toBe(400);
    const problem = huge.json<Problem>();
    expect(problem.message_vi).toContain('1.000.000.000.000.000');
    expect(problem.message_en).toContain('1,000,000,000,000,000');
    const above = await put({ indicator: 'HH', unit: '04000', period: '2020', value: 60000 });
    expect(above.statusCode).toBe(400);
    expect(above.json<Problem>().message_vi).toBe(
      'Giá trị 60.000 lớn hơn mức tối đa 50.000 đặt cho chỉ tiêu này.',
    );
    const badBound = await app.inject({ method: 'PUT', url: '/api/v1/indicators/HH', payload: { min: -5 } });
    expect(badBound.statusCode).toBe(400);
    expect(badBound.json<Problem>().errors?.[0]?.field).toBe('min');
  });

  it('saves an outlier with a warning in both languages', async () => {
    for (const [period, value] of [
      ['2021', 100],
      ['2022', 104],
      ['2023', 98],
      ['2024', 101],
    ] as const) {
      const saved = await put({ indicator: 'HH', unit: '04001', period, value });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().warnings).toEqual([]);
    }
    const slip = await put({ indicator: 'HH', unit: '04001', period: '2025', value: 10100 });
    expect(slip.statusCode).toBe(200);
    expect(slip.json()).toMatchObject({ action: 'create', value: 10100 });
    expect(slip.json().warnings).toEqual([
      {
        code: 'outlier',
        message_vi: expect.stringContaining('«Số hộ có cáp quang» tại Xã Si Ma Cai, kỳ 2025'),
        message_en: expect.stringContaining('is far from the unit'),
      },
    ]);
  });

  it('names a value by its indicator and unit, and the time in Vietnam, when a version is stale', async () => {
    const stale = await put({ indicator: 'HH', unit: '04001', period: '2025', value: 100, version: null });
    expect(stale.statusCode).toBe(409);
    const p = stale.json<Problem>();
    expect(p.message_vi).toContain('Số liệu «Số hộ có cáp quang» của Xã Si Ma Cai, kỳ 2025,');
    expect(p.message_vi).toContain('lúc 21:05 05/12/2026');
    expect(p.message_vi).not.toContain('HH|');
  });

  it('answers schema errors in Vietnamese and English, naming the field', async () => {
    const res = await put({ indicator: 'HH', unit: '04001', value: 5, version: 'two' });
    expect(res.statusCode).toBe(400);
    const p = res.json<Problem>();
    const fields = (p.errors ?? []).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.period', 'body.version']));
    for (const e of p.errors ?? []) {
      expect(e.message_vi).toMatch(/^Trường «body\.\w+» /);
      expect(e.message_vi).not.toMatch(/expected|Invalid|received|must/i);
      expect(e.message_en).toMatch(/^Field «body\.\w+» /);
    }
    expect(p.message_vi).toMatch(/^Yêu cầu không hợp lệ: Trường «body\./);
  });

  it('evaluates a plan with no target due: total 0 and a reason', async () => {
    const plan = await app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { code: 'KH', name: 'Kế hoạch', unit: '15', startYear: 2025, endYear: 2026 },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const target = await app.inject({
      method: 'POST',
      url: '/api/v1/plans/KH/targets',
      payload: { indicator: 'HH', unit: '15', period: '2026', target: 500 },
    });
    expect(target.statusCode, target.body).toBe(201);
    const res = await app.inject({ url: '/api/v1/plans/KH/evaluation?period=2025' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 0, targets: [], reason: { code: 'noTargetDue' } });
    expect(res.json().reason.message_vi).toContain('năm 2026');
    const due = await app.inject({ url: '/api/v1/plans/KH/evaluation?period=2026' });
    expect(due.json()).toMatchObject({ total: 1, reason: null });
    expect((await app.inject({ url: '/api/v1/plans/NOPE/evaluation?period=2026' })).statusCode).toBe(404);
  });

  it('does not rank units where none has data: total 0, no results, a reason', async () => {
    const M = 'dti-province-922-2022';
    expect((await app.inject({ method: 'POST', url: `/api/v1/index/templates/${M}/load` })).statusCode).toBe(
      200,
    );
    const res = await app.inject({ url: `/api/v1/index/${M}/results?year=2019&level=province` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 0, results: [], reason: { code: 'noIndexData' } });
    expect(res.json().reason.message_vi).toContain('cấp tỉnh');
  });
});
