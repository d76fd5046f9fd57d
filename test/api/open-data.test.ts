import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { publicValuesCsv } from '../../src/app/public/list-public-values.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { applyReviewEvent } from '../../src/app/review/apply-review-event.js';
import type { Db } from '../../src/store/db.js';
import {
  insertIndicator,
  insertPlan,
  insertValue,
  loadSmallTree,
  testContext,
} from '../support/auth-fixtures.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

describe.each(TEST_DB_KINDS)('open data on %s', (kind) => {
  let db: Db;
  let app: Api;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    await loadSmallTree(db);
    ctx = testContext(db, () => new Date('2025-07-10T00:00:00Z'));
    const a = await insertIndicator(db, 'DX_A', 'Tỷ lệ hồ sơ trực tuyến, "toàn trình"');
    const b = await insertIndicator(db, 'DX_B', 'Chỉ tiêu ngoài kế hoạch');
    await insertPlan(db, 'KH-15', '15', [{ indicatorId: a, unitCode: '15' }]);
    const q = (period: string, start: string, end: string) => ({ period, start, end, type: 'quarter' });
    await insertValue(db, {
      indicatorId: a,
      unitCode: '02647',
      ...q('2025Q1', '2025-01-01', '2025-03-31'),
      value: 61.5,
    });
    await insertValue(db, {
      indicatorId: a,
      unitCode: '02648',
      ...q('2025Q1', '2025-01-01', '2025-03-31'),
      value: 70,
    });
    await insertValue(db, {
      indicatorId: a,
      unitCode: '02647',
      ...q('2025Q3', '2025-07-01', '2025-09-30'),
      value: 80,
    });
    await insertValue(db, {
      indicatorId: b,
      unitCode: '02647',
      ...q('2025Q1', '2025-01-01', '2025-03-31'),
      value: 5,
    });
    await insertValue(db, {
      indicatorId: a,
      unitCode: '20194',
      ...q('2025Q1', '2025-01-01', '2025-03-31'),
      value: 99,
    });
    // Commune 02647's first half-year is approved; 02648 only submitted.
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025S1',
      event: 'submit',
      units: ['02647', '02648'],
    });
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025S1',
      event: 'approve',
      units: ['02647'],
    });
    app = await buildServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('publishes approved values only, without login, and nothing internal', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/public/values' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      values: [
        {
          indicator: 'DX_A',
          indicatorName: 'Tỷ lệ hồ sơ trực tuyến, "toàn trình"',
          unit: '02647',
          unitName: 'Phường Lào Cai',
          period: '2025Q1',
          value: 61.5,
        },
      ],
    });
    expect(res.body).not.toMatch(/ghi chú|cán bộ|comment|updatedBy|createdBy/i);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('filters by indicator, unit and period, and refuses unknown ones', async () => {
    const get = (query: string) => app.inject({ method: 'GET', url: `/api/v1/public/values?${query}` });
    expect((await get('unit=02648')).json().values).toEqual([]);
    expect((await get('indicator=DX_A&unit=02647&period=2025Q1')).json().values).toHaveLength(1);
    expect((await get('period=2025Q3')).json().values).toEqual([]);
    expect((await get('indicator=NOPE')).statusCode).toBe(404);
    expect((await get('period=2025Q9')).statusCode).toBe(400);
  });

  it('serves the same as CSV with a BOM, quoting where needed', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/public/values.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.body).toBe(
      '\uFEFFindicator,indicatorName,unit,unitName,period,value\r\n' +
        'DX_A,"Tỷ lệ hồ sơ trực tuyến, ""toàn trình""",02647,Phường Lào Cai,2025Q1,61.5\r\n',
    );
  });

  it('answers 304 to a client holding the current ETag, and a new ETag once more is approved', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/public/values' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await app.inject({
      method: 'GET',
      url: '/api/v1/public/values',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'KH-15',
      period: '2025S1',
      event: 'approve',
      units: ['02648'],
    });
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/public/values',
      headers: { 'if-none-match': etag },
    });
    expect(after.statusCode).toBe(200);
    expect(after.json().values.map((v: { unit: string }) => v.unit)).toEqual(['02647', '02648']);
  });
});

describe('the open-data CSV', () => {
  it('writes names that would start a formula with an apostrophe, and negative values as they are', () => {
    const csv = publicValuesCsv([
      {
        indicator: 'DX_A',
        indicatorName: "=cmd|' /C calc'!A0",
        unit: '02647',
        unitName: '+HYPERLINK("http://x.invalid","bấm")',
        period: '2025Q1',
        value: -2.5,
      },
      {
        indicator: 'DX_B',
        indicatorName: '@SUM(1)',
        unit: '15',
        unitName: '-Tỉnh',
        period: '2025',
        value: null,
      },
    ]);
    expect(csv).toBe(
      '\uFEFFindicator,indicatorName,unit,unitName,period,value\r\n' +
        `DX_A,'=cmd|' /C calc'!A0,02647,"'+HYPERLINK(""http://x.invalid"",""bấm"")",2025Q1,-2.5\r\n` +
        "DX_B,'@SUM(1),15,'-Tỉnh,2025,\r\n",
    );
  });
});
