import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestServer as buildServer } from '../support/api.js';
import type { Api } from '../../src/api/api-types.js';
import type { Db } from '../../src/store/db.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { unitInput as unit } from '../support/units-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

describe.each(TEST_DB_KINDS)('units API on %s', (kind) => {
  let db: Db;
  let app: Api;
  beforeAll(async () => {
    db = await createTestDb(kind);
    await upsertUnits(db, '2025', [
      unit('VN', 'Việt Nam', 'national', null),
      unit('15', 'Tỉnh Lào Cai', 'province', 'VN'),
      unit('48', 'Thành phố Đà Nẵng', 'province', 'VN'),
      unit('02647', 'Phường Lào Cai', 'commune', '15'),
      unit('02648', 'Xã Bát Xát', 'commune', '15'),
    ]);
    await upsertUnits(db, 'pre2025', [
      unit('VN', 'Việt Nam', 'national', null),
      unit('10', 'Tỉnh Lào Cai', 'province', 'VN', 'pre2025'),
    ]);
    await refreshUnitPaths(db);
    app = await buildServer({ ctx: { db, now: () => new Date('2026-11-23T00:00:00Z') } });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists the children of a unit', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units?parent=15' });
    expect(res.statusCode).toBe(200);
    expect(res.json().units.map((u: { code: string }) => u.code)).toEqual(['02647', '02648']);
  });

  it.each([
    ['lao cai', ['02647', '15']],
    ['LÀO CAI', ['02647', '15']],
    ['da nang', ['48']],
    ['bat xat', ['02648']],
  ])('finds %j without caring for diacritics or case', async (q, codes) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent(q)}` });
    expect(res.json().units.map((u: { code: string }) => u.code)).toEqual(codes);
  });

  it('names a unit of another set by set:code', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units/pre2025:10' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: 'pre2025:10',
      set: 'pre2025',
      name: 'Tỉnh Lào Cai',
      parentCode: 'pre2025:VN',
    });
  });

  it('answers an unknown unit with problem+json in Vietnamese, or English on request', async () => {
    const vi = await app.inject({ method: 'GET', url: '/api/v1/units/99' });
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(vi.json()).toMatchObject({
      status: 404,
      code: 'notFound',
      detail: expect.stringContaining('Không tìm thấy'),
    });
    const en = await app.inject({
      method: 'GET',
      url: '/api/v1/units/99',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().detail).toContain('was not found');
    expect(en.json().message_vi).toContain('Không tìm thấy');
  });

  it('refuses a bad query parameter naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/units?level=planet' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toContain('level');
  });

  it('answers an unknown route with problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('notFound');
  });
});
