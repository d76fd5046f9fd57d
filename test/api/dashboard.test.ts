import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { applyReviewEvent } from '../../src/app/review/apply-review-event.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { putIndicators, putUnits, putValue, seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// One request per dashboard (docs/dashboard.md): the signed-in dashboard, the landing after sign-in, and the public
// dashboard from approved data only, on the evaluation fixture (plan PLAN-P at province P) with a register, an
// overdue task and a second province Q whose viewer may read nothing of P.

interface Body {
  [key: string]: unknown;
}

describe.each(TEST_DB_KINDS)('dashboard API on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T03:00:00Z') };
    await seedEvaluationPlan(db);
    await putUnits(db, [
      ['Q', 'Tỉnh Q', 'province', null],
      ['V2', 'Thôn V2', 'village', 'C1'],
    ]);
    await putIndicators(db, [{ code: 'HAS_FIBRE', valueType: 'boolean', name: 'Thôn có cáp quang' }]);
    await putValue(db, 'HAS_FIBRE', 'V1', '2024Q1', false);
    await putValue(db, 'HAS_FIBRE', 'V2', '2024Q1', false);
    await putValue(db, 'HAS_FIBRE', 'V1', '2024Q2', true);
    await putValue(db, 'HAS_FIBRE', 'V2', '2024Q2', false);
    // A target the plan sets at a unit of another province: not the plan unit's to approve, nor viewerP's to read.
    await db.query(
      `INSERT INTO target (plan_id, indicator_id, unit_id, period, target)
       SELECT p.id, i.id, u.id, '2024', 10 FROM plan p, indicator i, unit u
       WHERE p.code = 'PLAN-P' AND i.code = 'FLOW' AND u.set_code = '2025' AND u.code = 'Q'`,
    );
    await putValue(db, 'FLOW', 'Q', '2024Q1', 3);
    for (const [name, role, unit] of [
      ['admin', 'admin', '/'],
      ['viewerP', 'viewer', 'P'],
      ['viewerC2', 'viewer', 'C2'],
      ['viewerQ', 'viewer', 'Q'],
    ] as const) {
      tokens[name] = (await createApiToken(ctx, LOCAL_ADMIN, { name, role, unit })).token;
    }
    app = await buildServer({ ctx });
    const task = await get('/api/v1/tasks', 'admin', {
      method: 'POST',
      payload: {
        code: 'T-LATE',
        programme: 'DA06',
        title: 'Kết nối hệ thống',
        leadUnit: 'AG',
        status: 'inProgress',
        due: '2024-03-31',
      },
    });
    expect(task.statusCode, task.body).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  function get(
    url: string,
    who: string,
    options: { method?: 'GET' | 'POST' | 'PUT'; payload?: object; headers?: Record<string, string> } = {},
  ) {
    return app.inject({
      method: options.method ?? 'GET',
      url,
      headers: {
        ...(options.headers ?? {}),
        ...(tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {}),
      },
      ...(options.payload ? { payload: options.payload } : {}),
    });
  }

  it('answers a plan’s dashboard in one request, at its latest period with values, counted as /evaluation', async () => {
    const res = await get('/api/v1/plans/PLAN-P/dashboard', 'viewerP');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Body>();
    // The same targets as /evaluation gives the same reader (the plan's target at province Q is not theirs).
    const evaluation = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', 'viewerP')).json<{
      total: number;
      bands: Record<string, number>;
      targets: { indicator: string; unit: string; band: string }[];
    }>();
    expect(evaluation.targets.some((t) => t.unit === 'Q')).toBe(false);
    expect(body.period).toEqual({
      id: '2024S1',
      type: 'half',
      label: '6 tháng đầu năm 2024',
      start: '2024-01-01',
      end: '2024-06-30',
    });
    expect(body.latestPeriod).toBe('2024S1');
    expect((body.periods as { id: string }[]).map((p) => p.id)).toEqual(['2024Q1', '2024S1', '2024Q2']);
    expect(body.total).toBe(evaluation.total);
    const bands = body.bands as {
      band: string;
      count: number;
      phraseVi: string;
      phraseEn: string;
      trace: string;
    }[];
    expect(Object.fromEntries(bands.map((b) => [b.band, b.count]))).toEqual(evaluation.bands);
    expect(bands[0]).toMatchObject({
      band: 'exceeded',
      phraseVi: 'hoàn thành và vượt kế hoạch giao',
      phraseEn: 'met or exceeded the planned target',
      trace: '/api/v1/plans/PLAN-P/evaluation?period=2024S1',
    });
    expect(body.share).toMatchObject({ a: 2, b: 7, percent: 28.6, text: '2/7, đạt 28,6%' });

    const targets = body.targets as Body[];
    expect(targets).toHaveLength(evaluation.targets.length);
    const ratio = targets.find((t) => t.indicator === 'RATIO' && t.unit === 'P');
    expect(ratio).toMatchObject({
      indicatorName: 'Tỷ lệ hộ có cáp quang',
      leadUnit: { code: 'AG', name: 'Sở A' },
      band: 'exceeded',
      actual: 62.5,
      target: 60,
      ratio: 1.0417,
      forecastStatus: 'onTrack',
      trend: [{ period: '2024S1', actual: 62.5 }],
      trace: '/api/v1/plans/PLAN-P/targets/RATIO/trace?period=2024S1&unit=P',
    });
    const lagging = body.lagging as { indicator: string; trace: string }[];
    expect(lagging.map((t) => t.indicator).sort()).toEqual(
      evaluation.targets
        .filter((t) => t.band === 'under50')
        .map((t) => t.indicator)
        .sort(),
    );
    expect(body.overdueTasks).toEqual([
      {
        code: 'T-LATE',
        title: 'Kết nối hệ thống',
        programme: 'DA06',
        due: '2024-03-31',
        leadUnit: { code: 'AG', name: 'Sở A' },
        trace: '/api/v1/tasks/T-LATE',
      },
    ]);
    expect(body.registers).toEqual([
      expect.objectContaining({
        indicator: 'HAS_FIBRE',
        from: '2024Q1',
        to: '2024Q2',
        lackingBefore: 2,
        lacking: 1,
        closed: 1,
        change: -1,
        trace: '/api/v1/registers/HAS_FIBRE/change?from=2024Q1&to=2024Q2&unit=P',
      }),
    ]);
    const version = (await get('/api/v1/data-version', 'viewerP')).json<Body>();
    expect(body.freshness).toEqual(version);
    expect(body.links).toMatchObject({ evaluation: '/api/v1/plans/PLAN-P/evaluation?period=2024S1' });
  });

  it('follows ?period=, ?unit= and ?lang=, with a quarter’s trend of every recorded quarter', async () => {
    const res = await get('/api/v1/plans/PLAN-P/dashboard?period=2024Q2&lang=en', 'viewerP');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<Body>();
    expect(body.period).toMatchObject({ id: '2024Q2', label: 'Q2 2024' });
    const flow = (body.targets as Body[]).find((t) => t.indicator === 'FLOW' && t.unit === 'P');
    expect(flow?.trend).toEqual([
      { period: '2024Q1', actual: 17 },
      { period: '2024Q2', actual: 5 },
    ]);
    expect((body.bands as Body[])[3]?.phrase).toBe('below 50% of the planned target');

    const atC2 = await get('/api/v1/plans/PLAN-P/dashboard?unit=C2', 'viewerC2');
    expect(atC2.statusCode, atC2.body).toBe(200);
    const c2 = atC2.json<Body>();
    expect(c2.unit).toEqual({ code: 'C2', name: 'Xã C2', level: 'commune' });
    expect((c2.targets as Body[]).every((t) => t.unit === 'C2')).toBe(true);
    expect(c2.overdueTasks).toEqual([]);
  });

  it('refuses a plan the reader may not read, as /evaluation does, and names bad fields', async () => {
    for (const unit of ['', '&unit=C1']) {
      const evaluation = await get(`/api/v1/plans/PLAN-P/evaluation?period=2024S1${unit}`, 'viewerQ');
      const res = await get(`/api/v1/plans/PLAN-P/dashboard?period=2024S1${unit}`, 'viewerQ');
      expect(res.statusCode).toBe(evaluation.statusCode);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toMatch(/Tỷ lệ hộ có cáp quang/);
    }
    expect((await get('/api/v1/plans/PLAN-P/dashboard', 'viewerC2')).statusCode).toBe(403);
    expect((await get('/api/v1/plans/PLAN-P/dashboard', 'nobody')).statusCode).toBe(401);
    const bad = await get('/api/v1/plans/PLAN-P/dashboard?period=2024Q9', 'viewerP');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Body>().errors).toEqual([expect.objectContaining({ field: 'period' })]);
    expect((await get('/api/v1/plans/NO-SUCH/dashboard', 'viewerP')).statusCode).toBe(404);
  });

  it('answers again from the data version until a change, then from the new data', async () => {
    const url = '/api/v1/plans/PLAN-P/dashboard?period=2024Q2';
    const first = (await get(url, 'viewerP')).json<Body>();
    expect((await get(url, 'viewerP')).json()).toEqual(first);
    const pct = (body: Body) => (body.targets as Body[]).find((t) => t.indicator === 'PCT' && t.unit === 'P');
    expect(pct(first)?.actual).toBe(44);
    const put = await get('/api/v1/values', 'admin', {
      method: 'PUT',
      payload: { indicator: 'PCT', unit: 'P', period: '2024Q2', value: 47, version: 1 },
    });
    expect(put.statusCode, put.body).toBeLessThan(300);
    const after = (await get(url, 'viewerP')).json<Body>();
    expect(pct(after)?.actual).toBe(47);
    expect((after.freshness as { version: number }).version).toBe(
      (first.freshness as { version: number }).version + 1,
    );
    // Another reader's grants are another answer: the commune's viewer is still refused the province.
    expect((await get(url, 'viewerC2')).statusCode).toBe(403);
  });

  it('lands each user on the most recent plan they may read, at their unit and its latest period', async () => {
    expect((await get('/api/v1/dashboard/landing', 'admin')).json()).toEqual({
      plan: 'PLAN-P',
      planName: expect.any(String),
      unit: 'P',
      period: '2024S1',
      reason: null,
    });
    expect((await get('/api/v1/dashboard/landing', 'viewerC2')).json()).toMatchObject({
      plan: 'PLAN-P',
      unit: 'C2',
      period: '2024S1',
    });
    const none = await get('/api/v1/dashboard/landing', 'viewerQ');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ plan: null, unit: null, period: null, reason: { code: 'noPlan' } });
    expect((await get('/api/v1/dashboard/landing', 'nobody')).statusCode).toBe(401);
  });

  it('shows each trace’s values with who entered them, when, and whether it was entered at the unit or derived', async () => {
    const res = await get('/api/v1/plans/PLAN-P/targets/FLOW/trace?period=2024S1&unit=P', 'viewerP');
    expect(res.statusCode).toBe(200);
    const values = res.json<{ values: Body[] }>().values;
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      expect(v).toEqual(
        expect.objectContaining({
          role: 'contributing',
          updatedAt: expect.any(String),
          createdAt: expect.any(String),
          source: expect.any(String),
        }),
      );
      expect(v).toHaveProperty('createdBy');
    }
  });

  it('publishes a plan’s dashboard signed out only for approved periods, from approved data, cached', async () => {
    const before = await app.inject({ url: '/api/v1/public/plans' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ plans: [] });
    expect((await app.inject({ url: '/api/v1/public/plans/PLAN-P/dashboard' })).statusCode).toBe(404);

    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'PLAN-P',
      period: '2024S1',
      event: 'submit',
      units: ['P'],
    });
    await applyReviewEvent(ctx, LOCAL_ADMIN, {
      plan: 'PLAN-P',
      period: '2024S1',
      event: 'approve',
      units: ['P'],
    });

    const plans = await app.inject({ url: '/api/v1/public/plans' });
    expect(plans.json()).toEqual({
      plans: [
        expect.objectContaining({
          code: 'PLAN-P',
          periods: ['2024S1'],
          latestPeriod: '2024S1',
          dashboard: '/api/v1/public/plans/PLAN-P/dashboard?period=2024S1',
        }),
      ],
    });
    const res = await app.inject({ url: '/api/v1/public/plans/PLAN-P/dashboard' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const body = res.json<Body>();
    // As the plan unit's viewer sees it: the target set at province Q is not covered by P's approval.
    const admin = (await get('/api/v1/plans/PLAN-P/dashboard?period=2024S1', 'admin')).json<Body>();
    expect((admin.targets as Body[]).some((t) => t.unit === 'Q')).toBe(true);
    const signedIn = (await get('/api/v1/plans/PLAN-P/dashboard?period=2024S1', 'viewerP')).json<Body>();
    expect(body.bands).toEqual(signedIn.bands);
    expect(body.share).toEqual(signedIn.share);
    expect((body.targets as Body[]).some((t) => t.unit === 'Q')).toBe(false);
    expect(body.overdueTasks).toBeNull();
    expect(body.registers).toBeNull();
    expect(body.links).toMatchObject({
      report: null,
      csv: '/api/v1/public/values.csv?limit=10000',
      json: '/api/v1/public/values?limit=10000',
    });
    expect(res.body).not.toMatch(/\/trace\?/);
    const again = await app.inject({
      url: '/api/v1/public/plans/PLAN-P/dashboard',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    // A period inside the approved half-year is public; the whole year is not.
    expect(
      (await app.inject({ url: '/api/v1/public/plans/PLAN-P/dashboard?period=2024Q2' })).statusCode,
    ).toBe(200);
    const year = await app.inject({ url: '/api/v1/public/plans/PLAN-P/dashboard?period=2024' });
    expect(year.statusCode).toBe(404);
    expect(year.json<Body>().message_vi).toMatch(/2024S1/);
  });
});
