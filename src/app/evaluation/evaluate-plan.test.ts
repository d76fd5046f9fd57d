import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, TEST_DB_KINDS } from '../../../test/support/test-db.js';
import { idOf, putPlan, putValue, seedEvaluationPlan } from '../../../test/support/evaluation-fixture.js';
import type { Db } from '../../store/db.js';
import { LOCAL_ADMIN, type Actor, type AppContext } from '../context.js';
import { evaluateIndicatorAcrossUnits } from './evaluate-indicator-across-units.js';
import { evaluatePlan, type TargetEvaluation } from './evaluate-plan.js';
import { traceActual } from './trace-actual.js';

const pick = (t: TargetEvaluation) => [t.indicator, t.unit, t.actual, t.target, t.ratio, t.band];

describe.each(TEST_DB_KINDS)('evaluation use cases on %s (docs/domain.md §6)', (kind) => {
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T00:00:00Z') };
    await seedEvaluationPlan(db);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('evaluates every target due in the year of P at its own unit, with band counts', async () => {
    const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1' });
    expect([e.plan, e.period, e.unit, e.total]).toEqual(['PLAN-P', '2024S1', 'P', 7]);
    expect(e.bands).toEqual({ exceeded: 2, over80: 1, from50to80: 1, under50: 2, noData: 1 });
    expect(e.share).toEqual({ a: 2, b: 7, percent: 28.6 });
    expect(e.targets.map(pick)).toEqual([
      ['RATIO', 'P', 62.5, 60, 1.0417, 'exceeded'],
      ['FLOW', 'P', 22, 50, 0.44, 'under50'],
      ['DONE', 'P', true, 1, 1, 'exceeded'],
      ['PCT', 'P', 44, 50, 0.88, 'over80'],
      ['LACK', 'P', 6, 0, 0.4, 'under50'],
      ['EMPTY', 'P', null, 5, null, 'noData'],
      ['FLOW', 'C1', 15, 20, 0.75, 'from50to80'],
    ]);
  });

  it('says where each actual came from and who leads the target', async () => {
    const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1' });
    const [ratio, , done, , , empty] = e.targets;
    expect(ratio).toMatchObject({
      actualSource: 'derived',
      valueCount: 2,
      unitCount: 2,
      leadUnit: 'AG',
      leadUnitName: 'Sở A',
      indicatorName: 'Tỷ lệ hộ có cáp quang',
      valueType: 'ratio',
      targetUnit: 'P',
    });
    expect(done).toMatchObject({ actualSource: 'entered', valueCount: 1, forecast: null });
    expect(empty).toMatchObject({ actualSource: null, valueCount: 0, reason: 'noActual', forecast: null });
  });

  it.each([
    // indicator index, value, status, method, points
    [0, 62.5, 'onTrack', 'singlePoint', [['2024S1', 6, 62.5]]],
    [
      1,
      32,
      'offTrack',
      'leastSquares',
      [
        ['2024Q1', 3, 17],
        ['2024Q2', 6, 5],
      ],
    ],
    [
      3,
      52,
      'onTrack',
      'leastSquares',
      [
        ['2024Q1', 3, 40],
        ['2024S1', 6, 44],
      ],
    ],
    [4, 6, 'offTrack', 'singlePoint', [['2024S1', 6, 6]]],
    [
      6,
      25,
      'onTrack',
      'leastSquares',
      [
        ['2024Q1', 3, 10],
        ['2024Q2', 6, 5],
      ],
    ],
  ] as const)(
    'forecasts target %i at the year end: %s (%s, %s)',
    async (i, value, status, method, points) => {
      const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1' });
      const f = e.targets[i]?.forecast;
      expect(f).toMatchObject({ value, status, method });
      expect(f?.points.map((p) => [p.period, p.x, p.y])).toEqual(points);
    },
  );

  it('applies the plan unit targets to a named unit, unless it has its own', async () => {
    const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1', unit: 'C1' });
    expect([e.unit, e.unitName, e.total]).toEqual(['C1', 'Xã C1', 6]);
    expect(e.targets.map((t) => [...pick(t), t.targetUnit])).toEqual([
      ['RATIO', 'C1', 25, 60, 0.4167, 'under50', 'P'],
      ['DONE', 'C1', null, 1, null, 'noData', 'P'],
      ['PCT', 'C1', 90, 50, 1.8, 'exceeded', 'P'],
      ['LACK', 'C1', 4, 0, 0.6, 'from50to80', 'P'],
      ['EMPTY', 'C1', null, 5, null, 'noData', 'P'],
      ['FLOW', 'C1', 15, 20, 0.75, 'from50to80', 'C1'],
    ]);
    expect(e.bands).toEqual({ exceeded: 1, over80: 0, from50to80: 2, under50: 1, noData: 2 });
  });

  it("takes only the plan unit's targets when the plan unit is named", async () => {
    const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1', unit: 'P' });
    expect(e.targets.map((t) => t.unit)).toEqual(['P', 'P', 'P', 'P', 'P', 'P']);
  });

  it('evaluates at the year and at a quarter, with no forecast once the due period is over', async () => {
    const year = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024' });
    expect(year.targets.every((t) => t.forecast === null)).toBe(true);
    const q1 = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024Q1' });
    expect(q1.targets.map((t) => t.actual)).toEqual([null, 17, null, 40, null, null, 10]);
  });

  it("uses the plan's own band bounds", async () => {
    await putPlan(
      db,
      { code: 'PLAN-B', unit: 'P', startYear: 2024, endYear: 2024, bands: { over80: 0.4, from50to80: 0.3 } },
      [{ indicator: 'FLOW', unit: 'P', period: '2024', target: 50 }],
    );
    const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-B', period: '2024S1' });
    expect(e.boundaries).toEqual({ exceeded: 1, over80: 0.4, from50to80: 0.3 });
    expect(e.targets.map((t) => t.band)).toEqual(['over80']);
  });

  it('shows a saved value at the next evaluation (up to date)', async () => {
    await putValue(db, 'EMPTY', 'C2', '2024Q2', 5);
    const e = await evaluatePlan(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', period: '2024S1' });
    expect(pick(e.targets[5] as TargetEvaluation)).toEqual(['EMPTY', 'P', 5, 5, 1, 'exceeded']);
    await db.query(
      `DELETE FROM data_value WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'EMPTY')`,
    );
  });

  it.each([
    [{ plan: 'NOPE', period: '2024S1' }, 'notFound'],
    [{ plan: 'PLAN-P', period: '2024s1' }, 'badInput'],
    [{ plan: 'PLAN-P', period: '2024S1', unit: 'ZZ' }, 'notFound'],
  ])('refuses %j (%s)', async (input, code) => {
    await expect(evaluatePlan(ctx, LOCAL_ADMIN, input)).rejects.toMatchObject({ code });
  });

  it('refuses a user without a grant over the unit', async () => {
    const c2 = await db.query<{ path: string }>(`SELECT path FROM unit WHERE code = 'C2'`);
    const actor: Actor = {
      kind: 'user',
      name: 'xa-c2',
      grants: [{ role: 'viewer', unitPath: c2[0]?.path ?? '' }],
      source: 'api',
    };
    await expect(evaluatePlan(ctx, actor, { plan: 'PLAN-P', period: '2024S1' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const own = await evaluatePlan(ctx, actor, { plan: 'PLAN-P', period: '2024S1', unit: 'C2' });
    expect(own.unit).toBe('C2');
  });

  it('evaluates one indicator at every unit below the plan unit, ranked', async () => {
    const r = await evaluateIndicatorAcrossUnits(ctx, LOCAL_ADMIN, {
      plan: 'PLAN-P',
      indicator: 'FLOW',
      period: '2024S1',
    });
    expect(r.units.map((u) => [u.unit, u.actual, u.target, u.targetUnit, u.ratio, u.band, u.rank])).toEqual([
      ['C1', 15, 20, 'C1', 0.75, 'from50to80', 1],
      ['C2', 7, 50, 'P', 0.14, 'under50', 2],
      ['AG', null, 50, 'P', null, 'noData', null],
    ]);
    expect(r.bands).toEqual({ exceeded: 0, over80: 0, from50to80: 1, under50: 1, noData: 1 });
    const communes = await evaluateIndicatorAcrossUnits(ctx, LOCAL_ADMIN, {
      plan: 'PLAN-P',
      indicator: 'RATIO',
      period: '2024S1',
      parent: 'P',
      level: 'commune',
    });
    expect(communes.units.map((u) => [u.unit, u.actual, u.ratio, u.rank])).toEqual([
      ['C2', 75, 1.25, 1],
      ['C1', 25, 0.4167, 2],
    ]);
  });

  it('traces a derived actual to the values below it, and an entered one to itself', async () => {
    const ratio = await traceActual(ctx, LOCAL_ADMIN, {
      plan: 'PLAN-P',
      indicator: 'RATIO',
      period: '2024S1',
    });
    expect([ratio.unit, ratio.actual, ratio.source, ratio.valueCount]).toEqual(['P', 62.5, 'derived', 2]);
    expect(
      ratio.values
        .map((v) => [v.unit, v.period, v.role, v.numerator, v.denominator, v.updatedBy, v.source])
        .sort(),
    ).toEqual([
      ['C1', '2024Q2', 'contributing', 1, 4, 'tester', 'import'],
      ['C2', '2024Q2', 'contributing', 9, 12, 'tester', 'import'],
    ]);
    const done = await traceActual(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', indicator: 'DONE', period: '2024S1' });
    expect([done.actual, done.source, done.values.map((v) => [v.unit, v.role, v.value])]).toEqual([
      true,
      'entered',
      [['P', 'entered', 1]],
    ]);
    expect(Number.isNaN(Date.parse(done.values[0]?.updatedAt ?? ''))).toBe(false);
    const pct = await traceActual(ctx, LOCAL_ADMIN, {
      plan: 'PLAN-P',
      indicator: 'PCT',
      period: '2024S1',
      unit: 'P',
    });
    expect([pct.values.length, pct.ignoredCount]).toEqual([2, 1]);
    await expect(
      traceActual(ctx, LOCAL_ADMIN, { plan: 'PLAN-P', indicator: 'RATIO', period: '2023S1' }),
    ).rejects.toMatchObject({ code: 'notFound' });
    expect(await idOf(db, 'plan', 'PLAN-P')).toBeGreaterThan(0);
  });
});
