import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';
import { seedSmallUnitTree } from '../support/values-fixture.js';

describe.each(TEST_DB_KINDS)('indicators, plans, targets and values over HTTP on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;
  let reporter: string;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2025-03-01T08:00:00Z') };
    await seedSmallUnitTree(db);
    reporter = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'bac-ha', role: 'reporter', unit: '04000' }))
      .token;
    app = await buildTestServer({ ctx });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('creates, reads, lists and updates indicators', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      payload: { code: 'TK', nameVi: 'Số tài khoản', valueType: 'count', group: 'digitalEconomy' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'TK', direction: 'increase', timeAggregation: 'last' });
    for (const payload of [
      { code: 'DVC', nameVi: 'Hồ sơ trực tuyến', valueType: 'percent', measureUnit: '%' },
      { code: 'CAP', nameVi: 'Hộ có cáp quang', valueType: 'ratio' },
      { code: 'WIFI', nameVi: 'Có wifi công cộng', valueType: 'boolean' },
      { code: 'TK_MOI', nameVi: 'Tài khoản mở mới', valueType: 'count' },
    ]) {
      expect((await app.inject({ method: 'POST', url: '/api/v1/indicators', payload })).statusCode).toBe(201);
    }
    const list = await app.inject('/api/v1/indicators?group=digitalEconomy');
    expect(list.json().indicators.map((i: { code: string }) => i.code)).toEqual(['TK']);
    const updated = await app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/TK',
      payload: { nameEn: 'Accounts' },
    });
    expect(updated.json()).toMatchObject({ code: 'TK', nameEn: 'Accounts', valueType: 'count' });
    expect((await app.inject('/api/v1/indicators/TK')).json().nameEn).toBe('Accounts');
    const duplicate = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      payload: { code: 'TK', nameVi: 'x', valueType: 'count' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    // The refusal names the code, so a form shows it at that field.
    expect(duplicate.json().errors).toEqual([
      { field: 'code', message_vi: 'Mã này đã có chỉ tiêu.', message_en: 'This code is already in use.' },
    ]);
    const badType = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      payload: { code: 'Z', nameVi: 'x', valueType: 'percentage' },
    });
    expect(badType.statusCode).toBe(400);
    expect((await app.inject('/api/v1/indicators/NOPE')).statusCode).toBe(404);
  });

  it('creates plans and targets, and lists them', async () => {
    const plan = await app.inject({
      method: 'POST',
      url: '/api/v1/plans',
      payload: { code: 'LC-2025', name: 'Kế hoạch 2025', unit: '15', startYear: 2025, endYear: 2025 },
    });
    expect(plan.statusCode).toBe(201);
    const target = await app.inject({
      method: 'POST',
      url: '/api/v1/plans/LC-2025/targets',
      payload: {
        indicator: 'DVC',
        unit: '15',
        period: '2025',
        target: 95,
        baseline: 80,
        baselinePeriod: '2024',
        leadUnit: '04000',
      },
    });
    expect(target.statusCode).toBe(201);
    expect(target.json()).toMatchObject({ target: 95, baseline: 80, leadUnit: '04000' });
    const wifi = await app.inject({
      method: 'POST',
      url: '/api/v1/plans/LC-2025/targets',
      payload: { indicator: 'WIFI', unit: '15', period: '2025', target: true },
    });
    expect(wifi.json().target).toBe(true);
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/plans/LC-2025/targets',
      payload: { indicator: 'DVC', unit: '15', period: '2025', target: 97 },
    });
    expect(changed.json()).toMatchObject({ target: 97, baseline: 80 });
    const outOfRange = await app.inject({
      method: 'POST',
      url: '/api/v1/plans/LC-2025/targets',
      payload: { indicator: 'TK', unit: '15', period: '2025', target: -3 },
    });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().message_en).toContain('cannot be negative');
    const targets = await app.inject('/api/v1/plans/LC-2025/targets');
    expect(targets.json().targets.map((t: { indicator: string }) => t.indicator)).toEqual(['DVC', 'WIFI']);
    const plans = await app.inject('/api/v1/plans');
    expect(plans.json().plans).toEqual([
      expect.objectContaining({ code: 'LC-2025', unit: '15', targetCount: 2 }),
    ]);
    expect(
      (await app.inject({ method: 'PUT', url: '/api/v1/plans/LC-2025', payload: { endYear: 2026 } })).json()
        .endYear,
    ).toBe(2026);
  });

  it('saves a value, returns the new version, and refuses a stale version with 409', async () => {
    const first = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'DVC', unit: '04000', period: '2025Q1', value: 36.8, comment: 'quý I' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ action: 'create', version: 1, value: 36.8, source: 'api' });
    const second = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'DVC', unit: '04000', period: '2025Q1', value: 40, version: 1 },
    });
    expect(second.json()).toMatchObject({ action: 'update', version: 2, value: 40 });
    const stale = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      headers: { 'accept-language': 'en' },
      payload: { indicator: 'DVC', unit: '04000', period: '2025Q1', value: 41, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'staleVersion', status: 409 });
    expect(stale.json().detail).toContain('current version 2');
    const one = await app.inject('/api/v1/values/one?indicator=DVC&unit=04000&period=2025Q1');
    expect(one.json()).toMatchObject({ value: 40, version: 2, comment: null });
    expect((await app.inject('/api/v1/values/one?indicator=DVC&unit=04000&period=2024')).statusCode).toBe(
      404,
    );
  });

  it('takes ratios as numerator and denominator and booleans as words', async () => {
    const ratio = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'CAP', unit: '04000', period: '2025', numerator: 30, denominator: 120 },
    });
    expect(ratio.json()).toMatchObject({ value: 25, numerator: 30, denominator: 120 });
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'CAP', unit: '04000', period: '2024', numerator: 130, denominator: 120 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'numerator' });
    const yes = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'WIFI', unit: '04000', period: '2025', value: 'có' },
    });
    expect(yes.json()).toMatchObject({ value: true });
  });

  it('lists values by unit subtree and gives a value’s history', async () => {
    const list = await app.inject('/api/v1/values?unit=15&period=2025');
    expect(list.json().values.map((v: { indicator: string }) => v.indicator)).toEqual(['CAP', 'WIFI']);
    const history = await app.inject('/api/v1/values/history?indicator=DVC&unit=04000&period=2025Q1');
    expect(history.statusCode).toBe(200);
    expect(history.json().changes.map((c: { new: { value: number } }) => c.new.value)).toEqual([36.8, 40]);
    expect(history.json().changes[1].old).toMatchObject({ value: 36.8, comment: 'quý I', version: 1 });
  });

  it('creates validation rules and refuses values that break them', async () => {
    const badRule = await app.inject({
      method: 'POST',
      url: '/api/v1/validation-rules',
      payload: { code: 'R0', nameVi: 'x', leftSide: '#{TK_MOI} +', operator: '<=', rightSide: '#{TK}' },
    });
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().errors[0].field).toBe('leftSide');
    const rule = await app.inject({
      method: 'POST',
      url: '/api/v1/validation-rules',
      payload: {
        code: 'NEW_LE_ALL',
        nameVi: 'Mở mới không vượt tổng',
        leftSide: '#{TK_MOI}',
        operator: '<=',
        rightSide: '#{TK}',
      },
    });
    expect(rule.statusCode).toBe(201);
    expect(rule.json().indicators).toEqual(['TK', 'TK_MOI']);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/validation-rules',
      payload: { code: 'NEW_LE_ALL', nameVi: 'x', leftSide: '#{TK_MOI}', operator: '<=', rightSide: '1' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors.map((e: { field: string }) => e.field)).toEqual(['code']);
    const group = {
      method: 'POST' as const,
      url: '/api/v1/indicator-groups',
      payload: { code: 'G1', nameVi: 'Nhóm' },
    };
    expect((await app.inject(group)).statusCode).toBe(201);
    const groupAgain = await app.inject(group);
    expect(groupAgain.statusCode).toBe(409);
    expect(groupAgain.json().errors).toEqual([
      { field: 'code', message_vi: 'Mã này đã có nhóm.', message_en: 'This code is already in use.' },
    ]);
    await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'TK', unit: '04000', period: '2025', value: 100 },
    });
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      payload: { indicator: 'TK_MOI', unit: '04000', period: '2025', value: 150 },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message_vi).toContain('#{TK_MOI} = 150');
    expect(refused.json().message_vi).toContain('#{TK} = 100');
    const rules = await app.inject('/api/v1/validation-rules?indicator=TK');
    expect(rules.json().rules.map((r: { code: string }) => r.code)).toEqual(['NEW_LE_ALL']);
  });

  it('lets a reporter token save values in its commune only, and not change the catalogue', async () => {
    const auth = { authorization: `Bearer ${reporter}` };
    const own = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      headers: auth,
      payload: { indicator: 'TK', unit: '04000', period: '2024', value: 3 },
    });
    expect(own.statusCode).toBe(200);
    const other = await app.inject({
      method: 'PUT',
      url: '/api/v1/values',
      headers: auth,
      payload: { indicator: 'TK', unit: '04001', period: '2024', value: 3 },
    });
    expect(other.statusCode).toBe(403);
    const catalogue = await app.inject({
      method: 'POST',
      url: '/api/v1/indicators',
      headers: auth,
      payload: { code: 'R_X', nameVi: 'x', valueType: 'count' },
    });
    expect(catalogue.statusCode).toBe(403);
  });

  it('adds a workspace unit under an official one and refuses an official 2025 code', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { code: 'LCI-STTTT', name: 'Sở TT&TT', kind: 'agency', parent: '15' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'LCI-STTTT', set: 'workspace', parentCode: '15' });
    const clash = await app.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: { code: '04001', name: 'x', kind: 'village', parent: '04000' },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().message_en).toContain('04001');
  });
});
