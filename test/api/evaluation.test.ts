import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { evaluatePlan } from '../../src/app/evaluation/evaluate-plan.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

describe.each(TEST_DB_KINDS)('evaluation API on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  let viewerOfP: string;
  let viewerOfC2: string;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T00:00:00Z') };
    await seedEvaluationPlan(db);
    viewerOfP = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'p', role: 'viewer', unit: 'P' })).token;
    viewerOfC2 = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'c2', role: 'viewer', unit: 'C2' })).token;
    app = await buildServer({ ctx });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string, token = viewerOfP) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('GET /plans/{code}/evaluation gives the same content as the use case (docs/evaluation.md)', async () => {
    const res = await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual(
      JSON.parse(JSON.stringify(await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1' }))),
    );
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(['plan', 'period', 'unit', 'total', 'bands', 'targets']),
    );
    expect(body.bands).toEqual({ exceeded: 2, over80: 1, from50to80: 1, under50: 2, noData: 1 });
    expect(body.targets[0]).toMatchObject({
      indicator: 'RATIO',
      unit: 'P',
      period: '2024',
      actual: 62.5,
      target: 60,
      ratio: 1.0417,
      band: 'exceeded',
      forecast: { value: 62.5, status: 'onTrack', points: [{ period: '2024S1', x: 6, y: 62.5 }] },
    });
  });

  it('evaluates at another unit with ?unit=', async () => {
    const res = await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1&unit=C1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unit: 'C1', total: 6 });
  });

  it.each([
    ['/api/v1/plans/PLAN-P/evaluation?period=2024X', 400],
    ['/api/v1/plans/PLAN-P/evaluation', 400],
    ['/api/v1/plans/NOPE/evaluation?period=2024S1', 404],
  ])('answers %s with %i as problem+json', async (url, status) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['2024-06', '202406 (month)', '202406'],
    ['2024Q01', 'the quarter must be 1 to 4', 'quý'],
    ['Q2/2024', 'accepted forms', '2024Q1'],
  ])('answers the period %s with what is wrong with it, in both languages', async (period, en, vi) => {
    const res = await get(`/api/v1/plans/PLAN-P/evaluation?period=${encodeURIComponent(period)}`);
    expect(res.statusCode).toBe(400);
    const body = res.json() as { message_vi: string; message_en: string };
    expect(body.message_en).toContain(en);
    expect(body.message_vi).toContain(vi);
    expect(body.message_vi).not.toMatch(/Too|expected/);
  });

  it('refuses without a token, and outside the token’s units', async () => {
    const anonymous = await app.inject({
      method: 'GET',
      url: '/api/v1/plans/PLAN-P/evaluation?period=2024S1',
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', viewerOfC2)).statusCode).toBe(403);
    expect((await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1&unit=C2', viewerOfC2)).statusCode).toBe(
      200,
    );
  });

  it('GET /plans/{code}/targets/{indicator}/trace lists the values an actual came from', async () => {
    const res = await get('/api/v1/plans/PLAN-P/targets/FLOW/trace?period=2024S1');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: 'P', actual: 22, source: 'derived', valueCount: 3 });
    expect(
      body.values
        .map((v: { unit: string; period: string; value: number }) => [v.unit, v.period, v.value])
        .sort(),
    ).toEqual([
      ['C1', '2024Q1', 10],
      ['C1', '2024Q2', 5],
      ['C2', '2024Q1', 7],
    ]);
    expect(body.values[0]).toMatchObject({ role: 'contributing', updatedBy: 'tester', source: 'import' });
  });

  it('GET /indicators/{code}/evaluation ranks the units below a unit', async () => {
    const res = await get(
      '/api/v1/indicators/FLOW/evaluation?plan=PLAN-P&period=2024S1&parent=P&level=commune',
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(
      body.units.map((u: { unit: string; ratio: number; rank: number }) => [u.unit, u.ratio, u.rank]),
    ).toEqual([
      ['C1', 0.75, 1],
      ['C2', 0.14, 2],
    ]);
    expect(body).toMatchObject({ parent: 'P', level: 'commune', total: 2 });
  });
});
