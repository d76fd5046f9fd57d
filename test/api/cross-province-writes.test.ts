import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { createIndicator } from '../../src/app/catalogue/create-indicator.js';
import { createWorkspaceUnit } from '../../src/app/catalogue/create-workspace-unit.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { createPlan } from '../../src/app/plans/create-plan.js';
import { createTarget } from '../../src/app/plans/create-target.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import { createTask } from '../../src/app/tasks/create-task.js';
import { saveValue } from '../../src/app/values/save-value.js';
import type { Db } from '../../src/store/db.js';
import { approvePeriod, loadSmallTree, testContext } from '../support/auth-fixtures.js';
import { dumpDatabase } from '../support/import-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

/**
 * Writes that reach into another province (security review F1, F2). Province A is 15 (communes 02647, 02648),
 * province B is 48 (commune 20194). Every write — API route, import sheet — needs the right over the unit a row
 * belongs to now and over the one it will belong to; a target needs the right over its plan's unit and its own.
 * Reading an evaluation shows only the targets and actuals of units the reader may read.
 */

type Problem = {
  code: string;
  message_vi: string;
  message_en: string;
  errors: { sheet?: string; row?: number; column?: string; message_vi: string; message_en: string }[];
};

// A request records when its API token was last used; everything else must stay as it was.
const USED_TOKENS = ['api_token'];

describe.each(TEST_DB_KINDS)('writes across provinces on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  /** Administrator of province B (48). */
  let admb: string;
  /** Secretariat of province A (15). */
  let seca: string;
  /** Secretariat of ward 02647 of province A. */
  let secw: string;
  /** Administrator of the whole installation. */
  let root: string;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = testContext(db, () => new Date('2025-06-30T03:00:00Z'));
    await loadSmallTree(db);
    await createIndicator(ctx, LOCAL_ADMIN, { code: 'DX_A', nameVi: 'Tỷ lệ hồ sơ', valueType: 'percent' });
    await createPlan(ctx, LOCAL_ADMIN, {
      code: 'KH-A',
      name: 'Kế hoạch A',
      unit: '15',
      startYear: 2025,
      endYear: 2025,
    });
    await createPlan(ctx, LOCAL_ADMIN, {
      code: 'KH-A2',
      name: 'Kế hoạch A2',
      unit: '15',
      startYear: 2025,
      endYear: 2025,
    });
    await createTarget(ctx, LOCAL_ADMIN, {
      plan: 'KH-A',
      indicator: 'DX_A',
      unit: '15',
      period: '2025',
      target: 90,
    });
    await createWorkspaceUnit(ctx, LOCAL_ADMIN, {
      code: 'A-T01',
      name: 'Thôn Sín Chải',
      kind: 'village',
      parent: '02647',
    });
    await saveValue(ctx, LOCAL_ADMIN, { indicator: 'DX_A', unit: 'A-T01', period: '2025Q1', value: 64 });
    await approvePeriod(ctx, 'KH-A', '2025Q1', ['02647']);
    await createTask(ctx, LOCAL_ADMIN, {
      code: 'T-A',
      programme: 'DA06',
      title: 'Nhiệm vụ của tỉnh A',
      leadUnit: '15',
      status: 'inProgress',
    });
    const token = async (role: 'admin' | 'secretariat', unit: string) =>
      (await createApiToken(ctx, LOCAL_ADMIN, { name: `${role} ${unit}`, role, unit })).token;
    admb = await token('admin', '48');
    seca = await token('secretariat', '15');
    secw = await token('secretariat', '02647');
    root = await token('admin', '/');
    app = await buildServer({ ctx });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const call = (
    token: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const importCsv = (token: string, sheet: string, lines: string[]) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/imports?sheet=${sheet}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      payload: `${lines.join('\n')}\n`,
    });
  const where = (p: Problem) => p.errors.map((e) => `${e.sheet} ${e.row} ${e.column}`);

  describe('F1: an import may not take over another province’s rows', () => {
    it('refuses moving province A’s plan to province B, writing nothing, as PUT /plans does', async () => {
      const before = await dumpDatabase(db, USED_TOKENS);
      const res = await importCsv(admb, 'plans', [
        'code,name,unit_code,start_year,end_year',
        'KH-A,stolen,48,2025,2025',
      ]);
      expect(res.statusCode, res.body).toBe(403);
      const problem = res.json() as Problem;
      expect(problem.code).toBe('forbidden');
      expect(where(problem)).toEqual(['plans 2 code']);
      expect(problem.errors[0]?.message_vi).toContain('15');
      expect(problem.errors[0]?.message_en).toContain('15');
      expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
      // The API refuses the same change with the same words: one rule for both.
      const api = await call(admb, 'PUT', '/plans/KH-A', { unit: '48' });
      expect(api.statusCode).toBe(403);
      expect((api.json() as Problem).message_en).toBe(problem.errors[0]?.message_en);
      // Province A keeps its plan; B still cannot read it.
      const own = await call(seca, 'GET', '/plans/KH-A');
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ name: 'Kế hoạch A', unit: '15' });
      expect((await call(admb, 'GET', '/plans/KH-A')).statusCode).toBe(403);
    });

    it('refuses moving province A’s village under province B, so its locked values stay A’s', async () => {
      const before = await dumpDatabase(db, USED_TOKENS);
      const res = await importCsv(admb, 'units', [
        'code,name,kind,parent_code',
        'A-T01,Thôn Sín Chải,village,20194',
      ]);
      expect(res.statusCode, res.body).toBe(403);
      expect(where(res.json() as Problem)).toEqual(['units 2 code']);
      expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
      expect((await call(admb, 'PUT', '/units/A-T01', { parent: '20194' })).statusCode).toBe(403);
      expect((await call(root, 'GET', '/units/A-T01')).json()).toMatchObject({ parentCode: '02647' });
      const write = await call(admb, 'PUT', '/values', {
        indicator: 'DX_A',
        unit: 'A-T01',
        period: '2025Q1',
        value: 1,
      });
      expect(write.statusCode).toBe(403);
    });

    it('refuses taking over province A’s task, and writes none of the file’s other rows', async () => {
      const before = await dumpDatabase(db, USED_TOKENS);
      const res = await importCsv(admb, 'tasks', [
        'code,programme,title,lead_unit_code,status',
        'T-B,DA06,own task,48,notStarted',
        'T-A,DA06,stolen task,48,notStarted',
      ]);
      expect(res.statusCode, res.body).toBe(403);
      expect(where(res.json() as Problem)).toEqual(['tasks 3 code']);
      expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
      expect((await call(admb, 'PATCH', '/tasks/T-A', { leadUnit: '48' })).statusCode).toBe(403);
      expect((await call(seca, 'GET', '/tasks/T-A')).json()).toMatchObject({
        title: 'Nhiệm vụ của tỉnh A',
        leadUnit: { code: '15' },
      });
      expect((await call(root, 'GET', '/tasks/T-B')).statusCode).toBe(404);
    });

    it('refuses a target on province A’s plan from province B, even at B’s own unit', async () => {
      const before = await dumpDatabase(db, USED_TOKENS);
      const res = await importCsv(admb, 'targets', [
        'plan_code,indicator_code,unit_code,period,target',
        'KH-A,DX_A,48,2025,50',
      ]);
      expect(res.statusCode, res.body).toBe(403);
      expect(where(res.json() as Problem)).toEqual(['targets 2 plan_code']);
      expect(await dumpDatabase(db, USED_TOKENS)).toEqual(before);
      const api = await call(admb, 'POST', '/plans/KH-A/targets', {
        indicator: 'DX_A',
        unit: '48',
        period: '2025',
        target: 50,
      });
      expect(api.statusCode).toBe(403);
    });

    it('still lets each province import and move its own rows within its own units', async () => {
      const own = await importCsv(seca, 'plans', [
        'code,name,unit_code,start_year,end_year',
        'KH-A2,Kế hoạch A2,02647,2025,2025',
      ]);
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json()).toMatchObject({ sheets: { plans: { updated: 1 } } });
      const b = await importCsv(admb, 'tasks', [
        'code,programme,title,lead_unit_code,status',
        'T-B,DA06,own task,48,notStarted',
      ]);
      expect(b.statusCode, b.body).toBe(200);
      expect(b.json()).toMatchObject({ sheets: { tasks: { inserted: 1 } } });
    });
  });

  describe('F2: a target on another unit may not expose that unit’s values', () => {
    it('refuses a target on a unit outside the caller’s units, by the API and by an import', async () => {
      const plan = await call(secw, 'POST', '/plans', {
        code: 'P-LEAK',
        name: 'Kế hoạch phường',
        unit: '02647',
        startYear: 2025,
        endYear: 2025,
      });
      expect(plan.statusCode, plan.body).toBe(201);
      for (const unit of ['15', '20194']) {
        const res = await call(secw, 'POST', '/plans/P-LEAK/targets', {
          indicator: 'DX_A',
          unit,
          period: '2025',
          target: 1,
        });
        expect(res.statusCode, `${unit}: ${res.body}`).toBe(403);
        expect((res.json() as Problem).message_en).toContain(unit);
      }
      const imported = await importCsv(secw, 'targets', [
        'plan_code,indicator_code,unit_code,period,target',
        'P-LEAK,DX_A,20194,2025,1',
      ]);
      expect(imported.statusCode).toBe(403);
      expect(where(imported.json() as Problem)).toEqual(['targets 2 unit_code']);
      const mine = await call(secw, 'POST', '/plans/P-LEAK/targets', {
        indicator: 'DX_A',
        unit: '02647',
        period: '2025',
        target: 80,
      });
      expect(mine.statusCode, mine.body).toBe(201);
    });

    it('refuses changing a target stored at a unit outside the caller’s units', async () => {
      // An installation administrator sets a target of the ward's plan at a unit of province B, led by the ward.
      const planted = await call(root, 'POST', '/plans/P-LEAK/targets', {
        indicator: 'DX_A',
        unit: '20194',
        period: '2025',
        target: 80,
        leadUnit: '02647',
      });
      expect(planted.statusCode, planted.body).toBe(201);
      const res = await call(secw, 'PUT', '/plans/P-LEAK/targets', {
        indicator: 'DX_A',
        unit: '20194',
        period: '2025',
        target: 1,
      });
      expect(res.statusCode, res.body).toBe(403);
      const stored = await call(root, 'GET', '/plans/P-LEAK/targets?unit=20194');
      expect((stored.json() as { targets: { target: number }[] }).targets.map((t) => t.target)).toEqual([80]);
    });

    it('never shows the actual of a unit the reader may not read, even for a target already stored there', async () => {
      // The target the installation administrator set at 20194 above, with values there the ward may not read.
      await saveValue(ctx, LOCAL_ADMIN, {
        indicator: 'DX_A',
        unit: '20194',
        period: '2025Q1',
        value: 77.7,
        comment: 'so lieu rieng',
      });
      await saveValue(ctx, LOCAL_ADMIN, { indicator: 'DX_A', unit: '20194', period: '2025', value: 78.9 });
      expect((await call(secw, 'GET', '/values/one?indicator=DX_A&unit=20194&period=2025')).statusCode).toBe(
        403,
      );

      for (const period of ['2025', '2025Q2']) {
        const evaluation = await call(secw, 'GET', `/plans/P-LEAK/evaluation?period=${period}`);
        expect(evaluation.statusCode, evaluation.body).toBe(200);
        const body = evaluation.json() as { total: number; targets: { unit: string }[] };
        expect(body.targets.map((t) => t.unit)).toEqual(['02647']);
        expect(body.total).toBe(1);
        expect(evaluation.body).not.toMatch(/20194|77\.7|78\.9|Hải Châu/);
      }
      // The province's administrator sees both, as before.
      const all = await call(root, 'GET', '/plans/P-LEAK/evaluation?period=2025');
      expect(
        (all.json() as { targets: { unit: string; actual: number }[] }).targets.map((t) => [
          t.unit,
          t.actual,
        ]),
      ).toEqual([
        ['02647', null],
        ['20194', 78.9],
      ]);

      const trace = await call(secw, 'GET', '/plans/P-LEAK/targets/DX_A/trace?period=2025&unit=20194');
      expect(trace.statusCode).toBe(403);
      const ownTrace = await call(secw, 'GET', '/plans/P-LEAK/targets/DX_A/trace?period=2025');
      expect(ownTrace.statusCode, ownTrace.body).toBe(200);
      expect(ownTrace.json()).toMatchObject({ unit: '02647', values: [] });
      const across = await call(secw, 'GET', '/indicators/DX_A/evaluation?plan=P-LEAK&period=2025');
      expect(across.statusCode, across.body).toBe(200);
      expect(across.body).not.toMatch(/20194|78\.9/);
      const list = await call(secw, 'GET', '/plans/P-LEAK/targets');
      expect(list.body).not.toContain('20194');

      // The entry template of the ward lists what the ward leads, but not a unit it may not read.
      const template = await call(secw, 'GET', '/plans/P-LEAK/template?period=2025Q1&unit=02647');
      expect(template.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      const copy = new ArrayBuffer(template.rawPayload.byteLength);
      new Uint8Array(copy).set(template.rawPayload);
      await wb.xlsx.load(copy);
      const units: unknown[] = [];
      wb.getWorksheet('values')?.eachRow((row, n) => {
        if (n > 1) units.push(row.getCell(2).value);
      });
      expect(units).toEqual(['02647']);
    });

    it('evaluates a plan only at its own unit or below: another province cannot read its targets by naming its own unit', async () => {
      // Province B's administrator may read 48 and 20194, but plan KH-A is province A's.
      for (const url of [
        '/plans/KH-A/evaluation?period=2025&unit=48',
        '/plans/KH-A/evaluation?period=2025&unit=20194',
        '/indicators/DX_A/evaluation?plan=KH-A&period=2025&parent=48',
        '/plans/KH-A/targets/DX_A/trace?period=2025&unit=20194',
      ]) {
        const answer = await call(admb, 'GET', url);
        expect(answer.statusCode, `${url} ${answer.body}`).toBe(400);
        expect(answer.body).toContain('is not within unit 15 of plan «KH-A»');
        expect(answer.body).not.toMatch(/Kế hoạch A|"target":90/);
      }
      // Within the plan's unit it is evaluated as before: the province's 90 judged on a commune's own figure.
      const commune = await call(seca, 'GET', '/plans/KH-A/evaluation?period=2025&unit=02647');
      expect(commune.statusCode, commune.body).toBe(200);
      expect(commune.json()).toMatchObject({ unit: '02647', targets: [{ unit: '02647', target: 90 }] });
    });
  });
});
