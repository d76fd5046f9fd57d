import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { LOCAL_ADMIN } from '../../src/app/context.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { openDatabase, type OpenedDatabase } from '../../src/store/open-database.js';
import { refreshUnitPaths, upsertUnits } from '../../src/store/units.queries.js';
import { buildTestServer, type TestServer } from '../support/api.js';
import {
  approvePeriod,
  insertIndicator,
  insertPlan,
  insertValue,
  loadSmallTree,
  testContext,
} from '../support/auth-fixtures.js';
import { tempDirSync } from '../support/temp-dir.js';
import { unitInput } from '../support/units-fixture.js';

/**
 * The entry form of a unit (`GET /values/entry-form`) and the all-or-nothing batch save (`PUT /values/batch`):
 * what a commune reports of its province's plan, its villages' register grid, who may read it, and a batch that
 * writes everything or nothing with every failing cell named.
 */
const dataDir = tempDirSync('dxmon-entry-form-');

interface FormCell {
  indicator: string;
  target: number | null;
  value: number | boolean | null;
  version: number | null;
  lock: { message_en: string } | null;
}
interface Form {
  groups: { code: string | null; cells: FormCell[] }[];
  periods: { id: string; state: string }[];
  registers: {
    indicators: { code: string }[];
    villages: {
      code: string;
      cells: { indicator: string; value: boolean | null; version: number | null }[];
    }[];
  };
}

describe('the entry form and the batch save', () => {
  let opened: OpenedDatabase;
  let db: Db;
  let ctx: AppContext;
  let app: TestServer;
  let reporter = '';

  beforeAll(async () => {
    opened = await openDatabase({ kind: 'embedded', dataDir }, { command: 'test' });
    db = opened.db;
    await loadSmallTree(db);
    await upsertUnits(db, 'workspace', [
      {
        ...unitInput('02647-T01', 'Thôn Một', 'village', null, 'workspace'),
        parent: { set: '2025', code: '02647' },
      },
      {
        ...unitInput('02647-T02', 'Thôn Hai', 'village', null, 'workspace'),
        parent: { set: '2025', code: '02647' },
      },
    ]);
    await upsertUnits(db, 'workspace', [
      { ...unitInput('LCI-X', 'Sở X', 'agency', null, 'workspace'), parent: { set: '2025', code: '15' } },
    ]);
    await refreshUnitPaths(db);
    ctx = testContext(db, () => new Date('2025-07-05T00:00:00Z'));
    const count = await insertIndicator(db, 'DX_COUNT');
    const share = await insertIndicator(db, 'DX_SHARE');
    const own = await insertIndicator(db, 'DX_OWN');
    const register = await insertIndicator(db, 'REG_V');
    const other = await insertIndicator(db, 'DX_OTHER');
    await db.query(`UPDATE indicator SET value_type = 'count' WHERE id = ANY($1::bigint[])`, [
      [count, other],
    ]);
    await db.query(`UPDATE indicator SET value_type = 'boolean' WHERE id = $1`, [register]);
    // The province's count rolls up from its communes; its percentage does not; 02647's own target is its own.
    await insertPlan(db, 'KH-15', '15', [
      { indicatorId: count, unitCode: '15' },
      { indicatorId: share, unitCode: '15' },
      { indicatorId: own, unitCode: '02647' },
      { indicatorId: other, unitCode: '15' },
    ]);
    // The department leads the province's first count, not the other.
    await db.query(
      `UPDATE target SET lead_unit_id = (SELECT id FROM unit WHERE code = 'LCI-X') WHERE indicator_id = $1`,
      [count],
    );
    await insertValue(db, {
      indicatorId: count,
      unitCode: '02647',
      period: '2025Q1',
      start: '2025-01-01',
      end: '2025-03-31',
      type: 'quarter',
      value: 4,
    });
    await db.query(
      `INSERT INTO data_value (indicator_id, unit_id, period, period_type, period_start, period_end, value, source)
       SELECT $1, id, '2025Q2', 'quarter', '2025-04-01', '2025-06-30', 0, 'cli' FROM unit WHERE code = '02647-T01'`,
      [register],
    );
    app = await buildTestServer({ ctx });
    reporter = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'xa', role: 'reporter', unit: '02647' }))
      .token;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await opened?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const form = (unit: string, period: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/values/entry-form?unit=${unit}&period=${period}`,
      headers: { authorization: `Bearer ${reporter}` },
    });
  const batch = (values: unknown[]) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/values/batch',
      headers: { authorization: `Bearer ${reporter}` },
      payload: { values },
    });

  it('lists what the commune reports: rolled-up and own targets, with the previous period, and its village grid', async () => {
    const res = await form('02647', '2025Q2');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Form>();
    const cells = body.groups.flatMap((g) => g.cells);
    expect(cells.map((c) => c.indicator).sort()).toEqual(['DX_COUNT', 'DX_OTHER', 'DX_OWN']);
    const count = cells.find((c) => c.indicator === 'DX_COUNT');
    expect(count).toMatchObject({
      target: 90,
      value: null,
      version: null,
      previous: { period: '2025Q1', value: 4 },
    });
    expect(body.periods.map((p) => p.id)).toContain('2025S1');
    expect(body.periods.map((p) => p.id)).not.toContain('2025Q4');
    expect(body.registers.indicators.map((i) => i.code)).toEqual(['REG_V']);
    expect(body.registers.villages.map((v) => [v.code, v.cells[0]?.value, v.cells[0]?.version])).toEqual([
      ['02647-T01', false, 1],
      ['02647-T02', null, null],
    ]);
  });

  it('gives the commune a template of what it reports: its own target and its share of the rolled-up ones', async () => {
    const template = async (authorization: string | null) => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/plans/KH-15/template?unit=02647&period=2025Q2',
        ...(authorization ? { headers: { authorization } } : {}),
      });
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
      const codes: string[] = [];
      wb.getWorksheet('values')?.eachRow((row, n) => {
        if (n > 1) codes.push(`${String(row.getCell(1).value)}|${String(row.getCell(2).value)}`);
      });
      return codes.sort();
    };
    // The reporter's template has the rows of its form: the province's counts for the commune, and its own target.
    expect(await template(`Bearer ${reporter}`)).toEqual([
      'DX_COUNT|02647',
      'DX_OTHER|02647',
      'DX_OWN|02647',
    ]);
    // A reader who may not enter the commune's values gets the targets set there only, as before.
    const viewer = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'xem', role: 'viewer', unit: '02647' }))
      .token;
    expect(await template(`Bearer ${viewer}`)).toEqual(['DX_OWN|02647']);
  });

  it('gives a department only the rolled-up targets it leads', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/values/entry-form?unit=LCI-X&period=2025Q2',
    });
    expect(res.statusCode, res.body).toBe(200);
    const cells = res.json<Form>().groups.flatMap((g) => g.cells);
    expect(cells.map((c) => c.indicator)).toEqual(['DX_COUNT']);
  });

  it('refuses a commune the reporter has no role over (403)', async () => {
    const res = await form('02648', '2025Q2');
    expect(res.statusCode).toBe(403);
    expect(res.json().message_en).toContain('enter values');
  });

  it('writes a whole grid in one go, and nothing when one cell is bad, naming it', async () => {
    const bad = await batch([
      { indicator: 'REG_V', unit: '02647-T02', period: '2025Q2', value: true, version: null },
      { indicator: 'DX_COUNT', unit: '02647', period: '2025Q2', value: -3, version: null },
    ]);
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['values[1].value']);
    expect(await db.query(`SELECT 1 FROM data_value WHERE period = '2025Q2' AND value = 1`)).toEqual([]);

    const good = await batch([
      { indicator: 'REG_V', unit: '02647-T01', period: '2025Q2', value: true, version: 1 },
      { indicator: 'REG_V', unit: '02647-T02', period: '2025Q2', value: 'có', version: null },
    ]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().saved.map((s: { version: number; action: string }) => [s.version, s.action])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
  });

  it('refuses stale versions with 409 naming each, writing nothing', async () => {
    const res = await batch([
      { indicator: 'REG_V', unit: '02647-T01', period: '2025Q2', value: false, version: 1 },
      { indicator: 'DX_OWN', unit: '02647', period: '2025Q2', value: 50, version: null },
    ]);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['values[0].version']);
    expect(res.json().errors[0].message_en).toContain('current version 2');
    const own = await db.query(
      `SELECT 1 FROM data_value dv JOIN indicator i ON i.id = dv.indicator_id WHERE i.code = 'DX_OWN'`,
    );
    expect(own).toEqual([]);
  });

  it('shows cells locked by an approval with the reason, and refuses them in a batch (423)', async () => {
    await approvePeriod(ctx, 'KH-15', '2025S1', ['02647']);
    const body = (await form('02647', '2025Q2')).json<Form>();
    expect(body.periods.find((p) => p.id === '2025S1')?.state).toBe('approved');
    const own = body.groups.flatMap((g) => g.cells).find((c) => c.indicator === 'DX_OWN');
    expect(own?.lock?.message_en).toContain('plan KH-15 has been approved');
    const res = await batch([
      { indicator: 'DX_OWN', unit: '02647', period: '2025Q2', value: 50, version: null },
    ]);
    expect(res.statusCode, res.body).toBe(423);
    expect(res.json().errors[0].field).toBe('values[0]');
  });
});
