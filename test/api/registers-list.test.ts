import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { parsePeriod, periodEnd, periodStart } from '../../src/domain/period.js';
import type { Db } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { unitInput } from '../support/units-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

async function putValue(
  db: Db,
  indicator: string,
  unit: string,
  period: string,
  value: number,
): Promise<void> {
  const p = parsePeriod(period);
  if (!p.ok) throw new Error(period);
  await db.query(
    `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
     SELECT i.id, u.id, $3, $4, $5::date, $6::date, $7, 'cli' FROM indicator i, unit u WHERE i.code = $1 AND u.code = $2`,
    [indicator, unit, period, p.value.type, periodStart(p.value), periodEnd(p.value), value],
  );
}

describe.each(TEST_DB_KINDS)('the list of registers (GET /registers) on %s', (kind) => {
  let db: Db;
  let app: TestServer;
  let viewer15: string;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T03:00:00Z') };
    await upsertUnits(db, '2025', [
      unitInput('VN', 'Việt Nam', 'national', null),
      unitInput('15', 'Tỉnh Lào Cai', 'province', 'VN'),
      unitInput('48', 'Thành phố Đà Nẵng', 'province', 'VN'),
      unitInput('02647', 'Phường Lào Cai', 'commune', '15'),
      unitInput('02647-T1', 'Tổ 1', 'village', '02647'),
      unitInput('02647-T2', 'Tổ 2', 'village', '02647'),
      unitInput('20194', 'Phường Hải Châu', 'commune', '48'),
    ]);
    await refreshUnitPaths(db);
    await db.query(
      `INSERT INTO indicator (code, name_vi, name_en, value_type) VALUES
         ('REG_FIBRE', 'Thôn có cáp quang', 'Village has fibre', 'boolean'),
         ('REG_LAN', 'Xã có LAN đạt chuẩn', NULL, 'boolean'),
         ('REG_TEAMS', 'Số tổ công nghệ số', NULL, 'count')`,
    );
    await putValue(db, 'REG_FIBRE', '02647-T1', '2024Q2', 0);
    await putValue(db, 'REG_FIBRE', '02647-T2', '2024Q1', 1);
    await putValue(db, 'REG_FIBRE', '02647-T2', '2024Q2', 1);
    await putValue(db, 'REG_LAN', '20194', '2024Q2', 0);
    await putValue(db, 'REG_TEAMS', '02647', '2024Q2', 3);
    viewer15 = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'v', role: 'viewer', unit: '15' })).token;
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('lists the yes/no registers kept under a unit, with their level, noun and periods', async () => {
    const auth = { authorization: `Bearer ${viewer15}` };
    const res = await app.inject({ url: '/api/v1/registers?unit=15', headers: auth });
    expect(res.statusCode).toBe(200);
    // REG_LAN has values only under province 48; REG_TEAMS is a count, not a yes/no register.
    expect(res.json()).toEqual({
      unit: '15',
      registers: [
        {
          indicator: 'REG_FIBRE',
          nameVi: 'Thôn có cáp quang',
          nameEn: 'Village has fibre',
          level: 'village',
          noun: { vi: 'thôn', en: 'villages' },
          periods: ['2024Q1', '2024Q2'],
        },
      ],
    });
    const all = await app.inject('/api/v1/registers');
    expect(
      all.json().registers.map((r: { indicator: string; level: string }) => [r.indicator, r.level]),
    ).toEqual([
      ['REG_FIBRE', 'village'],
      ['REG_LAN', 'commune'],
    ]);
  });

  it('refuses a unit outside the reader’s scope, and a unit that does not exist', async () => {
    const auth = { authorization: `Bearer ${viewer15}` };
    const outside = await app.inject({ url: '/api/v1/registers?unit=48', headers: auth });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().message_vi).toContain('48');
    expect(outside.body).not.toContain('REG_LAN');
    const everything = await app.inject({ url: '/api/v1/registers', headers: auth });
    expect(everything.statusCode).toBe(403);
    expect((await app.inject('/api/v1/registers?unit=99999')).statusCode).toBe(404);
  });

  it('gives the entry template only to those who may enter values at the unit', async () => {
    const url = '/api/v1/registers/template?indicator=REG_FIBRE&period=2024Q3&unit=02647';
    const refused = await app.inject({ url, headers: { authorization: `Bearer ${viewer15}` } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message_en).toContain('enter values');
    const reporter = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'r', role: 'reporter', unit: '02647' }))
      .token;
    const allowed = await app.inject({ url, headers: { authorization: `Bearer ${reporter}` } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['content-type']).toContain('spreadsheetml');
  });
});
