import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../src/api/api-types.js';
import { buildServer } from '../../src/api/server.js';
import { LOCAL_ADMIN, type AppContext } from '../../src/app/context.js';
import { rebuildRollup } from '../../src/app/rollup/rebuild-rollup.js';
import { createApiToken } from '../../src/app/session/api-tokens.js';
import type { Db } from '../../src/store/db.js';
import { beginRollupRebuild } from '../../src/store/rollup-state.queries.js';
import { putValue, seedEvaluationPlan } from '../support/evaluation-fixture.js';
import { createTestDb, TEST_DB_KINDS } from '../support/test-db.js';

// GET /api/v1/rollup (administrators of the whole installation), and what the evaluation routes say while the
// rollup rows are being rebuilt (docs/evaluation.md, "Rebuilding the rollup rows").

describe.each(TEST_DB_KINDS)('rollup rows in the API on %s', (kind) => {
  let db: Db;
  let ctx: AppContext;
  let app: Api;
  let admin: string;
  let provinceAdmin: string;

  beforeAll(async () => {
    db = await createTestDb(kind);
    ctx = { db, now: () => new Date('2026-12-05T21:00:00Z') };
    await seedEvaluationPlan(db);
    admin = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'root', role: 'admin', unit: '/' })).token;
    provinceAdmin = (await createApiToken(ctx, LOCAL_ADMIN, { name: 'p', role: 'admin', unit: 'P' })).token;
    app = await buildServer({ ctx });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const get = (url: string, token: string) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('shows the state to an administrator of the installation only', async () => {
    expect((await get('/api/v1/rollup', provinceAdmin)).statusCode).toBe(403);
    const res = await get('/api/v1/rollup', admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'complete', batchesDone: 0, batchesTotal: 0 });
  });

  it('evaluations say they were computed from the values while a rebuild is under way', async () => {
    await beginRollupRebuild(db, 'local-admin', ctx.now(), false);
    const status = (await get('/api/v1/rollup', admin)).json();
    expect(status).toMatchObject({ status: 'rebuilding', batchesDone: 0, batchesTotal: 6, finishedAt: null });
    expect(status.startedAt).toBe('2026-12-05T21:00:00.000Z');

    const during = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', provinceAdmin)).json();
    expect(during).toMatchObject({
      actualsFrom: 'values',
      notice: {
        message_vi: 'Đang dựng lại số liệu tổng hợp; kết quả được tính trực tiếp từ số liệu.',
        message_en: 'The rollup rows are being rebuilt; the results were computed directly from the values.',
      },
      bands: { exceeded: 2, over80: 1, from50to80: 1, under50: 2, noData: 1 },
    });
    const across = (
      await get('/api/v1/indicators/FLOW/evaluation?plan=PLAN-P&period=2024S1', provinceAdmin)
    ).json();
    expect(across.actualsFrom).toBe('values');

    await rebuildRollup(ctx, LOCAL_ADMIN);
    const after = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', provinceAdmin)).json();
    expect([after.actualsFrom, after.notice]).toEqual(['rollup', null]);
    expect(after.targets).toEqual(during.targets);
    expect((await get('/api/v1/rollup', admin)).json()).toMatchObject({
      status: 'complete',
      batchesDone: 6,
      batchesTotal: 6,
      valuesDone: 11,
    });
  });

  it('answers from the rollup rows values entered at several levels, as the values themselves give them', async () => {
    // C1's half-year total stands for its own quarters (10 + 5) and for its village's quarter (3), at C1 and at P;
    // V1's quarter still counts for V1 itself.
    await putValue(db, 'FLOW', 'C1', '2024S1', 100);
    await putValue(db, 'FLOW', 'V1', '2024Q1', 3);
    const flow = (doc: { targets: { indicator: string; unit: string; actual: number | null }[] }) =>
      doc.targets.find((t) => t.indicator === 'FLOW' && t.unit === 'P');
    const fromRows = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', provinceAdmin)).json();
    expect(fromRows.actualsFrom).toBe('rollup');
    expect(flow(fromRows)).toMatchObject({
      actual: 107,
      actualSource: 'derived',
      valueCount: 2,
      unitCount: 2,
    });
    const atC1 = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1&unit=C1', provinceAdmin)).json();
    expect(atC1.targets.find((t: { indicator: string }) => t.indicator === 'FLOW')).toMatchObject({
      actual: 100,
      actualSource: 'entered',
    });
    const atV1 = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024Q1&unit=V1', provinceAdmin)).json();
    expect(atV1.targets.find((t: { indicator: string }) => t.indicator === 'FLOW')).toMatchObject({
      actual: 3,
    });

    await beginRollupRebuild(db, 'local-admin', ctx.now(), false);
    const fromValues = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', provinceAdmin)).json();
    expect(fromValues.actualsFrom).toBe('values');
    expect(fromValues.targets).toEqual(fromRows.targets);
    await rebuildRollup(ctx, LOCAL_ADMIN);
    const after = (await get('/api/v1/plans/PLAN-P/evaluation?period=2024S1', provinceAdmin)).json();
    expect([after.actualsFrom, after.targets]).toEqual(['rollup', fromRows.targets]);
  });
});
