import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN, type AppContext } from '../src/app/context.js';
import { evaluateIndicatorAcrossUnits } from '../src/app/evaluation/evaluate-indicator-across-units.js';
import { evaluatePlan, type PlanEvaluation } from '../src/app/evaluation/evaluate-plan.js';
import { traceActual } from '../src/app/evaluation/trace-actual.js';
import { importWorkbook } from '../src/app/import/import-workbook.js';
import { loadOfficialUnits } from '../src/app/units/load-official-units.js';
import type { Db } from '../src/store/db.js';
import { createTestDb, TEST_DB_KINDS } from './support/test-db.js';

// Issue 4, "the demo now evaluates": the demo workspace imported through the real import use case, then
// evaluated by the engine — Lào Cai at 2024S1 gives 8 / 11 / 4 / 1 of 24, and "97%/95%".

const DEMO = fileURLToPath(new URL('../data/demo/lao-cai-2024', import.meta.url));

describe.each(TEST_DB_KINDS)('the demo workspace evaluated on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let evaluation: PlanEvaluation;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2024-07-18T00:00:00Z') };
    await loadOfficialUnits(ctx, 'pre2025');
    await importWorkbook(ctx, LOCAL_ADMIN, { path: DEMO });
    await db.exec('ANALYZE');
    evaluation = await evaluatePlan(ctx, LOCAL_ADMIN, {
      plan: 'LCI-DX-2024',
      period: '2024S1',
      unit: 'pre2025:10',
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('gives 8 met or exceeded, 11 over 80 %, 4 from 50 to 80 %, 1 under 50 % of 24', () => {
    expect([evaluation.plan, evaluation.period, evaluation.unit, evaluation.total]).toEqual([
      'LCI-DX-2024',
      '2024S1',
      'pre2025:10',
      24,
    ]);
    expect(evaluation.bands).toEqual({ exceeded: 8, over80: 11, from50to80: 4, under50: 1, noData: 0 });
    expect(evaluation.share).toEqual({ a: 8, b: 24, percent: 33.3 });
  });

  it.each([
    ['DX_WORK_DOSSIERS_ONLINE', 97, 95, 1.0211, 'exceeded'],
    ['DX_SME_DIGITAL_PLATFORMS', 47, 30, 1.5667, 'exceeded'],
    ['DX_ADMIN_PROCEDURES_CUT', 30, 10, 3, 'exceeded'],
    ['DX_E_HEALTH_RECORDS', 95, 95, 1, 'exceeded'],
    ['DX_E_PAYMENT_ACCOUNTS', 45, 40, 1.125, 'exceeded'],
    ['DX_GOV_ARCHITECTURE_V3', true, 1, 1, 'exceeded'],
    ['DX_ADMIN_DOSSIERS_ONLINE', 55.3115, 60, 0.9219, 'over80'],
    ['DX_HOUSEHOLDS_FIBRE', 70.011, 75, 0.9335, 'over80'],
    ['DX_VILLAGES_WITHOUT_MOBILE_BB', 6, 0, 0.4, 'under50'],
  ])('%s: %s/%s, ratio %s, %s', (indicator, actual, target, ratio, band) => {
    const t = evaluation.targets.find((x) => x.indicator === indicator);
    expect(t).toMatchObject({ actual, target, ratio, band, actualSource: 'entered' });
  });

  it('forecasts 97%/95% at the year end from 2024Q1 = 96 and 2024S1 = 97', () => {
    const t = evaluation.targets.find((x) => x.indicator === 'DX_WORK_DOSSIERS_ONLINE');
    expect(t?.forecast).toEqual({
      value: 99,
      status: 'onTrack',
      method: 'leastSquares',
      points: [
        { period: '2024Q1', x: 3, y: 96 },
        { period: '2024S1', x: 6, y: 97 },
      ],
    });
  });

  it('keeps a forecast count at 0: 10 villages at 2024Q1 and 6 at 2024S1 do not project −2', () => {
    const t = evaluation.targets.find((x) => x.indicator === 'DX_VILLAGES_WITHOUT_MOBILE_BB');
    expect(t?.forecast).toMatchObject({ value: 0, status: 'onTrack', method: 'leastSquares' });
  });

  it('traces 97% to the value entered for the province at 2024S1', async () => {
    const trace = await traceActual(ctx, LOCAL_ADMIN, {
      plan: 'LCI-DX-2024',
      indicator: 'DX_WORK_DOSSIERS_ONLINE',
      period: '2024S1',
    });
    expect([trace.unit, trace.actual, trace.source]).toEqual(['pre2025:10', 97, 'entered']);
    expect(trace.values.map((v) => [v.unit, v.period, v.role, v.value, v.source])).toEqual([
      ['pre2025:10', '2024S1', 'entered', 97, 'import'],
    ]);
  });

  it('counts the communes with a standard LAN at 2024Q2: 151 communes, 29 without', async () => {
    const lan = await evaluateIndicatorAcrossUnits(ctx, LOCAL_ADMIN, {
      plan: 'LCI-DX-2024',
      indicator: 'REG_LAN',
      period: '2024Q2',
      parent: 'pre2025:10',
      level: 'commune',
    }).catch((e: unknown) => e);
    // REG_LAN has no target in the plan: the across-units view still answers, every unit without a ratio.
    expect(lan).toMatchObject({ total: 151 });
    const rows = (lan as Awaited<ReturnType<typeof evaluateIndicatorAcrossUnits>>).units;
    expect(rows.filter((u) => u.actual === 0)).toHaveLength(29);
    expect(rows.filter((u) => u.actual === 1)).toHaveLength(122);
  });
});
